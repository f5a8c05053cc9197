// The client-frame budget of PROTOCOL.md: over `maxFramesPerSecond` in a second a frame is dropped with an error,
// over twice that the connection is closed with 4429.

export interface RateWindow {
  readonly startedAt: number;
  readonly count: number;
}

export type RateVerdict = 'accept' | 'reject' | 'close';

export const FRESH_WINDOW: RateWindow = { startedAt: Number.NEGATIVE_INFINITY, count: 0 };

/** Counts one frame arriving at `now` (ms) in fixed one-second windows. */
export function countFrame(
  window: RateWindow,
  now: number,
  maxFramesPerSecond: number,
): { window: RateWindow; verdict: RateVerdict } {
  const next = now - window.startedAt >= 1000 ? { startedAt: now, count: 1 } : { ...window, count: window.count + 1 };
  const verdict = next.count > 2 * maxFramesPerSecond ? 'close' : next.count > maxFramesPerSecond ? 'reject' : 'accept';
  return { window: next, verdict };
}

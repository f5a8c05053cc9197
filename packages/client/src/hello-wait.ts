// How long the client waits for a hello (after its socket opened, or after a resync), and when it gives up. The
// deadline is for a silent server, not for a slow download of a large project:
// - where the platform shows bytes arriving (Node's `ws`: its TCP socket's `bytesRead`), the client gives up only
//   after `timeoutMs` in which nothing arrived, however long the hello takes;
// - a browser delivers whole messages only, and nothing before: there the wait adapts. Each hello that did not come
//   doubles the next wait, and a full hello that came sets it to twice what it took, within [timeoutMs, 16 ×
//   timeoutMs], so a large project over a slow link loads on a later attempt and keeps loading after.
import { MAX_DELAY_MS } from './check.js';
import type { TimerHandle, Timers } from './timers.js';

/** The longest wait for a hello, as a multiple of `timeoutMs` (160 s with the default 10 s). */
export const HELLO_WAIT_MAX_FACTOR = 16;

export type HelloWaitOutcome =
  | { readonly type: 'timed-out' }
  /** `progressVisible`: the platform showed the bytes arriving, so the deadline did not have to cover the download. */
  | { readonly type: 'arrived'; readonly tookMs: number; readonly full: boolean; readonly progressVisible: boolean };

/** The wait for the next hello, after `outcome` of the current one. */
export function nextHelloWaitMs(current: number, outcome: HelloWaitOutcome, timeoutMs: number): number {
  const longest = Math.min(timeoutMs * HELLO_WAIT_MAX_FACTOR, MAX_DELAY_MS);
  if (outcome.type === 'timed-out') return Math.min(current * 2, longest);
  // A resumed hello is small: it says nothing of how long a full one takes.
  if (!outcome.full) return current;
  if (outcome.progressVisible) return timeoutMs;
  return Math.min(Math.max(timeoutMs, Math.ceil(outcome.tookMs * 2)), longest);
}

/** What the client waits for: the hello of a new connection, or the answer to a resync. */
export type HelloWaitKind = 'hello' | 'resync';

export interface HelloDeadline {
  /** Whether a hello is awaited. */
  readonly armed: boolean;
  /** Starts waiting (again) for a hello. */
  arm(kind: HelloWaitKind): void;
  /** A valid hello arrived. */
  arrived(full: boolean): void;
  /** Stops waiting (an invalid hello answered, the socket closed, the client stopped). */
  clear(): void;
}

export interface HelloDeadlineDeps {
  readonly timers: Timers;
  readonly now: () => number;
  /** The heartbeat timeout: the shortest wait, and the silence that ends one where bytes can be seen arriving. */
  readonly timeoutMs: number;
  /** Bytes received on the current socket so far, or null where the platform does not show them. */
  readonly receivedBytes: () => number | null;
}

export function createHelloDeadline(
  deps: HelloDeadlineDeps,
  onExpired: (failure: { code: string; reason: string }) => void,
): HelloDeadline {
  const { timers, now, timeoutMs } = deps;
  let waitMs = timeoutMs;
  let timer: TimerHandle | null = null;
  let armedAt = 0;
  let progressVisible = false;

  const clear = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  };

  function arm(kind: HelloWaitKind) {
    clear();
    armedAt = now();
    const first = deps.receivedBytes();
    progressVisible = first !== null;
    let seen = first;
    const check = () => {
      timer = null;
      const bytes = deps.receivedBytes();
      if (bytes !== null && seen !== null && bytes > seen) {
        seen = bytes;
        timer = timers.setTimeout(check, timeoutMs);
        return;
      }
      const waited = waitMs;
      waitMs = nextHelloWaitMs(waitMs, { type: 'timed-out' }, timeoutMs);
      const came = bytes !== null && first !== null ? bytes - first : 0;
      onExpired({
        code: kind === 'hello' ? 'hello_timeout' : 'resync_timeout',
        reason:
          came > 0
            ? `the hello stopped arriving: nothing for ${timeoutMs} ms after ${came} bytes; the next wait is ${waitMs} ms`
            : `no hello within ${waited} ms of ${kind === 'hello' ? 'the socket opening' : 'a resync'}` +
              `${bytes === null ? '' : ', and nothing arrived'}; the next wait is ${waitMs} ms`,
      });
    };
    timer = timers.setTimeout(check, waitMs);
  }

  return {
    get armed() {
      return timer !== null;
    },
    arm,
    arrived(full) {
      if (timer === null) return;
      clear();
      waitMs = nextHelloWaitMs(waitMs, { type: 'arrived', tookMs: now() - armedAt, full, progressVisible }, timeoutMs);
    },
    clear,
  };
}

// The reconnection delay of PROTOCOL.md: exponential growth, capped, with jitter.

export interface BackoffOptions {
  /** The first delay before jitter (default 250 ms). */
  minDelayMs: number;
  /** The cap before jitter (default 10 s). */
  maxDelayMs: number;
  /** How much each consecutive failure multiplies the delay (default 1.5). */
  growFactor: number;
  /** The share of the delay that is random: the delay is multiplied by a uniform factor in [1 - jitter, 1] (default 0.5). */
  jitter: number;
}

export const DEFAULT_BACKOFF: Readonly<BackoffOptions> = {
  minDelayMs: 250,
  maxDelayMs: 10_000,
  growFactor: 1.5,
  jitter: 0.5,
};

/** A connection that stayed open this long resets the count of consecutive failures. */
export const BACKOFF_RESET_AFTER_MS = 5_000;

/**
 * The delay before the n-th consecutive reconnection (n from 0):
 * `min(maxDelay, minDelay · growFactor^n)` times a uniform random factor in [1 - jitter, 1].
 * `random` returns a number in [0, 1), like `Math.random`.
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  const base = Math.min(options.maxDelayMs, options.minDelayMs * options.growFactor ** Math.max(0, attempt));
  return base * (1 - options.jitter * random());
}

/** Checks reconnect options at the boundary, so that a wrong value fails at `createSnapshotClient`, not at the first drop. */
export function resolveBackoffOptions(input: Partial<BackoffOptions> | undefined): BackoffOptions {
  const options = { ...DEFAULT_BACKOFF, ...input };
  const { minDelayMs, maxDelayMs, growFactor, jitter } = options;
  if (!(Number.isFinite(minDelayMs) && minDelayMs >= 0)) {
    throw new RangeError(`reconnect.minDelayMs must be a finite number >= 0, got ${String(minDelayMs)}`);
  }
  if (!(Number.isFinite(maxDelayMs) && maxDelayMs >= minDelayMs)) {
    throw new RangeError(
      `reconnect.maxDelayMs must be a finite number >= minDelayMs (${minDelayMs}), got ${String(maxDelayMs)}`,
    );
  }
  if (!(Number.isFinite(growFactor) && growFactor >= 1)) {
    throw new RangeError(`reconnect.growFactor must be a finite number >= 1, got ${String(growFactor)}`);
  }
  if (!(jitter >= 0 && jitter <= 1)) throw new RangeError(`reconnect.jitter must be in [0, 1], got ${String(jitter)}`);
  return options;
}

// The reconnection delay of PROTOCOL.md: exponential growth, capped, with jitter.
import { checkInteger, checkNumber, checkObject, MAX_DELAY_MS, optional } from './check.js';

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

/** Checks the `reconnect` option field by field, so that a wrong value fails at creation, not at the first drop. */
export function resolveBackoffOptions(input: unknown): BackoffOptions {
  if (input === undefined) return { ...DEFAULT_BACKOFF };
  const given = checkObject('reconnect', input);
  const minDelayMs = optional(given.minDelayMs, DEFAULT_BACKOFF.minDelayMs, (v) =>
    checkInteger('reconnect.minDelayMs', v, 0, MAX_DELAY_MS),
  );
  const maxDelayMs = optional(given.maxDelayMs, Math.max(minDelayMs, DEFAULT_BACKOFF.maxDelayMs), (v) =>
    checkInteger('reconnect.maxDelayMs', v, minDelayMs, MAX_DELAY_MS, 'reconnect.minDelayMs'),
  );
  return {
    minDelayMs,
    maxDelayMs,
    growFactor: optional(given.growFactor, DEFAULT_BACKOFF.growFactor, (v) =>
      checkNumber('reconnect.growFactor', v, 1, Number.POSITIVE_INFINITY),
    ),
    jitter: optional(given.jitter, DEFAULT_BACKOFF.jitter, (v) => checkNumber('reconnect.jitter', v, 0, 1)),
  };
}

import { describe, expect, it } from 'vitest';
import { BACKOFF_RESET_AFTER_MS, backoffDelay, DEFAULT_BACKOFF, resolveBackoffOptions } from './backoff.js';

const noJitter = () => 0;
const fullJitter = () => 0.999_999;

describe('backoffDelay', () => {
  it('starts at the minimum delay and grows by the factor', () => {
    const delays = [0, 1, 2, 3].map((n) => backoffDelay(n, DEFAULT_BACKOFF, noJitter));
    expect(delays).toEqual([250, 375, 562.5, 843.75]);
  });

  it('is capped at the maximum delay', () => {
    expect(backoffDelay(20, DEFAULT_BACKOFF, noJitter)).toBe(10_000);
    expect(backoffDelay(1_000, DEFAULT_BACKOFF, noJitter)).toBe(10_000);
  });

  it('multiplies by a jitter factor in [0.5, 1] with the default options', () => {
    expect(backoffDelay(0, DEFAULT_BACKOFF, fullJitter)).toBeCloseTo(125, 3);
    expect(backoffDelay(0, DEFAULT_BACKOFF, () => 0.5)).toBe(187.5);
    expect(backoffDelay(20, DEFAULT_BACKOFF, fullJitter)).toBeCloseTo(5_000, 1);
  });

  it('follows the schedule of PROTOCOL.md for every attempt and random draw', () => {
    for (let n = 0; n < 30; n++) {
      for (const r of [0, 0.25, 0.5, 0.75, 0.999]) {
        const base = Math.min(10_000, 250 * 1.5 ** n);
        const delay = backoffDelay(n, DEFAULT_BACKOFF, () => r);
        expect(delay).toBeGreaterThanOrEqual(base * 0.5);
        expect(delay).toBeLessThanOrEqual(base);
      }
    }
  });

  it('resets after a connection stayed open for 5 s', () => {
    expect(BACKOFF_RESET_AFTER_MS).toBe(5_000);
  });
});

describe('resolveBackoffOptions', () => {
  it('fills in the defaults', () => {
    expect(resolveBackoffOptions(undefined)).toEqual({
      minDelayMs: 250,
      maxDelayMs: 10_000,
      growFactor: 1.5,
      jitter: 0.5,
    });
    expect(resolveBackoffOptions({ minDelayMs: 10 }).minDelayMs).toBe(10);
  });

  it('names the wrong value', () => {
    expect(() => resolveBackoffOptions({ minDelayMs: -1 })).toThrow(/minDelayMs.*-1/);
    expect(() => resolveBackoffOptions({ minDelayMs: 100, maxDelayMs: 50 })).toThrow(/maxDelayMs.*50/);
    expect(() => resolveBackoffOptions({ growFactor: 0.5 })).toThrow(/growFactor.*0\.5/);
    expect(() => resolveBackoffOptions({ jitter: 2 })).toThrow(/jitter.*2/);
  });
});

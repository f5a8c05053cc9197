import { describe, expect, it } from 'vitest';
import { retryLabel } from './retry-countdown.js';

describe('retryLabel', () => {
  it('counts the whole seconds left, rounded up, then says the attempt is due', () => {
    expect(retryLabel(10_000, 7_000)).toBe('retrying in 3 s');
    expect(retryLabel(10_000, 7_001)).toBe('retrying in 3 s');
    expect(retryLabel(10_000, 8_999)).toBe('retrying in 2 s');
    expect(retryLabel(10_000, 9_999)).toBe('retrying in 1 s');
    expect(retryLabel(10_000, 10_000)).toBe('retrying now');
    expect(retryLabel(10_000, 12_000)).toBe('retrying now');
  });
});

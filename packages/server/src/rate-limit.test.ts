import { describe, expect, it } from 'vitest';
import { countFrame, FRESH_WINDOW, type RateVerdict } from './rate-limit.js';

function verdicts(times: number[], max: number): RateVerdict[] {
  let window = FRESH_WINDOW;
  return times.map((t) => {
    const counted = countFrame(window, t, max);
    window = counted.window;
    return counted.verdict;
  });
}

describe('rate limit', () => {
  it('accepts up to the limit in a second, rejects beyond it, and closes beyond twice it', () => {
    expect(verdicts([0, 1, 2, 3, 4, 5, 6], 2)).toEqual([
      'accept',
      'accept',
      'reject',
      'reject',
      'close',
      'close',
      'close',
    ]);
  });

  it('starts a fresh count each second', () => {
    expect(verdicts([0, 10, 999, 1000, 1001, 1500], 2)).toEqual([
      'accept',
      'accept',
      'reject',
      'accept',
      'accept',
      'reject',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { checkInteger, describeValue, MAX_DELAY_MS } from './check.js';

describe('describeValue', () => {
  it.each<[unknown, string]>([
    ['100', '"100" (string)'],
    [Number.NaN, 'NaN (number)'],
    [12.5, '12.5 (number)'],
    [null, 'null'],
    [undefined, 'undefined'],
    [true, 'true (boolean)'],
    [{}, '{} (object)'],
    [{ a: 1, b: 2 }, '{ a, b } (object)'],
    [{ a: 1, b: 2, c: 3, d: 4, e: 5 }, '{ a, b, c, d, … } (object)'],
    [[1, 2], 'an array of 2 (array)'],
    [function named() {}, 'named (function)'],
    ['x'.repeat(100), `"${'x'.repeat(80)}…" (string)`],
  ])('shows %o as %s', (value, shown) => {
    expect(describeValue(value)).toBe(shown);
  });
});

describe('checkInteger', () => {
  it('takes the bounds themselves and refuses one past them, as a RangeError', () => {
    expect(checkInteger('d', 0, 0, MAX_DELAY_MS)).toBe(0);
    expect(checkInteger('d', MAX_DELAY_MS, 0, MAX_DELAY_MS)).toBe(MAX_DELAY_MS);
    expect(() => checkInteger('d', MAX_DELAY_MS + 1, 0, MAX_DELAY_MS)).toThrow(RangeError);
    expect(() => checkInteger('d', -1, 0, MAX_DELAY_MS)).toThrow(RangeError);
  });

  it('refuses a value of another type as a TypeError', () => {
    expect(() => checkInteger('d', '1', 0, 10)).toThrow(
      new TypeError('d must be an integer ≥ 0 and ≤ 10, got "1" (string)'),
    );
  });
});

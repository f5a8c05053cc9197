import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CountSchema, IntSchema, IsoTimeSchema, isIsoTime } from './scalars.js';

/** The definition: `text` is what `toISOString()` prints for the time it parses to (a four-digit year: 24 characters). */
function printsBack(text: string): boolean {
  const time = Date.parse(text);
  return text.length === 24 && !Number.isNaN(time) && new Date(time).toISOString() === text;
}

const digits = (length: number) => fc.stringMatching(new RegExp(`^\\d{${length}}$`));
/** Strings of the wire's shape with any digits: 02-30, 13th months, 24:00 and 60 seconds among them. */
const isoShaped = fc
  .tuple(digits(4), digits(2), digits(2), digits(2), digits(2), digits(2), digits(3))
  .map(([y, mo, d, h, mi, s, ms]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`);
const anyTime = fc.date({ noInvalidDate: true }).map((date) => date.toISOString());
/** Times of four-digit years, the ones the wire takes. */
const wireTime = fc
  .date({ min: new Date('0000-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true })
  .map((date) => date.toISOString());

describe('isIsoTime', () => {
  it('accepts exactly the strings toISOString() prints for the time they parse to', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          isoShaped,
          wireTime,
          anyTime,
          fc.string(),
          wireTime.map((t) => t.replace('Z', '+00:00')),
        ),
        (text) => {
          expect(isIsoTime(text)).toBe(printsBack(text));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it.each([
    ['a toISOString() time', '2026-11-25T10:00:00.000Z', true],
    ['29 February of a leap year', '2024-02-29T23:59:59.999Z', true],
    ['the year 0000', '0000-01-01T00:00:00.000Z', true],
    ['29 February of another year', '2026-02-29T10:00:00.000Z', false],
    ['a date alone', '2026-11-25', false],
    ['no milliseconds', '2026-11-25T10:00:00Z', false],
    ['an offset', '2026-11-25T10:00:00.000+00:00', false],
    ['a six-digit year', '+012026-11-25T10:00:00.000Z', false],
    ['24:00', '2026-11-25T24:00:00.000Z', false],
  ])('for %s: %s', (_name, text, expected) => {
    expect(isIsoTime(text)).toBe(expected);
  });

  it('is the check of IsoTimeSchema, whose failure says which form it expects', () => {
    expect(IsoTimeSchema.safeParse('2026-11-25T10:00:00.000Z').success).toBe(true);
    const parsed = IsoTimeSchema.safeParse('2026-11-25');
    expect(parsed.error?.issues.map((issue) => issue.message)).toEqual(['expected a time in toISOString() form']);
  });
});

describe('IntSchema and CountSchema', () => {
  it.each([
    [0, true, true],
    [-3, true, false],
    [Number.MAX_SAFE_INTEGER, true, true],
    [Number.MAX_SAFE_INTEGER + 1, false, false],
    [1.5, false, false],
    ['3', false, false],
  ])('%s: an integer %s, a count %s', (value, isInt, isCount) => {
    expect(IntSchema.safeParse(value).success).toBe(isInt);
    expect(CountSchema.safeParse(value).success).toBe(isCount);
  });
});

// The wire's scalar rules: ids, integers and times. zod/mini's `z.int()` and `z.iso.datetime()` check the same values
// with 1.0 KB more of zod in every browser bundle, so these are refinements; json-schema.ts writes them as the JSON
// Schema those built-ins produce (`integer` with its safe bounds, `date-time` with its pattern), unchanged on the wire.
import * as z from 'zod/mini';

/** A number that is an integer JavaScript holds exactly (within ±(2^53 − 1)), as every count and seq on the wire. */
export const SAFE_INTEGER = z.refine<number>((value) => Number.isSafeInteger(value), 'expected a safe integer');

export const IntSchema = z.number().check(SAFE_INTEGER);
/** A count, a version or a seq: an integer ≥ 0. */
export const CountSchema = IntSchema.check(z.minimum(0));
export const IdSchema = z.string().check(z.minLength(1));

/**
 * `Date.prototype.toISOString()`'s form for the years 0000–9999: a valid date (29 February in leap years only), a
 * time to the millisecond, in UTC. The JSON Schema states the same pattern (json-schema.ts).
 */
export const ISO_TIME_PATTERN =
  '^(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))T(?:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d\\.\\d{3}(?:Z))$';

const ISO_TIME_REGEX = new RegExp(ISO_TIME_PATTERN);

/**
 * Whether `value` is what `Date.prototype.toISOString()` returns for some time, so that a time has one form only and
 * equal times are equal strings. (A regular expression: parsing and printing the time again checks the same and is
 * twice as slow, and a full hello checks three times per workspace.)
 */
export function isIsoTime(value: string): boolean {
  return ISO_TIME_REGEX.test(value);
}

export const ISO_TIME = z.refine<string>(isIsoTime, 'expected a time in toISOString() form');

/** Every time on the wire is in `Date.prototype.toISOString()` form, so that equal times are equal strings. */
export const IsoTimeSchema = z.string().check(ISO_TIME);

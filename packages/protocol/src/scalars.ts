// The wire's scalar rules: ids, integers and times. zod/mini's `z.int()` and `z.iso.datetime()` check the same values
// with 1.2 KB more of zod in every browser bundle, so these are refinements; json-schema.ts writes them as the JSON
// Schema those built-ins produce (`integer` with its safe bounds, `date-time` with its pattern), unchanged on the wire.
import * as z from 'zod/mini';

/** A number that is an integer JavaScript holds exactly (within ±(2^53 − 1)), as every count and seq on the wire. */
export const SAFE_INTEGER = z.refine<number>((value) => Number.isSafeInteger(value), 'expected a safe integer');

export const IntSchema = z.number().check(SAFE_INTEGER);
/** A count, a version or a seq: an integer ≥ 0. */
export const CountSchema = IntSchema.check(z.minimum(0));
export const IdSchema = z.string().check(z.minLength(1));

/**
 * Whether `value` is what `Date.prototype.toISOString()` returns for some time of the years 0000–9999: parsing it and
 * printing it again gives it back, so a time has one form only and equal times are equal strings.
 */
export function isIsoTime(value: string): boolean {
  const time = Date.parse(value);
  return value.length === 24 && !Number.isNaN(time) && new Date(time).toISOString() === value;
}

export const ISO_TIME = z.refine<string>(isIsoTime, 'expected a time in toISOString() form');

/** Every time on the wire is in `Date.prototype.toISOString()` form, so that equal times are equal strings. */
export const IsoTimeSchema = z.string().check(ISO_TIME);

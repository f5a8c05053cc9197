// Checks of option values where they enter: a failure names the option, what it must be, and the value it got with
// its type (`connectTimeoutMs must be an integer ≥ 1 and ≤ 2147483647, got "100" (string)`).

/** The longest delay timers keep: `setTimeout` fires at once for anything above 2^31 − 1 ms (about 24.8 days). */
export const MAX_DELAY_MS = 2 ** 31 - 1;

/** A value as an error message shows it: `"100" (string)`, `NaN (number)`, `{ a, b } (object)`, `null`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'string')
    return `${JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)} (string)`;
  if (typeof value === 'function') return `${value.name || 'anonymous'} (function)`;
  if (Array.isArray(value)) return `an array of ${value.length} (array)`;
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    const shown = keys.slice(0, 4).join(', ') + (keys.length > 4 ? ', …' : '');
    return `${keys.length === 0 ? '{}' : `{ ${shown} }`} (object)`;
  }
  return `${String(value)} (${typeof value})`;
}

function fail(name: string, expected: string, value: unknown, Kind: new (message: string) => Error = TypeError): never {
  throw new Kind(`${name} must ${expected}, got ${describeValue(value)}`);
}

/** An integer in [min, max]; `minName` says where a minimum that is another option's value comes from. */
export function checkInteger(name: string, value: unknown, min: number, max: number, minName?: string): number {
  const expected = `be an integer ≥ ${min}${minName === undefined ? '' : ` (${minName})`} and ≤ ${max}`;
  if (typeof value !== 'number') fail(name, expected, value);
  if (!Number.isInteger(value) || value < min || value > max) fail(name, expected, value, RangeError);
  return value;
}

/** A finite number in [min, max]. */
export function checkNumber(name: string, value: unknown, min: number, max: number): number {
  const expected =
    max === Number.POSITIVE_INFINITY ? `be a finite number ≥ ${min}` : `be a number ≥ ${min} and ≤ ${max}`;
  if (typeof value !== 'number') fail(name, expected, value);
  if (!Number.isFinite(value) || value < min || value > max) fail(name, expected, value, RangeError);
  return value;
}

export function checkFunction<F extends (...args: never[]) => unknown>(name: string, value: unknown): F {
  if (typeof value !== 'function') fail(name, 'be a function', value);
  return value as F;
}

export function checkBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') fail(name, 'be a boolean', value);
  return value;
}

export function checkNonEmptyString(name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') fail(name, 'be a non-empty string', value);
  return value;
}

/** A plain object of nested options (field by field checks follow). */
export function checkObject(name: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(name, 'be an object', value);
  return value as Record<string, unknown>;
}

/** `check(value)` when the option is given, else `fallback`. */
export function optional<T>(value: unknown, fallback: T, check: (value: unknown) => T): T {
  return value === undefined ? fallback : check(value);
}

/** Throws the error of a value that is none of the shapes an option takes (`expected` starts with its verb). */
export function refuse(name: string, expected: string, value: unknown): never {
  fail(name, expected, value);
}

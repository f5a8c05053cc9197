// Records keyed by workspace id: ids are any non-empty string, `constructor` and `__proto__` included, so lookups see
// own properties only and writes define them (an assignment to `__proto__` would set the prototype instead).

/** The record's own value for `key`, never one inherited from `Object.prototype`. */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Sets `key` as an own, enumerable property, whatever its name. */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * A shallow copy of `record`. An explicit loop over the keys is about twice as fast as `{ ...record }` for the large
 * (dictionary-mode) records a project's workspaces make, and every change copies one.
 */
export function copyRecord<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  const copy: Record<string, T> = {};
  for (const key of Object.keys(record)) {
    if (key === '__proto__') setOwn(copy, key, record[key]!);
    else copy[key] = record[key]!;
  }
  return copy;
}

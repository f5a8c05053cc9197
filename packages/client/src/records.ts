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

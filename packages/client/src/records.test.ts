import { describe, expect, it } from 'vitest';
import { copyRecord, ownValue, setOwn } from './records.js';

describe('records keyed by workspace id', () => {
  it('copy every own key, __proto__ and constructor included, into a new plain object', () => {
    const record: Record<string, number> = {};
    for (const key of ['a', '__proto__', 'constructor', 'toString']) setOwn(record, key, key.length);
    const copy = copyRecord(record);
    expect(copy).not.toBe(record);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['a', '__proto__', 'constructor', 'toString']);
    expect(ownValue(copy, '__proto__')).toBe(9);
    expect(ownValue(copy, 'constructor')).toBe(11);
  });

  it('read only own values', () => {
    expect(ownValue({}, 'constructor')).toBeUndefined();
    expect(ownValue({}, 'hasOwnProperty')).toBeUndefined();
  });
});

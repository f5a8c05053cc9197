import { describe, expect, it } from 'vitest';
import { idsBy, sameItems } from './same-items.js';

describe('idsBy', () => {
  it('gives the same ids array for the same list object, and a new one for another list', () => {
    const ids = idsBy((item: { id: string }) => item.id);
    const list = [{ id: 'a' }, { id: 'b' }];
    expect(ids(list)).toEqual(['a', 'b']);
    expect(ids(list)).toBe(ids(list));
    expect(ids([...list])).not.toBe(ids(list));
  });
});

describe('sameItems', () => {
  it('holds for the same items in the same order, and not for another order or length', () => {
    expect(sameItems(['a', 'b'], ['a', 'b'])).toBe(true);
    expect(sameItems(['a', 'b'], ['b', 'a'])).toBe(false);
    expect(sameItems(['a'], ['a', 'b'])).toBe(false);
  });
});

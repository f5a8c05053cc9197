import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashOf, type Trie, trieDelete, trieGet, trieOf, trieSet } from './hash-trie.js';

/** Two keys with the same 32-bit hash (found by a search over `k0`, `k1`, …). */
const TWINS = ['k32728', 'k261234'] as const;

/** A trie built one set at a time. */
function build(entries: [string, number][]): Trie<number> {
  let trie: Trie<number>;
  for (const [key, value] of entries) trie = trieSet(trie, key, value);
  return trie;
}

describe('the hash trie', () => {
  it('reads back each key it holds, whatever its name, and nothing else', () => {
    const keys = ['a', '__proto__', 'constructor', 'toString', '', 'é', '😀'];
    const trie = build(keys.map((key, i) => [key, i]));
    expect(keys.map((key) => trieGet(trie, key))).toEqual(keys.map((_, i) => i));
    expect(trieGet(trie, 'hasOwnProperty')).toBeUndefined();
    expect(trieGet(trie, 'valueOf')).toBeUndefined();
    expect(trieGet(undefined, 'a')).toBeUndefined();
  });

  it('holds keys whose hashes are equal apart, through sets and deletes', () => {
    expect(hashOf(TWINS[0])).toBe(hashOf(TWINS[1]));
    const [first, second] = TWINS;
    const both = build([
      [first, 1],
      ['other', 3],
      [second, 2],
    ]);
    expect([trieGet(both, first), trieGet(both, second), trieGet(both, 'other')]).toEqual([1, 2, 3]);
    const changed = trieSet(both, second, 20);
    expect([trieGet(changed, first), trieGet(changed, second)]).toEqual([1, 20]);
    const one = trieDelete(changed, first);
    expect([trieGet(one, first), trieGet(one, second), trieGet(one, 'other')]).toEqual([undefined, 20, 3]);
    expect(trieDelete(trieDelete(one, second), 'other')).toBeUndefined();
    // Twins at the root, then a third key whose hash differs: the pair moves down a level.
    const pair = build([
      [first, 1],
      [second, 2],
    ]);
    const three = trieSet(pair, 'third', 3);
    expect([trieGet(three, first), trieGet(three, second), trieGet(three, 'third')]).toEqual([1, 2, 3]);
    expect(trieGet(pair, 'third')).toBeUndefined();
  });

  it('returns the same root for a change that changes nothing', () => {
    const trie = build([
      ['a', 1],
      ['b', 2],
    ]);
    expect(trieSet(trie, 'a', 1)).toBe(trie);
    expect(trieDelete(trie, 'missing')).toBe(trie);
  });

  it('builds in one pass a trie that reads like one built a set at a time', () => {
    const entries = [...TWINS, ...Array.from({ length: 2_000 }, (_, i) => `w${i}`)].map((key, i): [string, number] => [
      key,
      i,
    ]);
    const once = trieOf(entries);
    const stepwise = build(entries);
    expect(entries.map(([key]) => trieGet(once, key))).toEqual(entries.map(([, value]) => value));
    expect(entries.map(([key]) => trieGet(stepwise, key))).toEqual(entries.map(([, value]) => value));
    expect(trieGet(once, 'w2000')).toBeUndefined();
    expect(trieOf([])).toBeUndefined();
  });

  it('is empty again once every key is gone', () => {
    const keys = Array.from({ length: 2_000 }, (_, i) => `w${i}`);
    let trie = build(keys.map((key, i) => [key, i]));
    for (const key of keys.slice(1)) trie = trieDelete(trie, key);
    expect(trieGet(trie, 'w0')).toBe(0);
    expect(trieGet(trie, 'w1')).toBeUndefined();
    expect(trieDelete(trie, 'w0')).toBeUndefined();
  });

  it('always agrees with a Map, and every older root still reads what it held', { timeout: 60_000 }, () => {
    const key = fc.oneof(
      fc.constantFrom(...TWINS, '__proto__', 'constructor'),
      fc.nat({ max: 300 }).map((n) => `w${n}`),
    );
    const change = fc.oneof(
      fc.tuple(fc.constant('set' as const), key, fc.nat()),
      fc.tuple(fc.constant('delete' as const), key),
    );
    fc.assert(
      fc.property(fc.array(fc.array(change, { maxLength: 30 }), { maxLength: 20 }), (batches) => {
        const model = new Map<string, number>();
        let trie: Trie<number>;
        const history: { trie: Trie<number>; model: Map<string, number> }[] = [];
        for (const batch of batches) {
          for (const [kind, k, value] of batch) {
            if (kind === 'set') {
              trie = trieSet(trie, k, value);
              model.set(k, value);
            } else {
              trie = trieDelete(trie, k);
              model.delete(k);
            }
          }
          history.push({ trie, model: new Map(model) });
        }
        const keys = [...TWINS, '__proto__', 'constructor', ...Array.from({ length: 301 }, (_, n) => `w${n}`)];
        for (const past of history) {
          expect(keys.map((k) => trieGet(past.trie, k))).toEqual(keys.map((k) => past.model.get(k)));
        }
      }),
      { numRuns: 200 },
    );
  });
});

// A persistent map from strings to values (a hash trie): a change copies only the path from the root to its key, a
// few 32-slot branches and one small bucket, so it costs O(log n) and every older root still reads its own values.
// Keys are compared as strings and never touch an object's properties: `__proto__` and `constructor` are keys like any.

type Entry<V> = readonly [key: string, value: V];
/** Entries whose hashes agree up to this level; split into a branch once it outgrows BUCKET (unless hashes run out). */
type Bucket<V> = readonly Entry<V>[];
/** 32 slots, chosen by the next 5 bits of the hash. */
interface Branch<V> {
  readonly slots: readonly Trie<V>[];
}

/** A map: its root, or undefined when empty. */
export type Trie<V> = Bucket<V> | Branch<V> | undefined;

const BITS = 5;
const MASK = 31;
const BUCKET = 8;

/** FNV-1a over the UTF-16 code units, then murmur3's finalizer: the trie reads the low bits first. */
export function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const isBranch = <V>(node: Bucket<V> | Branch<V>): node is Branch<V> => 'slots' in node;

export function trieGet<V>(trie: Trie<V>, key: string): V | undefined {
  const hash = hashOf(key);
  for (let node = trie, shift = 0; node !== undefined; shift += BITS) {
    if (!isBranch(node)) return node.find((entry) => entry[0] === key)?.[1];
    node = node.slots[(hash >>> shift) & MASK];
  }
  return undefined;
}

/** A trie of `entries` (each key once), built in one pass: O(n log n). */
export function trieOf<V>(entries: readonly Entry<V>[], shift = 0): Trie<V> {
  // Past 32 bits the hashes are equal: such keys share a bucket, however many.
  if (entries.length <= BUCKET || shift >= 32) return entries.length === 0 ? undefined : entries;
  const parts: Entry<V>[][] = Array.from({ length: 32 }, () => []);
  for (const entry of entries) parts[(hashOf(entry[0]) >>> shift) & MASK]!.push(entry);
  return { slots: parts.map((part) => trieOf(part, shift + BITS)) };
}

/** The trie with `key` set to `value` (the same root when it held that value already). */
export function trieSet<V>(trie: Trie<V>, key: string, value: V): Trie<V> {
  return change(trie, hashOf(key), key, 0, (bucket) => {
    const index = bucket.findIndex((entry) => entry[0] === key);
    if (index < 0) return [...bucket, [key, value]];
    if (bucket[index]![1] === value) return bucket;
    const copy = bucket.slice();
    copy[index] = [key, value];
    return copy;
  });
}

/** The trie without `key` (the same root when it did not hold it). */
export function trieDelete<V>(trie: Trie<V>, key: string): Trie<V> {
  return change(trie, hashOf(key), key, 0, (bucket) => {
    const rest = bucket.filter((entry) => entry[0] !== key);
    return rest.length === bucket.length ? bucket : rest;
  });
}

/** Copies the path to `key`'s bucket and gives it to `edit`; an empty bucket or branch is dropped. */
function change<V>(
  node: Trie<V>,
  hash: number,
  key: string,
  shift: number,
  edit: (bucket: Bucket<V>) => Bucket<V>,
): Trie<V> {
  if (node === undefined || !isBranch(node)) {
    const bucket = node ?? [];
    const next = edit(bucket);
    return next === bucket ? node : trieOf(next, shift);
  }
  const slot = (hash >>> shift) & MASK;
  const child = node.slots[slot];
  const next = change(child, hash, key, shift + BITS, edit);
  if (next === child) return node;
  const slots = node.slots.slice();
  slots[slot] = next;
  return next === undefined && slots.every((s) => s === undefined) ? undefined : { slots };
}

/**
 * Calls `visit` once for every key whose value differs between `a` and `b` by identity (set in one only, or to
 * another value). Subtrees the two tries share are skipped, so after k changes of one trie it costs O(k log n); two
 * tries built apart (a full hello) are compared entry by entry, O(n).
 */
export function trieDiff<V>(a: Trie<V>, b: Trie<V>, visit: (key: string) => void): void {
  if (a === b) return;
  if (a !== undefined && b !== undefined && isBranch(a) && isBranch(b)) {
    for (let slot = 0; slot < 32; slot++) trieDiff(a.slots[slot], b.slots[slot], visit);
    return;
  }
  // A bucket against anything, or a branch against nothing: compare their entries.
  const before = new Map(entriesOf(a));
  for (const [key, value] of entriesOf(b)) {
    if (!before.has(key) || before.get(key) !== value) visit(key);
    before.delete(key);
  }
  for (const key of before.keys()) visit(key);
}

function* entriesOf<V>(node: Trie<V>): Generator<Entry<V>> {
  if (node === undefined) return;
  if (!isBranch(node)) yield* node;
  else for (const slot of node.slots) yield* entriesOf(slot);
}

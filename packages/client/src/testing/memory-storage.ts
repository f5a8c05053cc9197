// A `PersistStorage` in memory, for tests and stories: what a reload finds is what the previous client saved into the
// same object.
import type { PersistStorage } from '../persister.js';

export interface MemoryStorage extends PersistStorage {
  /** What is saved, by key: read it, or change it to play a corrupted or foreign entry. */
  readonly entries: Map<string, unknown>;
  /** Every call, in order: `save key`, `load key`, `remove key`. */
  readonly calls: string[];
}

export function createMemoryStorage(entries: Iterable<[string, unknown]> = []): MemoryStorage {
  const held = new Map(entries);
  const calls: string[] = [];
  return {
    entries: held,
    calls,
    load: async (key) => {
      calls.push(`load ${key}`);
      return held.get(key);
    },
    save: async (key, value) => {
      calls.push(`save ${key}`);
      held.set(key, value);
    },
    remove: async (key) => {
      calls.push(`remove ${key}`);
      held.delete(key);
    },
  };
}

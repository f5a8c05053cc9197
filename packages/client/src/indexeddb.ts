// @livesnap/client/indexeddb: the browser storage for `persistence()`, an entry of its own so that an app that does not import
// it ships none of it. idb-keyval (~600 B) holds the IndexedDB part: opening the database once, one object store, and
// a transaction per call.
import { createStore, del, get, set } from 'idb-keyval';
import type { PersistStorage } from './persister.js';

export interface IndexedDbStorageOptions {
  /** The IndexedDB database (default `livesnap`). */
  readonly database?: string;
  /** Its object store (default `snapshots`). */
  readonly store?: string;
}

/**
 * A `PersistStorage` on IndexedDB. The database is opened on first use, so one can be made where there is no
 * IndexedDB (server rendering); loading there finds nothing, and saving rejects (reported as `persist_failed`).
 */
export function indexedDbStorage(options: IndexedDbStorageOptions = {}): PersistStorage {
  let store: ReturnType<typeof createStore> | undefined;
  const open = () => {
    if (typeof indexedDB === 'undefined') throw new Error('there is no IndexedDB here (globalThis.indexedDB)');
    store ??= createStore(options.database ?? 'livesnap', options.store ?? 'snapshots');
    return store;
  };
  return {
    load: async (key) => (typeof indexedDB === 'undefined' ? undefined : get(key, open())),
    save: async (key, value) => set(key, value, open()),
    remove: async (key) => del(key, open()),
  };
}

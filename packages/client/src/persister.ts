// Persistence's effects (README, *Persistence*): reads the saved state once, saves the client's state at most once a
// second and when the page is hidden, and clears it. Every storage call runs in order on one queue, so a clear is never
// overtaken by a save that started before it.
import { decodeEntry, encodeEntry, persistKey } from './persisted-entry.js';
import type { Persister, PersisterDeps } from './persistence.js';
import type { TimerHandle } from './timers.js';

/** Where a client's state is kept between page loads: any async key-value storage of text. */
export interface PersistStorage {
  /** The value saved under `key`, or undefined (or null) when there is none. */
  load(key: string): Promise<unknown>;
  save(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
}

export interface PersistOptions {
  readonly storage: PersistStorage;
  /** Whose state it is (a user id): part of the storage key, so that one browser's users never read each other's. */
  readonly namespace: string;
  /** The largest entry saved, in characters of its JSON text; a project over it is not persisted (default 8,000,000). */
  readonly maxChars?: number;
}

/** About 8 MB of JSON: a project of ~8,000 workspaces (a 5,000-workspace one saves ~4.5 MB). */
export const DEFAULT_PERSIST_MAX_CHARS = 8_000_000;
/** Saves are at most this far apart (plus one when the page is hidden, and one at `close()`). */
export const PERSIST_INTERVAL_MS = 1_000;

export function createPersister(options: Required<PersistOptions>, deps: PersisterDeps): Persister {
  const { projectId, timers, now, report } = deps;
  const { storage, namespace, maxChars } = options;
  const owner = { namespace, projectId };
  const key = persistKey(namespace, projectId);
  let queue: Promise<unknown> = Promise.resolve();
  let timer: TimerHandle | null = null;
  let dirty = false;
  let cleared = false;
  let lastSaveAt = Number.NEGATIVE_INFINITY;
  /** The code last reported: a failure that repeats (a full disk, every second) is reported once. */
  let reported: string | null = null;
  let page: EventTarget | undefined;

  const note = (code: string | null, message = '') => {
    if (code !== null && code !== reported) report({ code, message });
    reported = code;
  };

  /** `done`: what the operation's success leaves reported (a removal of a project too large to save keeps it so). */
  const enqueue = (operation: () => Promise<unknown>, done: string | null = null) => {
    queue = queue.then(operation).then(
      () => note(done),
      (error: unknown) => note('persist_failed', `the storage failed for ${key}: ${String(error)}`),
    );
  };

  function save() {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    if (!dirty || cleared) return;
    dirty = false;
    lastSaveAt = now();
    const sequence = deps.read();
    if (sequence.epoch === null) return;
    const text = encodeEntry(owner, sequence, lastSaveAt);
    if (text.length > maxChars) {
      note('persist_too_large', `${key} is not saved: ${text.length} characters, over persist.maxChars`);
      enqueue(() => storage.remove(key), 'persist_too_large');
    } else enqueue(() => storage.save(key, text));
  }

  deps.store.subscribe((state, previous) => {
    // Persisted data not yet confirmed by a hello is what storage holds already.
    if (cleared || state.origin === null || state.origin === 'persisted') return;
    if (state.seq === previous.seq && state.epoch === previous.epoch && state.workspaces === previous.workspaces)
      return;
    dirty = true;
    timer ??= timers.setTimeout(save, Math.max(0, lastSaveAt + PERSIST_INTERVAL_MS - now()));
  });

  return {
    async load() {
      let text: unknown;
      try {
        text = await storage.load(key);
      } catch (error) {
        note('persist_failed', `the storage failed for ${key}: ${String(error)}`);
        return null;
      }
      if (text == null || cleared) return null;
      const decoded = decodeEntry(text, owner);
      if (decoded.ok) return decoded;
      report({ code: 'persisted_dropped', message: `${key} was dropped: ${decoded.reason}` });
      enqueue(() => storage.remove(key));
      return null;
    },
    start() {
      page = typeof window !== 'undefined' ? window : undefined;
      page?.addEventListener('pagehide', save);
    },
    stop() {
      save();
      page?.removeEventListener('pagehide', save);
      page = undefined;
    },
    clear() {
      cleared = true;
      dirty = false;
      save();
      const removed = queue.then(() => storage.remove(key));
      queue = removed.catch(() => {});
      return removed;
    },
  };
}

// A project's workspaces as the client publishes them: one immutable value that maps ids to snapshots (a persistent
// hash trie) and holds the ordered views. A change makes a new value in O(log n) and shares the rest with the old one,
// which keeps answering what it held: a state handed to a render never changes under it.
import type { WorkspaceSnapshot } from '@livesnap/protocol';
import { type Trie, trieDelete, trieDiff, trieGet, trieOf, trieSet } from './hash-trie.js';
import {
  buildViews,
  COLUMN_NAMES,
  changeViews,
  type KanbanColumns,
  type OrderedViews,
  type ViewSet,
} from './ordered-views.js';

/**
 * The project's workspaces: a read-only map by id (`get`, `has`, `size`) that iterates in list order, and the ordered
 * views the selectors return.
 */
export interface WorkspaceMap extends ReadonlyMap<string, WorkspaceSnapshot>, OrderedViews {}

type Entry = [string, WorkspaceSnapshot];

export class PersistentWorkspaceMap implements WorkspaceMap {
  /** Internal: the map by id, its size, and the views. */
  readonly trie: Trie<WorkspaceSnapshot>;
  readonly size: number;
  readonly views: ViewSet;
  /** The columns object, shared with the maps before while its three views are theirs. */
  readonly #board: { columns?: KanbanColumns };

  constructor(trie: Trie<WorkspaceSnapshot>, size: number, views: ViewSet, previous?: PersistentWorkspaceMap) {
    this.trie = trie;
    this.size = size;
    this.views = views;
    const same = previous !== undefined && COLUMN_NAMES.every((name) => previous.views[name] === views[name]);
    this.#board = same ? previous.#board : {};
  }

  get list(): OrderedViews['list'] {
    return this.views.list.read();
  }

  get sidebar(): OrderedViews['sidebar'] {
    return this.views.sidebar.read();
  }

  get columns(): KanbanColumns {
    const { WORKING, WAITING, DONE } = this.views;
    this.#board.columns ??= { WORKING: WORKING.read(), WAITING: WAITING.read(), DONE: DONE.read() };
    return this.#board.columns;
  }

  get(workspaceId: string): WorkspaceSnapshot | undefined {
    return trieGet(this.trie, workspaceId);
  }

  has(workspaceId: string): boolean {
    return this.get(workspaceId) !== undefined;
  }

  values(): MapIterator<WorkspaceSnapshot> {
    return this.list.values();
  }

  keys(): MapIterator<string> {
    return this.list.map((snapshot) => snapshot.workspaceId).values();
  }

  entries(): MapIterator<Entry> {
    return this.list.map((snapshot): Entry => [snapshot.workspaceId, snapshot]).values();
  }

  [Symbol.iterator](): MapIterator<Entry> {
    return this.entries();
  }

  /** `JSON.stringify` writes an object by id, as it did of the record the state held before the map. */
  toJSON(): Record<string, WorkspaceSnapshot> {
    return Object.fromEntries(this);
  }

  forEach(
    callback: (snapshot: WorkspaceSnapshot, workspaceId: string, map: ReadonlyMap<string, WorkspaceSnapshot>) => void,
    thisArg?: unknown,
  ): void {
    for (const snapshot of this.list) callback.call(thisArg, snapshot, snapshot.workspaceId, this);
  }
}

/** The map of `snapshots` (each id once: frame-check.ts refuses a hello that lists one twice), built in one pass. */
export function buildWorkspaceMap(
  snapshots: readonly WorkspaceSnapshot[],
  previous?: PersistentWorkspaceMap,
): PersistentWorkspaceMap {
  const trie = trieOf(snapshots.map((snapshot): Entry => [snapshot.workspaceId, snapshot]));
  return new PersistentWorkspaceMap(trie, snapshots.length, buildViews(snapshots, previous?.views), previous);
}

export const EMPTY_WORKSPACES = new PersistentWorkspaceMap(undefined, 0, buildViews([]));

/**
 * The changes of one frame to a map. `finish()` gives the new map (the same one if nothing changed) and the views one
 * change a workspace, from what the frame found to what it left (added and removed again in a batch is no change);
 * the draft may go on from there.
 */
export class WorkspaceMapDraft {
  #base: PersistentWorkspaceMap;
  #trie: Trie<WorkspaceSnapshot>;
  #size: number;
  #changes = new Map<string, [held: WorkspaceSnapshot | undefined, next: WorkspaceSnapshot | undefined]>();

  constructor(base: PersistentWorkspaceMap) {
    this.#base = base;
    this.#trie = base.trie;
    this.#size = base.size;
  }

  get(workspaceId: string): WorkspaceSnapshot | undefined {
    return trieGet(this.#trie, workspaceId);
  }

  set(snapshot: WorkspaceSnapshot): void {
    const held = this.get(snapshot.workspaceId);
    if (held === snapshot) return;
    this.#trie = trieSet(this.#trie, snapshot.workspaceId, snapshot);
    if (held === undefined) this.#size++;
    this.#record(snapshot.workspaceId, held, snapshot);
  }

  delete(workspaceId: string): boolean {
    const held = this.get(workspaceId);
    if (held === undefined) return false;
    this.#trie = trieDelete(this.#trie, workspaceId);
    this.#size--;
    this.#record(workspaceId, held, undefined);
    return true;
  }

  finish(): PersistentWorkspaceMap {
    if (this.#trie === this.#base.trie) return this.#base;
    const views = changeViews(this.#base.views, this.#changes.values());
    this.#base = new PersistentWorkspaceMap(this.#trie, this.#size, views, this.#base);
    this.#changes.clear();
    return this.#base;
  }

  #record(workspaceId: string, held: WorkspaceSnapshot | undefined, next: WorkspaceSnapshot | undefined) {
    const earlier = this.#changes.get(workspaceId);
    if (earlier === undefined) this.#changes.set(workspaceId, [held, next]);
    else earlier[1] = next;
  }
}

/**
 * Calls `visit` with the id of every workspace whose snapshot differs between two states' maps (added, removed, or
 * replaced by another object: a snapshot whose visible fields did not change keeps its object). After a few changes
 * it costs O(changes × log n), not O(n): what lets a view re-render only the workspaces that changed.
 */
export function forEachChangedWorkspace(
  previous: WorkspaceMap,
  next: WorkspaceMap,
  visit: (workspaceId: string) => void,
): void {
  if (previous === next) return;
  if (previous instanceof PersistentWorkspaceMap && next instanceof PersistentWorkspaceMap) {
    trieDiff(previous.trie, next.trie, visit);
    return;
  }
  // Maps the client did not build (a test's, say): compare them entry by entry.
  for (const [id, snapshot] of next) if (previous.get(id) !== snapshot) visit(id);
  for (const id of previous.keys()) if (!next.has(id)) visit(id);
}

// DOMAIN.md's ordered views of a project — the list, the sidebar, the board's columns — kept current change by change
// without sorting. A view that a change touches records the change and builds its new array when first read: one copy
// and a binary-searched splice per change since. A view read after every change costs one array copy a change (a
// memory move: a few µs at 5,000 entries; from about 16,000 entries V8 allocates arrays in its large-object space,
// ~0.5 ms), a view nobody reads one copy every MAX_DEFERRED changes. A view no change touched keeps its array, and its
// identity.
import type { KanbanColumn, WorkspaceSnapshot } from '@livesnap/protocol';
import { boardColumn, compareWorkspaces, isOnSidebar } from '@livesnap/protocol';

export type KanbanColumns = Readonly<Record<KanbanColumn, readonly WorkspaceSnapshot[]>>;

export interface OrderedViews {
  /** Every workspace, `createdAt` newest first, then `workspaceId` ascending (`compareWorkspaces`). */
  readonly list: readonly WorkspaceSnapshot[];
  /** The workspaces on the sidebar (`isOnSidebar`: not `ARCHIVED`), in the same order. */
  readonly sidebar: readonly WorkspaceSnapshot[];
  /** The board's three columns (`boardColumn`), each in the same order. */
  readonly columns: KanbanColumns;
}

type ViewName = 'list' | 'sidebar' | KanbanColumn;
type Snapshots = readonly WorkspaceSnapshot[];

export const COLUMN_NAMES: readonly KanbanColumn[] = ['WORKING', 'WAITING', 'DONE'];
const VIEW_NAMES: readonly ViewName[] = ['list', 'sidebar', ...COLUMN_NAMES];

/**
 * Changes a view may defer before it applies them anyway: they hold the older array alive, and the first read pays a
 * splice for each.
 */
const MAX_DEFERRED = 32;

/** `held` (the object a view held for a workspace, if any) gave way to `next` (if any). */
export type Change = readonly [held: WorkspaceSnapshot | undefined, next: WorkspaceSnapshot | undefined];

function shows(view: ViewName, snapshot: WorkspaceSnapshot | undefined): boolean {
  if (snapshot === undefined) return false;
  if (view === 'list') return true;
  if (view === 'sidebar') return isOnSidebar(snapshot);
  return boardColumn(snapshot) === view;
}

/** The first index whose workspace does not come before `snapshot`. */
function placeOf(array: Snapshots, snapshot: WorkspaceSnapshot): number {
  let low = 0;
  let high = array.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareWorkspaces(array[middle]!, snapshot) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

function indexOfHeld(array: Snapshots, held: WorkspaceSnapshot): number {
  const index = placeOf(array, held);
  if (array[index] !== held) {
    throw new Error(`@livesnap/client: workspace ${JSON.stringify(held.workspaceId)} is missing from a view (a bug)`);
  }
  return index;
}

/** One view as one map holds it: its array, or an older array and the changes since, applied at the first read. */
export class View {
  readonly #name: ViewName;
  #base: Snapshots;
  #changes: readonly Change[];

  constructor(name: ViewName, base: Snapshots, changes: readonly Change[] = []) {
    this.#name = name;
    this.#base = base;
    this.#changes = changes;
  }

  read(): Snapshots {
    if (this.#changes.length === 0) return this.#base;
    const array = this.#base.slice();
    for (const [held, next] of this.#changes) {
      const was = shows(this.#name, held);
      const is = shows(this.#name, next);
      if (was && is && compareWorkspaces(held!, next!) === 0) {
        array[indexOfHeld(array, held!)] = next!;
        continue;
      }
      if (was) array.splice(indexOfHeld(array, held!), 1);
      if (is) array.splice(placeOf(array, next!), 0, next!);
    }
    this.#base = array;
    this.#changes = [];
    return array;
  }

  /** This view after `changes` (each of which touches it); itself when there are none. */
  after(changes: readonly Change[]): View {
    if (changes.length === 0) return this;
    const next = new View(this.#name, this.#base, [...this.#changes, ...changes]);
    if (this.#changes.length + changes.length > MAX_DEFERRED) next.read();
    return next;
  }
}

/** The five views of a map. */
export type ViewSet = Readonly<Record<ViewName, View>>;

/**
 * The views of `snapshots` (each id once), sorted once: O(n log n), O(n) when they come in order. A view that holds
 * what `previous`'s holds, object for object, is `previous`'s: a full hello that changed nothing in it keeps it.
 */
export function buildViews(snapshots: Snapshots, previous?: ViewSet): ViewSet {
  const arrays: Record<ViewName, WorkspaceSnapshot[]> = { list: [], sidebar: [], WORKING: [], WAITING: [], DONE: [] };
  arrays.list = [...snapshots].sort(compareWorkspaces);
  for (const snapshot of arrays.list) {
    for (const name of VIEW_NAMES) if (name !== 'list' && shows(name, snapshot)) arrays[name].push(snapshot);
  }
  return views((name) => {
    const before = previous?.[name];
    const held = before?.read();
    const array = arrays[name];
    const same = held?.length === array.length && held.every((snapshot, i) => snapshot === array[i]);
    return same ? before! : new View(name, array);
  }, previous);
}

/** `set` after `changes` (one a workspace): each view gets those that touch it. */
export function changeViews(set: ViewSet, changes: Iterable<Change>): ViewSet {
  const byView: Record<ViewName, Change[]> = { list: [], sidebar: [], WORKING: [], WAITING: [], DONE: [] };
  for (const change of changes) {
    for (const name of VIEW_NAMES) if (shows(name, change[0]) || shows(name, change[1])) byView[name].push(change);
  }
  return views((name) => set[name].after(byView[name]), set);
}

/** The set of `view(name)` for each name; `previous` itself when every view is its own. */
function views(view: (name: ViewName) => View, previous?: ViewSet): ViewSet {
  const set = Object.fromEntries(VIEW_NAMES.map((name) => [name, view(name)])) as Record<ViewName, View>;
  return previous !== undefined && VIEW_NAMES.every((name) => set[name] === previous[name]) ? previous : set;
}

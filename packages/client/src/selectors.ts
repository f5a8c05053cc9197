// Memoized views of the store: a result keeps its identity while nothing it reads changed, so React re-renders only
// the components whose own data changed.
import type { KanbanColumn, WorkspaceSnapshot } from '@livesnap/protocol';
import { boardColumn, compareWorkspaces, isOnSidebar } from '@livesnap/protocol';
import { ownValue } from './records.js';
import type { SnapshotClientState } from './store.js';

type Workspaces = SnapshotClientState['workspaces'];
type Selector<T> = (state: SnapshotClientState) => T;

export type KanbanColumns = Readonly<Record<KanbanColumn, readonly WorkspaceSnapshot[]>>;

export interface SnapshotSelectors {
  /** The workspace with this id, or undefined. The same function is returned for the same id. */
  selectWorkspace(id: string): Selector<WorkspaceSnapshot | undefined>;
  /** Every workspace, `createdAt` newest first, then `workspaceId` ascending. */
  selectWorkspaceList: Selector<readonly WorkspaceSnapshot[]>;
  /** The workspaces on the sidebar (not `ARCHIVED`), in the same order. */
  selectSidebar: Selector<readonly WorkspaceSnapshot[]>;
  /** The board's three columns, each in the same order; a column keeps its identity when a change touched another. */
  selectKanbanColumns: Selector<KanbanColumns>;
}

/** The previous array if it holds the same objects in the same order, so that an unchanged list keeps its identity. */
function share<T>(previous: readonly T[] | undefined, next: readonly T[]): readonly T[] {
  if (previous === undefined || previous.length !== next.length) return next;
  for (let i = 0; i < next.length; i++) if (previous[i] !== next[i]) return next;
  return previous;
}

/**
 * A memoized view of what `input` selects: recomputed only when that changes (by identity), and then given its
 * previous result to share structure with.
 */
function memoOn<I, T>(input: Selector<I>, compute: (value: I, previous: T | undefined) => T): Selector<T> {
  let lastInput: I | undefined;
  let lastOutput: T | undefined;
  let computed = false;
  return (state) => {
    const value = input(state);
    if (computed && value === lastInput) return lastOutput as T;
    lastOutput = compute(value, lastOutput);
    lastInput = value;
    computed = true;
    return lastOutput;
  };
}

const workspacesOf: Selector<Workspaces> = (state) => state.workspaces;

/**
 * Every workspace in list order. The order reads only `createdAt` and `workspaceId`: when the same workspaces remain
 * with the same `createdAt` (the usual change: one workspace's status), the previous order still holds and the list
 * is rebuilt in O(n) without sorting.
 */
function sortWorkspaces(workspaces: Workspaces, previous: readonly WorkspaceSnapshot[] | undefined) {
  if (previous !== undefined && previous.length === Object.keys(workspaces).length) {
    const next: WorkspaceSnapshot[] = new Array(previous.length);
    let reordered = false;
    for (let i = 0; i < previous.length; i++) {
      const held = previous[i]!;
      const now = ownValue(workspaces, held.workspaceId);
      if (now === undefined || now.createdAt !== held.createdAt) {
        reordered = true;
        break;
      }
      next[i] = now;
    }
    // Same count and every previous id still there: the same set of ids, so `next` is complete.
    if (!reordered) return share(previous, next);
  }
  return share(previous, Object.values(workspaces).sort(compareWorkspaces));
}

/**
 * A fresh set of memoized selectors. The exported ones are a shared default set; give each client its own set
 * (`createSnapshotSelectors()`) when several clients' states go through the same selectors in turn.
 */
export function createSnapshotSelectors(): SnapshotSelectors {
  const byId = new Map<string, Selector<WorkspaceSnapshot | undefined>>();

  // One sorted list per change; the sidebar and the columns are filters of it, so they are in order already.
  const selectWorkspaceList = memoOn<Workspaces, readonly WorkspaceSnapshot[]>(workspacesOf, sortWorkspaces);

  const selectSidebar = memoOn<readonly WorkspaceSnapshot[], readonly WorkspaceSnapshot[]>(
    selectWorkspaceList,
    (list, previous) => share(previous, list.filter(isOnSidebar)),
  );

  const selectKanbanColumns = memoOn<readonly WorkspaceSnapshot[], KanbanColumns>(
    selectWorkspaceList,
    (list, previous) => {
      const next: Record<KanbanColumn, WorkspaceSnapshot[]> = { WORKING: [], WAITING: [], DONE: [] };
      for (const snapshot of list) {
        const column = boardColumn(snapshot);
        if (column !== null) next[column].push(snapshot);
      }
      const columns = {
        WORKING: share(previous?.WORKING, next.WORKING),
        WAITING: share(previous?.WAITING, next.WAITING),
        DONE: share(previous?.DONE, next.DONE),
      };
      const same =
        previous !== undefined &&
        previous.WORKING === columns.WORKING &&
        previous.WAITING === columns.WAITING &&
        previous.DONE === columns.DONE;
      return same ? previous : columns;
    },
  );

  return {
    selectWorkspace(id) {
      let selector = byId.get(id);
      if (selector === undefined) {
        selector = (state) => ownValue(state.workspaces, id);
        byId.set(id, selector);
      }
      return selector;
    },
    selectWorkspaceList,
    selectSidebar,
    selectKanbanColumns,
  };
}

const defaults = createSnapshotSelectors();

export const selectWorkspace = defaults.selectWorkspace;
export const selectWorkspaceList = defaults.selectWorkspaceList;
export const selectSidebar = defaults.selectSidebar;
export const selectKanbanColumns = defaults.selectKanbanColumns;

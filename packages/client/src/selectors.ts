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
 * A memoized view of `state.workspaces`: recomputed only when the record changes, and then structurally shared with
 * its previous result.
 */
function memoOnWorkspaces<T>(compute: (workspaces: Workspaces, previous: T | undefined) => T): Selector<T> {
  let lastInput: Workspaces | undefined;
  let lastOutput: T | undefined;
  return (state) => {
    if (state.workspaces === lastInput) return lastOutput as T;
    lastOutput = compute(state.workspaces, lastOutput);
    lastInput = state.workspaces;
    return lastOutput;
  };
}

/**
 * A fresh set of memoized selectors. The exported ones are a shared default set; give each client its own set
 * (`createSnapshotSelectors()`) when several clients' states go through the same selectors in turn.
 */
export function createSnapshotSelectors(): SnapshotSelectors {
  const byId = new Map<string, Selector<WorkspaceSnapshot | undefined>>();

  const selectWorkspaceList = memoOnWorkspaces<readonly WorkspaceSnapshot[]>((workspaces, previous) =>
    share(previous, Object.values(workspaces).sort(compareWorkspaces)),
  );

  const selectSidebar = memoOnWorkspaces<readonly WorkspaceSnapshot[]>((workspaces, previous) =>
    share(previous, Object.values(workspaces).filter(isOnSidebar).sort(compareWorkspaces)),
  );

  const selectKanbanColumns = memoOnWorkspaces<KanbanColumns>((workspaces, previous) => {
    const next: Record<KanbanColumn, WorkspaceSnapshot[]> = { WORKING: [], WAITING: [], DONE: [] };
    for (const snapshot of Object.values(workspaces)) {
      const column = boardColumn(snapshot);
      if (column !== null) next[column].push(snapshot);
    }
    const columns = {
      WORKING: share(previous?.WORKING, next.WORKING.sort(compareWorkspaces)),
      WAITING: share(previous?.WAITING, next.WAITING.sort(compareWorkspaces)),
      DONE: share(previous?.DONE, next.DONE.sort(compareWorkspaces)),
    };
    const same =
      previous !== undefined &&
      previous.WORKING === columns.WORKING &&
      previous.WAITING === columns.WAITING &&
      previous.DONE === columns.DONE;
    return same ? previous : columns;
  });

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

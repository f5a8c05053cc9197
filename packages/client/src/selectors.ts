// Views of the store for React and anything else: reads of what the client keeps current as it applies each change
// (workspace-map.ts), so a selector costs O(1) (O(log n) by id), and a result keeps its identity while nothing it
// reads changed: React re-renders only the components whose own data changed.
import type { WorkspaceSnapshot } from '@livesnap/protocol';
import type { KanbanColumns } from './ordered-views.js';
import type { SnapshotClientState } from './store.js';

type Selector<T> = (state: SnapshotClientState) => T;

export type { KanbanColumns } from './ordered-views.js';

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

/**
 * A set of selectors. They hold no memo any more (the state holds the views), so every set answers alike; the factory
 * stays for code written when each client needed its own set.
 */
export function createSnapshotSelectors(): SnapshotSelectors {
  const byId = new Map<string, Selector<WorkspaceSnapshot | undefined>>();
  return {
    selectWorkspace(id) {
      let selector = byId.get(id);
      if (selector === undefined) {
        selector = (state) => state.workspaces.get(id);
        byId.set(id, selector);
      }
      return selector;
    },
    selectWorkspaceList: (state) => state.workspaces.list,
    selectSidebar: (state) => state.workspaces.sidebar,
    selectKanbanColumns: (state) => state.workspaces.columns,
  };
}

const defaults = createSnapshotSelectors();

export const selectWorkspace = defaults.selectWorkspace;
export const selectWorkspaceList = defaults.selectWorkspaceList;
export const selectSidebar = defaults.selectSidebar;
export const selectKanbanColumns = defaults.selectKanbanColumns;

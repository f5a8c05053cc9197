// The hooks over the client's memoized selectors: each reads through zustand's useStore (useSyncExternalStore), and
// re-renders only when its selector's result changes identity, which it keeps while nothing it reads changed.
import type { KanbanColumns, SnapshotClient, SnapshotClientState, SnapshotSelectors } from '@livesnap/client';
import type { KanbanColumn, WorkspaceSnapshot } from '@livesnap/protocol';
import { useCallback } from 'react';
import { useStore } from 'zustand';
import { useSnapshotContext } from './context.js';

type Selector<T> = (state: SnapshotClientState) => T;

function useSelected<T>(hook: string, pick: (selectors: SnapshotSelectors) => Selector<T>): T {
  const { client, selectors } = useSnapshotContext(hook);
  return useStore(client.store, pick(selectors));
}

/** The nearest `SnapshotProvider`'s client (to `resync()`, or to hand to the query bridge). */
export function useSnapshotClient(): SnapshotClient {
  return useSnapshotContext('useSnapshotClient').client;
}

/** One workspace, or undefined while the client does not hold it; re-renders only when its visible fields change. */
export function useWorkspaceSnapshot(workspaceId: string): WorkspaceSnapshot | undefined {
  return useSelected('useWorkspaceSnapshot', (selectors) => selectors.selectWorkspace(workspaceId));
}

/** Every workspace, in DOMAIN.md's list order (`createdAt` newest first, then `workspaceId`). */
export function useProjectSnapshots(): readonly WorkspaceSnapshot[] {
  return useSelected('useProjectSnapshots', (selectors) => selectors.selectWorkspaceList);
}

/** DOMAIN.md's sidebar: every workspace but the ARCHIVED ones, in the list order. */
export function useSidebarWorkspaces(): readonly WorkspaceSnapshot[] {
  return useSelected('useSidebarWorkspaces', (selectors) => selectors.selectSidebar);
}

/** The board's three columns; the object changes when any column does (a column alone: `useKanbanColumn`). */
export function useKanbanColumns(): KanbanColumns {
  return useSelected('useKanbanColumns', (selectors) => selectors.selectKanbanColumns);
}

/** One column of the board, in the list order: re-renders only when that column's membership, order or cards change. */
export function useKanbanColumn(column: KanbanColumn): readonly WorkspaceSnapshot[] {
  const { client, selectors } = useSnapshotContext('useKanbanColumn');
  const select = useCallback(
    (state: SnapshotClientState) => selectors.selectKanbanColumns(state)[column],
    [selectors, column],
  );
  return useStore(client.store, select);
}

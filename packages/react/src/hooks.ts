// The hooks over the client's memoized selectors: each reads through zustand's useStore (useSyncExternalStore), and
// re-renders only when its selector's result changes identity, which it keeps while nothing it reads changed.
import type { KanbanColumns, SnapshotClient, SnapshotClientState, SnapshotSelectors } from '@livesnap/client';
import type { KanbanColumn, WorkspaceSnapshot } from '@livesnap/protocol';
import { useCallback, useRef, useSyncExternalStore } from 'react';
import { useStore } from 'zustand';
import { useSnapshotContext } from './context.js';
import { subscribeToWorkspace } from './workspace-subscriptions.js';

type Selector<T> = (state: SnapshotClientState) => T;

function useSelected<T>(hook: string, pick: (selectors: SnapshotSelectors) => Selector<T>): T {
  const { client, selectors } = useSnapshotContext(hook);
  return useStore(client.store, pick(selectors));
}

/** The nearest `SnapshotProvider`'s client (to `resync()`, or to hand to the query bridge). */
export function useSnapshotClient(): SnapshotClient {
  return useSnapshotContext('useSnapshotClient').client;
}

/**
 * One workspace, or undefined while the client does not hold it; re-renders only when its visible fields change.
 * Subscribed to that workspace alone (workspace-subscriptions.ts), so a change elsewhere costs it nothing.
 */
export function useWorkspaceSnapshot(workspaceId: string): WorkspaceSnapshot | undefined {
  const { client } = useSnapshotContext('useWorkspaceSnapshot');
  const subscribe = useCallback(
    (listener: () => void) => subscribeToWorkspace(client, workspaceId, listener),
    [client, workspaceId],
  );
  const read = useCallback(() => client.store.getState().workspaces.get(workspaceId), [client, workspaceId]);
  const readInitial = useCallback(
    () => client.store.getInitialState().workspaces.get(workspaceId),
    [client, workspaceId],
  );
  return useSyncExternalStore(subscribe, read, readInitial);
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

/** The previous ids when `list` holds the same workspaces in the same order, else the new ones. */
function idsOf(list: readonly WorkspaceSnapshot[], previous: readonly string[] | undefined): readonly string[] {
  if (previous?.length === list.length && list.every((w, i) => w.workspaceId === previous[i])) return previous;
  return list.map((w) => w.workspaceId);
}

/** The ids of the list `pick` reads, as one array that keeps its identity while the membership and order do. */
function useIds(hook: string, pick: (state: SnapshotClientState) => readonly WorkspaceSnapshot[]): readonly string[] {
  const { client } = useSnapshotContext(hook);
  const last = useRef<{ list: readonly WorkspaceSnapshot[]; ids: readonly string[] } | null>(null);
  const select = useCallback(
    (state: SnapshotClientState) => {
      const list = pick(state);
      if (last.current?.list === list) return last.current.ids;
      const ids = idsOf(list, last.current?.ids);
      last.current = { list, ids };
      return ids;
    },
    [pick],
  );
  return useStore(client.store, select);
}

const sidebarOf = (state: SnapshotClientState) => state.workspaces.sidebar;

/**
 * The sidebar's workspace ids, in its order. Unlike `useSidebarWorkspaces()`, the array keeps its identity when a
 * workspace changes without coming, going or moving: a list of `useWorkspaceSnapshot(id)` items rendered from it
 * re-renders only for membership and order, and each item only for its own workspace.
 */
export function useSidebarWorkspaceIds(): readonly string[] {
  return useIds('useSidebarWorkspaceIds', sidebarOf);
}

/** One board column's workspace ids, in its order; as `useSidebarWorkspaceIds()`, only membership and order count. */
export function useKanbanColumnIds(column: KanbanColumn): readonly string[] {
  return useIds(
    'useKanbanColumnIds',
    useCallback((state: SnapshotClientState) => state.workspaces.columns[column], [column]),
  );
}

// The bridge for components still on the old polling queries: it keeps their two TanStack Query cache entries filled
// from the stream, in the shapes the old endpoints returned, so that they show live data without fetching.
import type { SnapshotClient, SnapshotClientState } from '@livesnap/client';
import {
  type LegacyBoardEntry,
  type LegacySidebar,
  type LegacySidebarEntry,
  legacyBoardEntry,
  legacySidebarEntry,
  type WorkspaceSnapshot,
} from '@livesnap/protocol';
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { checkClient, refuse } from '../check.js';
import { selectorsOf } from '../client-selectors.js';

export interface LegacyQueryKeys {
  /** `getProjectSummaryState`'s key: its data is a `LegacySidebar`. */
  sidebar: QueryKey;
  /** `listWithKanbanState`'s key: its data is a `LegacyBoardEntry[]`. */
  board: QueryKey;
}

export interface SyncSnapshotsOptions {
  projectId: string;
  /** Other keys than tRPC's (DOMAIN.md), one or both. */
  keys?: Partial<LegacyQueryKeys>;
}

/** The two keys as tRPC v11's React Query integration builds them (DOMAIN.md, "What the old endpoints returned"). */
export function legacyQueryKeys(projectId: string): LegacyQueryKeys {
  const input = { input: { projectId }, type: 'query' };
  return {
    sidebar: [['workspace', 'getProjectSummaryState'], input],
    board: [['workspace', 'listWithKanbanState'], input],
  };
}

/** `build(snapshot)`, once per snapshot object: an unchanged workspace keeps its entry, so a write shares it. */
function perSnapshot<T>(build: (snapshot: WorkspaceSnapshot) => T): (snapshot: WorkspaceSnapshot) => T {
  const built = new WeakMap<WorkspaceSnapshot, T>();
  return (snapshot) => {
    if (built.has(snapshot)) return built.get(snapshot) as T;
    const value = build(snapshot);
    built.set(snapshot, value);
    return value;
  };
}

const sameItems = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((item, i) => item === b[i]);

/**
 * Writes the client's workspaces to the two legacy cache entries with `setQueryData` after its first hello and after
 * every change, shaped by `@livesnap/protocol`'s `legacySidebarEntry` and `legacyBoardEntry` (the sidebar's
 * `reviewCount`, not a snapshot field, is the cached one, or 0), and sets `staleTime: Infinity` for both keys with
 * `setQueryDefaults` so that nothing refetches data the stream keeps fresh. Returns the unsubscribe, which stops the
 * writes and gives the keys back their previous defaults.
 */
export function syncSnapshotsToQueryClient(
  client: SnapshotClient,
  queryClient: QueryClient,
  options: SyncSnapshotsOptions,
): () => void {
  const where = 'syncSnapshotsToQueryClient';
  checkClient(where, client);
  if (typeof (queryClient as Partial<QueryClient> | null)?.setQueryData !== 'function') {
    refuse(where, 'queryClient', 'be a QueryClient from @tanstack/react-query', queryClient);
  }
  const projectId = options?.projectId;
  if (typeof projectId !== 'string' || projectId === '') {
    refuse(where, 'options.projectId', 'be a non-empty string', projectId);
  }
  const keys = { ...legacyQueryKeys(projectId), ...options.keys };
  for (const [name, key] of Object.entries(keys)) {
    if (!Array.isArray(key)) refuse(where, `options.keys.${name}`, 'be a query key (an array)', key);
  }

  const previousDefaults = [keys.sidebar, keys.board].map((key) => [key, queryClient.getQueryDefaults(key)] as const);
  for (const [key, defaults] of previousDefaults)
    queryClient.setQueryDefaults(key, { ...defaults, staleTime: Infinity });

  const { selectSidebar } = selectorsOf(client);
  const sidebarEntry = perSnapshot(legacySidebarEntry);
  const boardEntry = perSnapshot(legacyBoardEntry);
  let written: readonly WorkspaceSnapshot[] | null = null;
  let board: LegacyBoardEntry[] = [];

  const write = (state: SnapshotClientState) => {
    // Before the first hello the client holds nothing: the component's own query function fills the cache meanwhile.
    if (state.epoch === null) return;
    // The board's cards are sidebar workspaces (not ARCHIVED, with a column): an unchanged sidebar is an unchanged board.
    const sidebar = selectSidebar(state);
    if (sidebar === written) return;
    const first = written === null;
    written = sidebar;
    const workspaces: LegacySidebarEntry[] = sidebar.map(sidebarEntry);
    queryClient.setQueryData<LegacySidebar>(keys.sidebar, (cached) => ({
      workspaces,
      reviewCount: cached?.reviewCount ?? 0,
    }));
    const cards = sidebar.flatMap((snapshot) => boardEntry(snapshot) ?? []);
    if (first || !sameItems(cards, board)) {
      board = cards;
      queryClient.setQueryData<LegacyBoardEntry[]>(keys.board, cards);
    }
  };

  write(client.store.getState());
  const unsubscribe = client.store.subscribe(write);
  return () => {
    unsubscribe();
    for (const [key, defaults] of previousDefaults) queryClient.setQueryDefaults(key, defaults);
  };
}

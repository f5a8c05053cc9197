// The old world, for side-by-side comparison and the benchmarks' polling rows: the same components on TanStack
// Query's `useQuery` against the demo's polling endpoints, under tRPC's old keys: the sidebar every 2 s, the board
// every 15 s. One driver per query holds the interval; every row, card and column only reads the cache (an interval
// per observer would fetch on each of their staggered timers).
import type { KanbanColumn, LegacyBoardEntry, LegacySidebar, LegacySidebarEntry } from '@livesnap/protocol';
import { legacyQueryKeys } from '@livesnap/react/query';
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { WorkspaceFeed } from '../components/feed.js';
import type { CardView, ConnectionView, SidebarItemView } from '../components/views.js';
import { getJson } from '../demo-api.js';
import { idsBy } from './same-items.js';

export const POLL_INTERVALS = { sidebarMs: 2_000, boardMs: 15_000 } as const;

/** An entry of the old shapes as the components' view, one per entry object (the cache shares unchanged entries). */
function viewsBy<E extends { id: string }>(): (entry: E) => E & { workspaceId: string } {
  const made = new WeakMap<E, E & { workspaceId: string }>();
  return (entry) => {
    let view = made.get(entry);
    if (view === undefined) {
      view = { ...entry, workspaceId: entry.id };
      made.set(entry, view);
    }
    return view;
  };
}

/** `index(entries)`: the views by id, one map per entries array. */
function indexBy<E extends { id: string }>(): (
  entries: readonly E[],
) => ReadonlyMap<string, E & { workspaceId: string }> {
  const view = viewsBy<E>();
  const made = new WeakMap<readonly E[], ReadonlyMap<string, E & { workspaceId: string }>>();
  return (entries) => {
    let index = made.get(entries);
    if (index === undefined) {
      index = new Map(entries.map((entry) => [entry.id, view(entry)]));
      made.set(entries, index);
    }
    return index;
  };
}

const sidebarIndex = indexBy<LegacySidebarEntry>();
const boardIndex = indexBy<LegacyBoardEntry>();
const entryIds = idsBy((entry: { id: string }) => entry.id);
const columnIds = new WeakMap<readonly LegacyBoardEntry[], Record<KanbanColumn, readonly string[]>>();
function idsInColumn(board: readonly LegacyBoardEntry[], column: KanbanColumn): readonly string[] {
  let columns = columnIds.get(board);
  if (columns === undefined) {
    const of = (name: KanbanColumn) => board.filter((entry) => entry.kanbanColumn === name).map((entry) => entry.id);
    columns = { WORKING: of('WORKING'), WAITING: of('WAITING'), DONE: of('DONE') };
    columnIds.set(board, columns);
  }
  return columns[column];
}

function queries(projectId: string) {
  const keys = legacyQueryKeys(projectId);
  const query = encodeURIComponent(projectId);
  return {
    sidebar: { queryKey: keys.sidebar, queryFn: () => getJson<LegacySidebar>(`/api/poll/sidebar?projectId=${query}`) },
    board: { queryKey: keys.board, queryFn: () => getJson<LegacyBoardEntry[]>(`/api/poll/board?projectId=${query}`) },
  };
}

/** What a reader of the cache sets: it never fetches on its own (the drivers do), it only follows the data. */
const READER = { staleTime: Number.POSITIVE_INFINITY, refetchOnWindowFocus: false, refetchOnReconnect: false } as const;
const NO_IDS: readonly string[] = [];

/** The poll feed of one project; mount its `PollDrivers` once beside the components. */
export function createPollFeed(projectId: string): WorkspaceFeed & { PollDrivers: () => null } {
  const { sidebar, board } = queries(projectId);
  return {
    PollDrivers() {
      // Tracked results: reading no field of them, the drivers never re-render.
      useQuery({ ...sidebar, refetchInterval: POLL_INTERVALS.sidebarMs });
      useQuery({ ...board, refetchInterval: POLL_INTERVALS.boardMs });
      return null;
    },
    useSidebarIds: () =>
      useQuery({ ...sidebar, ...READER, select: (data) => entryIds(data.workspaces) }).data ?? NO_IDS,
    useSidebarItem(workspaceId): SidebarItemView | undefined {
      const select = useCallback(
        (data: LegacySidebar) => sidebarIndex(data.workspaces).get(workspaceId),
        [workspaceId],
      );
      return useQuery({ ...sidebar, ...READER, select }).data;
    },
    useColumnIds(column) {
      const select = useCallback((data: LegacyBoardEntry[]) => idsInColumn(data, column), [column]);
      return useQuery({ ...board, ...READER, select }).data ?? NO_IDS;
    },
    useCard(workspaceId): CardView | undefined {
      const select = useCallback((data: LegacyBoardEntry[]) => boardIndex(data).get(workspaceId), [workspaceId]);
      return useQuery({ ...board, ...READER, select }).data;
    },
    useConnection: () => pollConnectionView(useQuery({ ...sidebar, ...READER })),
  };
}

/** What the indicator shows for the sidebar query (the one that polls often). */
export function pollConnectionView(query: { dataUpdatedAt: number; error: Error | null }): ConnectionView {
  const every = `sidebar every ${POLL_INTERVALS.sidebarMs / 1000} s, board every ${POLL_INTERVALS.boardMs / 1000} s`;
  const at =
    query.dataUpdatedAt === 0 ? '' : ` · last answer ${new Date(query.dataUpdatedAt).toLocaleTimeString('en-GB')}`;
  return {
    state: 'polling',
    isStale: query.error !== null,
    reason: query.error === null ? null : query.error.message,
    detail: every + at,
  };
}

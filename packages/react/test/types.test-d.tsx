// The public types, pinned: vitest's typecheck runs this file as tests (each expectTypeOf that does not hold fails its
// test), and the package's `tsc --noEmit` reads it too.
import type {
  ConnectionStatus,
  KanbanColumns,
  SnapshotClient,
  SnapshotClientError,
  SnapshotSelectors,
} from '@livesnap/client';
import type { LegacyBoardEntry, LegacySidebar, WorkspaceSnapshot } from '@livesnap/protocol';
import { QueryClient, type QueryKey, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type SnapshotLoadError,
  SnapshotProvider,
  type SnapshotProviderProps,
  type SnapshotStatus,
  useKanbanColumn,
  useKanbanColumns,
  useProjectSnapshots,
  useSidebarWorkspaces,
  useSnapshotClient,
  useSnapshotSelector,
  useSnapshotStatus,
  useSuspenseProjectSnapshots,
  useWorkspaceSnapshot,
} from '../src/index.js';
import {
  type LegacyQueryKeys,
  legacyQueryKeys,
  livePollingInterval,
  syncSnapshotsToQueryClient,
} from '../src/query/index.js';

declare const client: SnapshotClient;

describe('the hooks', () => {
  it('return the client, one workspace or undefined, read-only lists and the columns', () => {
    expectTypeOf(useSnapshotClient).returns.toEqualTypeOf<SnapshotClient>();
    expectTypeOf(useWorkspaceSnapshot).parameters.toEqualTypeOf<[workspaceId: string]>();
    expectTypeOf(useWorkspaceSnapshot).returns.toEqualTypeOf<WorkspaceSnapshot | undefined>();
    expectTypeOf(useProjectSnapshots).returns.toEqualTypeOf<readonly WorkspaceSnapshot[]>();
    expectTypeOf(useSidebarWorkspaces).returns.toEqualTypeOf<readonly WorkspaceSnapshot[]>();
    expectTypeOf(useSuspenseProjectSnapshots).returns.toEqualTypeOf<readonly WorkspaceSnapshot[]>();
    expectTypeOf(useKanbanColumns).returns.toEqualTypeOf<KanbanColumns>();
    expectTypeOf<KanbanColumns>().toEqualTypeOf<
      Readonly<Record<'WORKING' | 'WAITING' | 'DONE', readonly WorkspaceSnapshot[]>>
    >();
    expectTypeOf(useKanbanColumn).parameters.toEqualTypeOf<[column: 'WORKING' | 'WAITING' | 'DONE']>();
    expectTypeOf(useKanbanColumn).returns.toEqualTypeOf<readonly WorkspaceSnapshot[]>();
  });

  it('useSnapshotStatus returns the seven fields, each with its type', () => {
    expectTypeOf(useSnapshotStatus).returns.toEqualTypeOf<SnapshotStatus>();
    expectTypeOf<SnapshotStatus>().toEqualTypeOf<
      {
        readonly status: ConnectionStatus;
        readonly error: SnapshotClientError | null;
        readonly nextAttemptAt: number | null;
        readonly epoch: string | null;
        readonly seq: number | null;
        readonly isStale: boolean;
      } & { readonly lastMessageAt: number | null }
    >();
    expectTypeOf<ConnectionStatus>().toEqualTypeOf<'connecting' | 'open' | 'reconnecting' | 'closed'>();
  });

  it("useSnapshotSelector infers its result from the selector, and types the equality function's arguments", () => {
    expectTypeOf(useSnapshotSelector((state) => state.isStale)).toEqualTypeOf<boolean>();
    expectTypeOf(useSnapshotSelector((state) => state.stats.lastMessageAt)).toEqualTypeOf<number | null>();
    expectTypeOf(
      useSnapshotSelector((state, selectors) => selectors.selectKanbanColumns(state).DONE.length),
    ).toEqualTypeOf<number>();
    expectTypeOf(
      useSnapshotSelector(
        (state) => ({ status: state.status, count: state.seq ?? 0 }),
        (a, b) => {
          expectTypeOf(a).toEqualTypeOf<{ status: ConnectionStatus; count: number }>();
          return a.status === b.status && a.count === b.count;
        },
      ),
    ).toEqualTypeOf<{ status: ConnectionStatus; count: number }>();
    useSnapshotSelector((_state, selectors) => {
      expectTypeOf(selectors).toEqualTypeOf<SnapshotSelectors>();
      return null;
    });
    const sameText = (a: string, b: string) => a === b;
    // @ts-expect-error: the equality function compares what the selector returns
    useSnapshotSelector((state) => state.seq, sameText);
  });

  it('SnapshotLoadError carries the code', () => {
    expectTypeOf<SnapshotLoadError['code']>().toEqualTypeOf<number | string>();
    expectTypeOf<SnapshotLoadError>().toExtend<Error>();
  });
});

describe('SnapshotProvider', () => {
  it('takes a client, or the options of a client it owns, never both', () => {
    expectTypeOf(SnapshotProvider).returns.toEqualTypeOf<ReactNode>();
    expectTypeOf<{ client: SnapshotClient }>().toExtend<SnapshotProviderProps>();
    expectTypeOf<{ url: string; projectId: string; token: () => Promise<string> }>().toExtend<SnapshotProviderProps>();
    expectTypeOf<{ url: string }>().not.toExtend<SnapshotProviderProps>();
    expectTypeOf<{ client: SnapshotClient; url: string; projectId: string }>().not.toExtend<SnapshotProviderProps>();
    // @ts-expect-error: a provider that owns its client connects it itself
    <SnapshotProvider url="wss://app.example/snapshots" projectId="p1" startClosed />;
  });
});

describe('@livesnap/react/query', () => {
  it('fits useQuery and QueryClient', () => {
    const queryClient = new QueryClient();
    expectTypeOf(syncSnapshotsToQueryClient(client, queryClient, { projectId: 'p1' })).toEqualTypeOf<() => void>();
    expectTypeOf(legacyQueryKeys('p1')).toEqualTypeOf<LegacyQueryKeys>();
    expectTypeOf<LegacyQueryKeys>().toEqualTypeOf<{ sidebar: QueryKey; board: QueryKey }>();
    const sidebar = useQuery({
      queryKey: legacyQueryKeys('p1').sidebar,
      queryFn: async (): Promise<LegacySidebar> => ({ workspaces: [], reviewCount: 0 }),
      refetchInterval: livePollingInterval(client, 2000),
    });
    expectTypeOf(sidebar.data).toEqualTypeOf<LegacySidebar | undefined>();
    const board = useQuery({
      queryKey: legacyQueryKeys('p1').board,
      queryFn: async (): Promise<LegacyBoardEntry[]> => [],
      refetchInterval: livePollingInterval(client, 15_000, { graceMs: 10_000 }),
    });
    expectTypeOf(board.data).toEqualTypeOf<LegacyBoardEntry[] | undefined>();
    expectTypeOf<LegacyBoardEntry['isArchived']>().toEqualTypeOf<false>();
  });
});

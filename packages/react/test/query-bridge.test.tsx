// @livesnap/react/query with a real QueryClient and useQuery: a legacy component that polled shows pushed changes
// without fetching, polls again once the stream has been down past the grace period, and stops when it is back.
import type { SnapshotClient } from '@livesnap/client';
import { MockSnapshotServer, waitForState } from '@livesnap/client/testing';
import { type LegacyBoardEntry, type LegacySidebar, legacyBoard, legacySidebar } from '@livesnap/protocol';
import { makeFacts } from '@livesnap/protocol/testing';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { act, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  legacyQueryKeys,
  livePollingInterval,
  type SyncSnapshotsOptions,
  syncSnapshotsToQueryClient,
} from '../src/query/index.js';
import { card, clientOf } from './support.js';

afterEach(() => {
  vi.useRealTimers();
});

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

/** A component written for the old polling endpoint, with one option changed: its refetchInterval. */
function OldSidebar({ client, queryFn }: { client: SnapshotClient; queryFn: () => Promise<LegacySidebar> }) {
  const { data } = useQuery({
    queryKey: legacyQueryKeys('p1').sidebar,
    queryFn,
    refetchInterval: livePollingInterval(client, 2000),
  });
  return <p>{data?.workspaces.map((w) => w.name).join(', ')}</p>;
}

describe('a legacy component on useQuery, with the bridge', () => {
  it('shows pushed changes without fetching, polls once the stream is down past the grace period, stops when back', async () => {
    vi.useFakeTimers();
    const server = new MockSnapshotServer({ workspaces: [card('w1', 'WAITING', 1), card('w2', 'WORKING', 2)] });
    // Refused attempts are retried every 100 ms, so that the stream is back 100 ms after the server accepts again.
    const client = clientOf(server, { reconnect: { minDelayMs: 100, maxDelayMs: 100 } });
    await advance(0);
    const queryClient = new QueryClient();
    const stop = syncSnapshotsToQueryClient(client, queryClient, { projectId: 'p1' });

    // The old endpoint, as the component always called it.
    const queryFn = vi.fn(async (): Promise<LegacySidebar> => legacySidebar(server.snapshots, 1));
    const view = render(
      <QueryClientProvider client={queryClient}>
        <OldSidebar client={client} queryFn={queryFn} />
      </QueryClientProvider>,
    );
    await advance(0);
    expect(view.container.textContent).toBe('Workspace w2, Workspace w1');

    server.upsert(card('w1', 'WAITING', 1, { name: 'pushed' }));
    await advance(0);
    expect(view.container.textContent).toBe('Workspace w2, pushed');
    await advance(60_000); // heartbeats, window focus: nothing fetches
    expect(queryFn).not.toHaveBeenCalled();

    // The stream goes down: 5 s of grace, then the old 2 s interval.
    server.refuse('network-error');
    server.drop(1006);
    await advance(6_999);
    expect(queryFn).toHaveBeenCalledTimes(0);
    await advance(1);
    expect(queryFn).toHaveBeenCalledTimes(1);
    await advance(2_000);
    expect(queryFn).toHaveBeenCalledTimes(2);

    // Back: no more polling.
    server.refuse(null);
    await advance(100);
    expect(client.store.getState().status).toBe('open');
    await advance(60_000);
    expect(queryFn).toHaveBeenCalledTimes(2);
    server.upsert(card('w2', 'WORKING', 2, { name: 'pushed again' }));
    await advance(0);
    expect(view.container.textContent).toBe('pushed again, pushed');

    view.unmount();
    stop();
    client.close();
  });
});

describe('syncSnapshotsToQueryClient', () => {
  const keys = legacyQueryKeys('p1');
  const workspaces = [
    card('w1', 'WAITING', 1),
    card('w2', 'DONE', 2),
    card('w3', 'WAITING', 3, { status: 'ARCHIVED' }),
    makeFacts({ workspaceId: 'w4', createdAt: '2026-01-02T00:00:00.000Z' }), // never had a session: not on the board
  ];
  /** A bridge from an open client of a mock server to a new QueryClient (`prepare` runs before the bridge starts). */
  async function openBridge(options: Partial<SyncSnapshotsOptions> = {}, prepare = (_: QueryClient) => {}) {
    const server = new MockSnapshotServer({ workspaces });
    const client = clientOf(server);
    const queryClient = new QueryClient();
    prepare(queryClient);
    const stop = syncSnapshotsToQueryClient(client, queryClient, { projectId: 'p1', ...options });
    await waitForState(client.store, (s) => s.status === 'open');
    return { server, client, queryClient, stop };
  }

  const expectMirrors = (queryClient: QueryClient, server: MockSnapshotServer, reviewCount: number) => {
    expect(queryClient.getQueryData(keys.sidebar)).toEqual(legacySidebar(server.snapshots, reviewCount));
    expect(queryClient.getQueryData(keys.board)).toEqual(legacyBoard(server.snapshots));
  };

  it("writes both keys from the first hello on, shaped by the protocol's legacy functions, with the cached reviewCount", async () => {
    const server = new MockSnapshotServer({ workspaces });
    const client = clientOf(server, { startClosed: true });
    const queryClient = new QueryClient();
    queryClient.setQueryData(keys.sidebar, { workspaces: [], reviewCount: 7 });
    syncSnapshotsToQueryClient(client, queryClient, { projectId: 'p1' });
    expect(queryClient.getQueryData(keys.board)).toBeUndefined(); // nothing held yet: nothing written

    client.connect();
    await waitForState(client.store, (s) => s.status === 'open');
    expectMirrors(queryClient, server, 7);
    expect(queryClient.getQueryData<LegacyBoardEntry[]>(keys.board)?.map((w) => w.id)).toEqual(['w2', 'w1']);

    server.upsert(card('w1', 'DONE', 1, { name: 'moved' }));
    server.remove('w2');
    await waitForState(client.store, (s) => s.seq === 2);
    expectMirrors(queryClient, server, 7);
    client.close();
  });

  it('writes 0 as reviewCount when the cache had none', async () => {
    const { server, client, queryClient } = await openBridge();
    expectMirrors(queryClient, server, 0);
    client.close();
  });

  it('leaves the board alone when only a workspace off the board changed', async () => {
    const { server, client, queryClient } = await openBridge();
    const board = queryClient.getQueryData(keys.board);
    const sidebar = queryClient.getQueryData(keys.sidebar);
    server.upsert({ ...workspaces[3]!, name: 'renamed' });
    await waitForState(client.store, (s) => s.seq === 1);
    expect(queryClient.getQueryData(keys.sidebar)).not.toBe(sidebar);
    expect(queryClient.getQueryData(keys.board)).toBe(board);
    client.close();
  });

  it('sets staleTime Infinity for both keys; the unsubscribe gives the previous defaults back and stops writing', async () => {
    const { server, client, queryClient, stop } = await openBridge({}, (queryClient) =>
      queryClient.setQueryDefaults(keys.sidebar, { staleTime: 1_000, gcTime: 60_000 }),
    );
    expect(queryClient.getQueryDefaults(keys.sidebar)).toMatchObject({ staleTime: Infinity, gcTime: 60_000 });
    expect(queryClient.getQueryDefaults(keys.board)).toMatchObject({ staleTime: Infinity });

    stop();
    expect(queryClient.getQueryDefaults(keys.sidebar)).toEqual({ staleTime: 1_000, gcTime: 60_000 });
    expect(queryClient.getQueryDefaults(keys.board)).toEqual({});
    const before = queryClient.getQueryData(keys.sidebar);
    server.upsert(card('w1', 'WAITING', 1, { name: 'after stop' }));
    await waitForState(client.store, (s) => s.seq === 1);
    expect(queryClient.getQueryData(keys.sidebar)).toBe(before);
    client.close();
  });

  it('writes to the keys it is given instead of tRPC ones', async () => {
    const { server, client, queryClient } = await openBridge({ keys: { sidebar: ['sidebar', 'p1'] } });
    expect(queryClient.getQueryData(['sidebar', 'p1'])).toEqual(legacySidebar(server.snapshots, 0));
    expect(queryClient.getQueryData(keys.sidebar)).toBeUndefined();
    expect(queryClient.getQueryData(keys.board)).toEqual(legacyBoard(server.snapshots));
    client.close();
  });

  it('refuses wrong arguments with an error that names them', () => {
    const client = clientOf(new MockSnapshotServer(), { startClosed: true });
    const queryClient = new QueryClient();
    expect(() => syncSnapshotsToQueryClient(client, queryClient, { projectId: '' })).toThrow(
      new TypeError('syncSnapshotsToQueryClient: options.projectId must be a non-empty string, got "" (string)'),
    );
    expect(() => syncSnapshotsToQueryClient({} as never, queryClient, { projectId: 'p1' })).toThrow(
      /client must be a SnapshotClient/,
    );
    expect(() => syncSnapshotsToQueryClient(client, {} as never, { projectId: 'p1' })).toThrow(
      /queryClient must be a QueryClient/,
    );
    expect(() =>
      syncSnapshotsToQueryClient(client, queryClient, { projectId: 'p1', keys: { board: 'board' as never } }),
    ).toThrow(
      new TypeError(
        'syncSnapshotsToQueryClient: options.keys.board must be a query key (an array), got "board" (string)',
      ),
    );
  });
});

describe('livePollingInterval', () => {
  /** A stand-in for TanStack Query's Query: one observer that counts the times it is given its options again. */
  function observedQuery() {
    const observer = { options: {}, reapplied: 0, setOptions: () => observer.reapplied++ };
    return { observers: [observer], observer };
  }

  it('is false while live, the interval once down for graceMs, false when back; each change re-reads the queries', async () => {
    vi.useFakeTimers();
    const server = new MockSnapshotServer({ workspaces: [card('w1', 'WAITING', 1)] });
    const client = clientOf(server, { reconnect: { minDelayMs: 100, maxDelayMs: 100 } });
    await vi.advanceTimersByTimeAsync(0);
    const interval = livePollingInterval(client, 1_000, { graceMs: 300 });
    const query = observedQuery();
    expect(interval(query)).toBe(false);

    server.refuse('network-error');
    server.drop(1006);
    await vi.advanceTimersByTimeAsync(299);
    expect([interval(query), query.observer.reapplied]).toEqual([false, 0]);
    await vi.advanceTimersByTimeAsync(1);
    expect([interval(query), query.observer.reapplied]).toEqual([1_000, 1]);

    server.refuse(null);
    await vi.advanceTimersByTimeAsync(100);
    expect(client.store.getState().status).toBe('open');
    expect([interval(query), query.observer.reapplied]).toEqual([false, 2]);
    client.close();
  });

  it('refuses an interval or grace period that timers cannot keep', () => {
    const client = clientOf(new MockSnapshotServer(), { startClosed: true });
    expect(() => livePollingInterval(client, 0)).toThrow(
      new RangeError('livePollingInterval: ms must be an integer ≥ 1 and ≤ 2147483647, got 0 (number)'),
    );
    expect(() => livePollingInterval(client, '2000' as never)).toThrow(TypeError);
    expect(() => livePollingInterval(client, 2000, { graceMs: -1 })).toThrow(
      new RangeError('livePollingInterval: options.graceMs must be an integer ≥ 0 and ≤ 2147483647, got -1 (number)'),
    );
  });
});

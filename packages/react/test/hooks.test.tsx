// Every hook's data through a client's life: connect, update, remove, a gap healed by resync, an epoch change and a
// terminal close, compared each time with what the mock server holds.
import type { SnapshotClient } from '@livesnap/client';
import { MockSnapshotServer } from '@livesnap/client/testing';
import {
  boardColumn,
  isOnSidebar,
  type KanbanColumn,
  VISIBLE_FIELDS,
  type WorkspaceSnapshot,
} from '@livesnap/protocol';
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  SnapshotProvider,
  useKanbanColumn,
  useKanbanColumns,
  useProjectSnapshots,
  useSidebarWorkspaces,
  useSnapshotClient,
  useSnapshotSelector,
  useSnapshotStatus,
  useWorkspaceSnapshot,
} from '../src/index.js';
import { card, clientOf, deliver, Probe } from './support.js';

const COLUMNS: KanbanColumn[] = ['WORKING', 'WAITING', 'DONE'];

/** What every hook returned at the last render. */
function useEveryHook(id: string) {
  return {
    client: useSnapshotClient(),
    workspace: useWorkspaceSnapshot(id),
    list: useProjectSnapshots(),
    sidebar: useSidebarWorkspaces(),
    columns: useKanbanColumns(),
    waiting: useKanbanColumn('WAITING'),
    status: useSnapshotStatus(),
    names: useSnapshotSelector(
      (state, selectors) => selectors.selectWorkspaceList(state).map((w) => w.name),
      (a, b) => a.length === b.length && a.every((name, i) => name === b[i]),
    ),
  };
}

type Seen = ReturnType<typeof useEveryHook>;

function renderEveryHook(client: SnapshotClient, id: string): { current: Seen } {
  const seen = { current: undefined as unknown as Seen };
  render(
    <SnapshotProvider client={client}>
      <Probe read={() => useEveryHook(id)} onRender={(value) => (seen.current = value)} />
    </SnapshotProvider>,
  );
  return seen;
}

/** A workspace's visible fields: what a user can see, without the metadata. */
function visible(snapshot: WorkspaceSnapshot | undefined) {
  if (snapshot === undefined) return undefined;
  return Object.fromEntries(VISIBLE_FIELDS.map((field) => [field, snapshot[field]]));
}
const allVisible = (list: readonly WorkspaceSnapshot[]) => list.map(visible);

/** Every hook agrees with the server: the same workspaces, visible fields, order, columns, epoch and seq. */
function expectHooksMatch(seen: Seen, server: MockSnapshotServer, id: string) {
  const held = server.snapshots;
  expect(allVisible(seen.list)).toEqual(allVisible(held));
  expect(allVisible(seen.sidebar)).toEqual(allVisible(held.filter(isOnSidebar)));
  for (const column of COLUMNS) {
    expect(allVisible(seen.columns[column]), column).toEqual(allVisible(held.filter((w) => boardColumn(w) === column)));
  }
  expect(seen.waiting).toBe(seen.columns.WAITING);
  expect(visible(seen.workspace)).toEqual(visible(server.workspaces.get(id)));
  expect(seen.names).toEqual(held.map((w) => w.name));
  expect(seen.status).toMatchObject({ status: 'open', error: null, epoch: server.epoch, seq: server.seq });
}

describe('the hooks', () => {
  it('return what the server holds through connect, update, remove, a healed gap, a new epoch and a 4404', async () => {
    const server = new MockSnapshotServer({
      workspaces: [card('w1', 'WORKING', 1), card('w2', 'WAITING', 2), card('w3', 'DONE', 3, { status: 'ARCHIVED' })],
    });
    const client = clientOf(server, { startClosed: true, reconnect: { minDelayMs: 0 } });
    const seen = renderEveryHook(client, 'w1');
    expect(seen.current.client).toBe(client);
    expect(seen.current.list).toEqual([]);
    expect(seen.current.workspace).toBeUndefined();
    expect(seen.current.status).toMatchObject({ status: 'closed', epoch: null, seq: null, isStale: false });

    // connect
    await deliver(
      client,
      () => client.connect(),
      (s) => s.status === 'open',
    );
    expectHooksMatch(seen.current, server, 'w1');
    expect(seen.current.status.lastMessageAt).not.toBeNull();

    // update: w1 moves from WORKING to DONE and a new workspace arrives
    await deliver(
      client,
      () => server.upsert(card('w1', 'DONE', 1, { name: 'renamed' })),
      (s) => s.seq === 1,
    );
    await deliver(
      client,
      () => server.upsert(card('w4', 'WAITING', 4)),
      (s) => s.seq === 2,
    );
    expect(seen.current.workspace?.name).toBe('renamed');
    expectHooksMatch(seen.current, server, 'w1');

    // remove
    await deliver(
      client,
      () => server.remove('w2'),
      (s) => s.seq === 3,
    );
    expect(seen.current.list.map((w) => w.workspaceId)).toEqual(['w4', 'w3', 'w1']);
    expectHooksMatch(seen.current, server, 'w1');

    // a lost frame: the next one is a gap, the client resyncs and the full hello heals it
    server.loseNext(1);
    await deliver(
      client,
      () => {
        server.upsert(card('w5', 'WORKING', 5));
        server.upsert(card('w1', 'WAITING', 1, { name: 'after the gap' }));
      },
      (s) => s.stats.resyncs === 1 && s.seq === 5,
    );
    expect(seen.current.list.map((w) => w.workspaceId)).toContain('w5');
    expectHooksMatch(seen.current, server, 'w1');

    // a new epoch: the server restarts, the client reconnects and takes its full hello
    const epoch = server.epoch;
    await deliver(
      client,
      () => {
        server.restart();
        server.upsert(card('w6', 'DONE', 6));
      },
      (s) => s.status === 'open' && s.epoch !== epoch && s.seq === 1,
    );
    expect(seen.current.status.epoch).toBe(`${epoch.replace(/-\d+$/, '')}-2`);
    expectHooksMatch(seen.current, server, 'w1');

    // a terminal close: the data held stays, the status says why the client stopped
    server.refuse(4404);
    await deliver(
      client,
      () => server.drop(1001),
      (s) => s.status === 'closed',
    );
    expect(allVisible(seen.current.list)).toEqual(allVisible(server.snapshots));
    expect(seen.current.status).toMatchObject({ status: 'closed', error: { code: 4404 }, isStale: true });
    client.close();
  });

  it('useWorkspaceSnapshot is undefined for a workspace the client does not hold, until it arrives', async () => {
    const server = new MockSnapshotServer({ workspaces: [card('w1', 'WAITING', 1)] });
    const client = clientOf(server, { startClosed: true });
    const seen = renderEveryHook(client, 'w9');
    await deliver(
      client,
      () => client.connect(),
      (s) => s.status === 'open',
    );
    expect(seen.current.workspace).toBeUndefined();
    await deliver(
      client,
      () => server.upsert(card('w9', 'WAITING', 9)),
      (s) => s.seq === 1,
    );
    expect(seen.current.workspace?.workspaceId).toBe('w9');
    client.close();
  });
});

describe('useSnapshotStatus', () => {
  it('keeps its identity across renders while no field changed, and changes with seq', async () => {
    const server = new MockSnapshotServer({ workspaces: [card('w1', 'WAITING', 1)] });
    const client = clientOf(server, { startClosed: true });
    const statuses: object[] = [];
    const probe = (label: string) => (
      <SnapshotProvider client={client}>
        <p>{label}</p>
        <Probe read={useSnapshotStatus} onRender={(status) => statuses.push(status)} />
      </SnapshotProvider>
    );
    const view = render(probe('a'));
    await deliver(
      client,
      () => client.connect(),
      (s) => s.status === 'open',
    );
    const open = statuses.at(-1);
    const renders = statuses.length;
    view.rerender(probe('b'));
    expect(statuses).toHaveLength(renders + 1);
    expect(statuses.at(-1)).toBe(open);
    await deliver(
      client,
      () => server.upsert(card('w1', 'WAITING', 1, { name: 'x' })),
      (s) => s.seq === 1,
    );
    expect(statuses.at(-1)).not.toBe(open);
    expect(statuses.at(-1)).toMatchObject({ seq: 1 });
    client.close();
  });

  it('shows isStale once the client has been down for its grace period, and not after it is back', async () => {
    const server = new MockSnapshotServer({ workspaces: [card('w1', 'WAITING', 1)] });
    // A refused attempt is retried every 10 ms; 20 ms down makes the data stale.
    const reconnect = { minDelayMs: 10, maxDelayMs: 10 };
    const client = clientOf(server, { startClosed: true, staleAfterMs: 20, reconnect });
    let status = { isStale: false };
    render(
      <SnapshotProvider client={client}>
        <Probe read={useSnapshotStatus} onRender={(value) => (status = value)} />
      </SnapshotProvider>,
    );
    await deliver(
      client,
      () => client.connect(),
      (s) => s.status === 'open',
    );
    server.refuse('network-error');
    await deliver(
      client,
      () => server.drop(1006),
      (s) => s.isStale,
    );
    expect(status).toMatchObject({ status: 'reconnecting', isStale: true });
    await deliver(
      client,
      () => server.refuse(null),
      (s) => s.status === 'open',
    );
    expect(status).toMatchObject({ status: 'open', isStale: false, error: null });
    client.close();
  });

  it('carries when the next attempt is due while the client waits to reconnect, and null when it does not', async () => {
    const server = new MockSnapshotServer({ workspaces: [card('w1', 'WAITING', 1)] });
    // A clock that stands still: the time due is the close's plus the delay. The delay outlives the test.
    const client = clientOf(server, {
      startClosed: true,
      now: () => 1_000,
      reconnect: { minDelayMs: 60_000, maxDelayMs: 60_000 },
    });
    let status = { nextAttemptAt: 0 as number | null };
    render(
      <SnapshotProvider client={client}>
        <Probe read={useSnapshotStatus} onRender={(value) => (status = value)} />
      </SnapshotProvider>,
    );
    await deliver(
      client,
      () => client.connect(),
      (s) => s.status === 'open',
    );
    expect(status).toMatchObject({ status: 'open', nextAttemptAt: null });
    await deliver(
      client,
      () => server.drop(1006),
      (s) => s.status === 'reconnecting',
    );
    expect(status).toMatchObject({ status: 'reconnecting', nextAttemptAt: 61_000 });
    await deliver(
      client,
      () => client.close(),
      (s) => s.status === 'closed',
    );
    expect(status).toMatchObject({ status: 'closed', nextAttemptAt: null });
  });
});

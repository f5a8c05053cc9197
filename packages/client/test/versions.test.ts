// The client and protocol versions, against the in-process mock on fake time: version 2's patches applied with the
// identity rules kept, a patch without its base never applied, and the fallback to a version-1-only server.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SnapshotClient } from '../src/index.js';
import { MockSnapshotServer } from '../src/testing/index.js';
import { facts, inProcessClient, names, settle } from './support.js';

let clients: SnapshotClient[] = [];

beforeEach(() => {
  vi.useFakeTimers();
  clients = [];
});

afterEach(() => {
  for (const client of clients) client.close();
  vi.useRealTimers();
});

function setup(server = new MockSnapshotServer({ workspaces: [facts('a'), facts('b')] })) {
  const { client, errors } = inProcessClient(server);
  clients.push(client);
  return { server, client, errors, state: () => client.store.getState() };
}

const git = { total: 2, additions: 10, deletions: 1, hasUncommitted: false };

describe('version 2', () => {
  it('is what the client asks for, and its patches apply', async () => {
    const { server, state } = setup(new MockSnapshotServer({ workspaces: [facts('a', { gitStats: git })] }));
    await settle();
    expect(server.connections[0]?.params.protocol).toBe('2');
    server.upsert(facts('a', { gitStats: git, name: 'renamed', isSessionWorking: true }));
    await settle();
    expect(server.connections[0]?.received).toEqual([]);
    expect(state().workspaces.get('a')).toEqual(server.workspaces.get('a'));
    expect(state()).toMatchObject({ seq: 1, stats: { gaps: 0, resyncs: 0, invalidFrames: 0 } });
  });

  it('keeps identities: a patched workspace is a new object; the others, and what the patch did not set, are kept', async () => {
    const { server, state } = setup(
      new MockSnapshotServer({ workspaces: [facts('a', { gitStats: git }), facts('b', { hasHadSessions: true })] }),
    );
    await settle();
    const before = state().workspaces;
    const { board } = { board: before.columns };
    server.upsert(facts('a', { gitStats: git, name: 'renamed' }));
    await settle();
    const after = state().workspaces;
    expect(after.get('a')).not.toBe(before.get('a'));
    expect(after.get('a')?.gitStats).toBe(before.get('a')?.gitStats);
    expect(after.get('b')).toBe(before.get('b'));
    expect(after.columns.WAITING).toBe(board.WAITING);
    // A patch that changes no visible field (the mock commits every upsert it is given) keeps the object.
    server.upsert(facts('a', { gitStats: git, name: 'renamed' }));
    await settle();
    expect(state().workspaces).toBe(after);
    expect(state().seq).toBe(2);
  });

  it('never applies a patch of a workspace it does not hold: a gap, then a resync that converges', async () => {
    const { server, state } = setup();
    await settle();
    server.sendRaw(
      JSON.stringify({
        type: 'patch',
        seq: 1,
        workspaceId: 'ghost',
        baseVersion: 0,
        version: 1,
        computedAt: '2026-11-25T10:00:00.000Z',
        source: 'event',
        set: { name: 'half a snapshot' },
      }),
    );
    await settle();
    expect(state().workspaces.has('ghost')).toBe(false);
    expect(state().stats).toMatchObject({ gaps: 1, resyncs: 1 });
    expect(server.connections[0]?.received).toContainEqual({ type: 'resync' });
    expect(state()).toMatchObject({ status: 'open', seq: 0 });
    expect(names(state().workspaces)).toEqual({ a: 'Workspace a', b: 'Workspace b' });
  });

  it('never applies a patch based on another version than the one it holds', async () => {
    const { server, state } = setup();
    await settle();
    server.upsert(facts('a', { name: 'first' }));
    await settle();
    const held = state().workspaces;
    server.sendRaw(
      JSON.stringify({
        type: 'patch',
        seq: 2,
        workspaceId: 'a',
        baseVersion: 0,
        version: 2,
        computedAt: '2026-11-25T10:00:00.000Z',
        source: 'event',
        set: { name: 'on the wrong base' },
      }),
    );
    await settle();
    expect(state().stats).toMatchObject({ gaps: 1, resyncs: 1 });
    expect(state().workspaces.get('a')?.name).toBe('first');
    expect(state().workspaces).toBe(held);
  });
  it('reconnects for a full hello, not a resume, after a third resync within 30 s: a lost base cannot make it loop', async () => {
    const { server, state } = setup();
    await settle();
    const ghost = (seq: number) =>
      JSON.stringify({
        type: 'patch',
        seq,
        workspaceId: 'ghost',
        baseVersion: 0,
        version: 1,
        computedAt: '2026-11-25T10:00:00.000Z',
        source: 'event',
        set: { name: 'half a snapshot' },
      });
    // Two gaps, each healed by a resync.
    for (let round = 0; round < 2; round++) {
      server.sendRaw(ghost(1));
      await settle();
    }
    expect(state().stats).toMatchObject({ gaps: 2, resyncs: 2 });
    // A lie the schemas pass: 'a' removed at the next seq. The server then patches 'a', which the client lost: the
    // third gap within 30 s. A resume from seq 1 would replay that patch, and gap again, as long as the limit holds.
    server.sendRaw(JSON.stringify({ type: 'remove', seq: 1, workspaceId: 'a' }));
    await settle();
    server.upsert(facts('a', { name: 'first' }));
    server.upsert(facts('a', { name: 'second' }));
    await vi.advanceTimersByTimeAsync(1_000);
    const reconnected = server.connections.at(-1);
    expect(server.connections).toHaveLength(2);
    expect([reconnected?.params.epoch, reconnected?.params.seq]).toEqual([null, null]);
    expect(state()).toMatchObject({ status: 'open', seq: 2, stats: { resyncs: 2, reconnects: 1 } });
    expect(names(state().workspaces)).toEqual({ a: 'second', b: 'Workspace b' });
  });
});

describe('a version-1-only server', () => {
  it('is asked again at once in version 1 after its refusal, and the client stays up on it', async () => {
    const server = new MockSnapshotServer({ workspaces: [facts('a')], protocols: [1] });
    const { state, errors } = setup(server);
    // The second attempt follows the refusal without a backoff delay (the first would be 250 ms here): a timer of
    // 0 ms, which fake time, like Node, runs after 1 ms.
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(server.connections.map((c) => [c.params.protocol, c.closeCode])).toEqual([
      ['2', 4400],
      ['1', null],
    ]);
    expect(state()).toMatchObject({ status: 'open', error: null });
    expect(errors).toEqual([]);
    server.upsert(facts('a', { name: 'renamed' }));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(state()).toMatchObject({ status: 'open', seq: 1 });
    expect(state().workspaces.get('a')?.name).toBe('renamed');
    expect(server.connections).toHaveLength(2);
  });

  it('stays on version 1 for that server across reconnects, and asks for 2 again once it goes away (1001)', async () => {
    const server = new MockSnapshotServer({ workspaces: [facts('a')], protocols: [1] });
    const { state } = setup(server);
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    server.drop(1006);
    await vi.advanceTimersByTimeAsync(250);
    await settle();
    expect(server.connections.map((c) => c.params.protocol)).toEqual(['2', '1', '1']);
    expect(state()).toMatchObject({ status: 'open', stats: { resumed: 1 } });
    server.drop(1001, 'server shutting down');
    await vi.advanceTimersByTimeAsync(1_000);
    await settle();
    // In a rolling deploy the next one may be newer; this one is not, and the client falls back again at once.
    expect(server.connections.map((c) => c.params.protocol)).toEqual(['2', '1', '1', '2', '1']);
    expect(state()).toMatchObject({ status: 'open', error: null });
  });

  it('is asked for 2 again when the client is started anew', async () => {
    const server = new MockSnapshotServer({ protocols: [1] });
    const { client, state } = setup(server);
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    client.close();
    client.connect();
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(server.connections.map((c) => c.params.protocol)).toEqual(['2', '1', '2', '1']);
    expect(state().status).toBe('open');
  });
});

describe('a 4400 that names no version the client speaks', () => {
  it('stops the client, as for any bad request', async () => {
    const server = new MockSnapshotServer();
    const { state, errors } = setup(server);
    server.refuse(4400);
    await settle();
    server.drop(1001);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(state()).toMatchObject({ status: 'closed', error: { code: 4400 } });
    expect(errors).toEqual([{ code: 4400, message: expect.stringMatching(/refused/) }]);
  });
});

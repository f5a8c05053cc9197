// The client against the in-process mock server, on fake time.
import { makeSnapshot } from '@livesnap/protocol/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createSnapshotClient,
  type SnapshotClient,
  selectKanbanColumns,
  selectSidebar,
  selectWorkspaceList,
} from '../src/index.js';
import { MockSnapshotServer } from '../src/testing/index.js';
import { countingTimers, facts, inProcessClient, names, settle } from './support.js';

let clients: SnapshotClient[] = [];

beforeEach(() => {
  vi.useFakeTimers();
  clients = [];
});

afterEach(() => {
  for (const client of clients) client.close();
  vi.useRealTimers();
});

function setup(
  options: Parameters<typeof inProcessClient>[1] = {},
  server = new MockSnapshotServer({ workspaces: [facts('a'), facts('b')] }),
) {
  const { client, errors } = inProcessClient(server, options);
  clients.push(client);
  return { server, client, errors, state: () => client.store.getState() };
}

describe('connecting', () => {
  it('is open from the first valid hello, not from the socket opening', async () => {
    const server = new MockSnapshotServer({ workspaces: [facts('a')] });
    server.withholdHello();
    const { state } = setup({}, server);
    expect(state().status).toBe('connecting');
    await settle();
    expect(server.openConnections).toHaveLength(1);
    expect(state().status).toBe('connecting');
    server.sendHello();
    await settle();
    expect(state()).toMatchObject({ status: 'open', error: null, epoch: 'epoch-1', seq: 0 });
    expect(names(state().workspaces)).toEqual({ a: 'Workspace a' });
  });

  it('sends projectId, protocol and token, and reads url and token before every attempt', async () => {
    let n = 0;
    const token = vi.fn(async () => `t${++n}`);
    const url = vi.fn(() => `ws://host${n}.test/snapshots`);
    const { server } = setup({ url, token });
    await settle();
    server.drop();
    await vi.advanceTimersByTimeAsync(250);
    await settle();
    expect(token).toHaveBeenCalledTimes(2);
    expect(server.connections.map((c) => c.params.token)).toEqual(['t1', 't2']);
    expect(server.connections[0]?.url).toMatch(/^ws:\/\/host0\.test\/snapshots\?projectId=p1&protocol=2&token=t1$/);
    expect(server.connections[1]?.url).toMatch(/^ws:\/\/host1\.test\//);
  });

  it('does not connect before connect() when started closed', async () => {
    const { client, server, state } = setup({ startClosed: true });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(state().status).toBe('closed');
    expect(server.connections).toHaveLength(0);
    client.connect();
    expect(state().status).toBe('connecting');
    await settle();
    expect(state().status).toBe('open');
  });

  it('abandons a connection whose hello does not come within the heartbeat timeout, and reconnects', async () => {
    const server = new MockSnapshotServer();
    server.withholdHello();
    const { state } = setup({}, server);
    await settle();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(state()).toMatchObject({ status: 'reconnecting', error: { code: 'hello_timeout' } });
    server.withholdHello(false);
    await vi.advanceTimersByTimeAsync(250);
    await settle();
    expect(state().status).toBe('open');
    expect(server.connections).toHaveLength(2);
  });

  it('waits longer for a hello after one that did not come, and reports each that did not', async () => {
    // A large project over a slow link, where bytes arriving cannot be seen (a browser): the first wait gives up, a
    // later one is long enough, and the next waits twice what the last full hello took.
    const server = new MockSnapshotServer({ workspaces: [facts('a')] });
    server.withholdHello();
    const { state, errors } = setup({}, server);
    await settle();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(errors).toEqual([
      { code: 'hello_timeout', message: expect.stringMatching(/no hello within 10000 ms .* next wait is 20000 ms/) },
    ]);
    await vi.advanceTimersByTimeAsync(250);
    await settle();
    expect(server.openConnections).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(13_000);
    server.sendHello();
    await settle();
    expect(state()).toMatchObject({ status: 'open', error: null });
    server.withholdHello();
    server.drop();
    await vi.advanceTimersByTimeAsync(375);
    await settle();
    await vi.advanceTimersByTimeAsync(25_999);
    expect(errors).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(errors[1]).toEqual({ code: 'hello_timeout', message: expect.stringMatching(/no hello within 26000 ms/) });
  });

  // Server-side rendering on Node 20: the client is made where there is no WebSocket class, and never connects there.
  describe('without a global WebSocket', () => {
    beforeEach(() => {
      vi.stubGlobal('WebSocket', undefined);
    });
    afterEach(() => {
      vi.unstubAllGlobals();
    });

    it('is created closed without one', () => {
      const client = createSnapshotClient({ url: 'ws://x.test/snapshots', projectId: 'p1', startClosed: true });
      clients.push(client);
      expect(client.store.getState()).toMatchObject({ status: 'closed', error: null });
    });

    it('reports the missing class when it connects, through the state and onError, and does not retry', async () => {
      const errors: unknown[] = [];
      const client = createSnapshotClient({
        url: 'ws://x.test/snapshots',
        projectId: 'p1',
        startClosed: true,
        onError: (error) => errors.push(error),
      });
      clients.push(client);
      client.connect();
      const error = { code: 'no_websocket', message: expect.stringMatching(/options\.WebSocket/) };
      expect(client.store.getState()).toMatchObject({ status: 'closed', error });
      expect(errors).toEqual([error]);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(vi.getTimerCount()).toBe(0);
    });

    it('uses a class installed after it was created', async () => {
      const server = new MockSnapshotServer();
      const client = createSnapshotClient({ url: 'ws://x.test/snapshots', projectId: 'p1', startClosed: true });
      clients.push(client);
      vi.stubGlobal('WebSocket', server.WebSocket);
      client.connect();
      await settle();
      expect(client.store.getState().status).toBe('open');
    });
  });
});

describe('a socket the client gave up', () => {
  it('delivers nothing more: a hello it had received before its close came does not open the client', async () => {
    const server = new MockSnapshotServer({ workspaces: [facts('a')] });
    server.withholdHello();
    /** Like `ws`: terminate() drops the connection, but its close comes later, and frames it holds still arrive. */
    class WsLike extends server.WebSocket {
      terminate() {
        setTimeout(() => this.close(), 1);
      }
    }
    const { state } = setup({ WebSocket: WsLike }, server);
    await settle();
    await vi.advanceTimersByTimeAsync(10_000);
    server.sendHello();
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(state().status).toBe('connecting');
    expect(state().epoch).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(state()).toMatchObject({ status: 'reconnecting', error: { code: 'hello_timeout' } });
  });
});

describe('sequencing', () => {
  it('applies upserts and removes in order', async () => {
    const { server, state } = setup();
    await settle();
    server.upsert(facts('c'));
    server.remove('a');
    server.upsert(facts('b', { name: 'b2' }));
    await settle();
    expect(state().seq).toBe(3);
    expect(names(state().workspaces)).toEqual({ b: 'b2', c: 'Workspace c' });
    expect(state().stats.messages).toBe(4);
  });

  it('asks for a resync on a gap and takes the answer', async () => {
    const { server, state } = setup();
    await settle();
    server.loseNext();
    server.upsert(facts('c'));
    server.upsert(facts('d'));
    await settle();
    expect(state().stats).toMatchObject({ gaps: 1, resyncs: 1 });
    expect(server.connections[0]?.received).toContainEqual({ type: 'resync' });
    expect(names(state().workspaces)).toEqual(names(server.workspaces));
    expect(state().seq).toBe(2);
  });

  it('ignores a duplicate', async () => {
    const { server, state } = setup();
    await settle();
    server.upsert(facts('c'));
    await settle();
    const before = state().workspaces;
    server.duplicateLast();
    await settle();
    expect(state().workspaces).toBe(before);
    expect(state().stats).toMatchObject({ gaps: 0, resyncs: 0 });
  });

  it('ignores a stale version', async () => {
    const { server, state } = setup();
    await settle();
    server.upsert(facts('a', { name: 'fresh' }));
    await settle();
    server.sendStale('a');
    await settle();
    expect(state().workspaces.get('a')?.name).toBe('fresh');
    expect(state().seq).toBe(2);
  });

  it('replaces everything on a hello of a new epoch', async () => {
    const { server, state } = setup();
    await settle();
    server.upsert(facts('c'));
    await settle();
    server.remove('b');
    server.restart({ closeCode: null });
    await settle();
    expect(state()).toMatchObject({ epoch: 'epoch-2', seq: 0 });
    expect(names(state().workspaces)).toEqual({ a: 'Workspace a', c: 'Workspace c' });
    server.upsert(facts('a', { name: 'a in epoch 2' }));
    await settle();
    expect(state().workspaces.get('a')?.name).toBe('a in epoch 2');
  });

  it('applies a batch as one store update', async () => {
    const { server, client, state } = setup();
    await settle();
    const listener = vi.fn();
    client.store.subscribe(listener);
    server.batch(() => {
      server.upsert(facts('c'));
      server.remove('a');
      server.upsert(facts('d'));
    });
    await settle();
    expect(listener).toHaveBeenCalledTimes(1);
    expect([...state().workspaces.keys()].sort()).toEqual(['b', 'c', 'd']);
  });

  it('keeps the objects of unchanged workspaces through a resync', async () => {
    const { server, client, state } = setup();
    await settle();
    const before = state().workspaces;
    server.upsert(facts('b', { name: 'b2' }));
    await settle();
    client.resync();
    await settle();
    expect(state().stats.resyncs).toBe(1);
    expect(state().workspaces.get('a')).toBe(before.get('a'));
    expect(state().workspaces.get('b')?.name).toBe('b2');
  });

  it('leaves a state it published as it was: later changes, batches and hellos make new ones', async () => {
    const { server, state } = setup(
      {},
      new MockSnapshotServer({ workspaces: [facts('a', { hasHadSessions: true }), facts('b')] }),
    );
    await settle();
    const held = state();
    const seen = {
      names: names(held.workspaces),
      list: selectWorkspaceList(held),
      sidebar: [...selectSidebar(held)],
      columns: selectKanbanColumns(held),
      waiting: [...selectKanbanColumns(held).WAITING],
    };
    expect(seen.waiting.map((w) => w.workspaceId)).toEqual(['a']);
    server.upsert(facts('a', { name: 'a2', hasHadSessions: true }));
    server.remove('b');
    server.batch(() => {
      server.upsert(facts('c'));
      server.upsert(facts('a', { name: 'a3', status: 'ARCHIVED' }));
    });
    server.restart({ closeCode: null });
    await settle();
    expect(names(state().workspaces)).toEqual({ a: 'a3', c: 'Workspace c' });
    expect(names(held.workspaces)).toEqual(seen.names);
    expect(held.workspaces.size).toBe(2);
    expect(held.workspaces.get('c')).toBeUndefined();
    expect(selectWorkspaceList(held)).toBe(seen.list);
    expect(seen.list.map((w) => w.name)).toEqual(['Workspace a', 'Workspace b']);
    expect(selectSidebar(held)).toEqual(seen.sidebar);
    expect(selectKanbanColumns(held)).toBe(seen.columns);
    expect(selectKanbanColumns(held).WAITING).toEqual(seen.waiting);
  });
});

/** A snapshot of workspace `id` in `projectId` (the client's is p1). */
const snapshotOf = (id: string, projectId = 'p1') => makeSnapshot({ workspaceId: id, projectId });
const fullHello = { type: 'hello', protocol: 1, projectId: 'p1', epoch: 'e9', seq: 0, resumed: false };

describe('invalid frames', () => {
  it.each([
    ['garbage', 'not json {'],
    ['binary', new Uint8Array([1, 2, 3])],
    ['a non-object', '[1,2]'],
    ['an unknown type', '{"type":"surprise"}'],
    ['an invalid upsert', '{"type":"upsert","seq":1,"snapshot":{"workspaceId":"x"}}'],
    [
      'a hello of another project',
      JSON.stringify({
        type: 'hello',
        protocol: 1,
        projectId: 'other',
        epoch: 'e',
        seq: 0,
        resumed: false,
        snapshots: [],
      }),
    ],
    ['an upsert of another project', JSON.stringify({ type: 'upsert', seq: 1, snapshot: snapshotOf('x', 'other') })],
    [
      'a batch with one upsert of another project',
      JSON.stringify({
        type: 'batch',
        messages: [
          { type: 'upsert', seq: 1, snapshot: snapshotOf('x') },
          { type: 'upsert', seq: 2, snapshot: snapshotOf('y', 'other') },
        ],
      }),
    ],
    [
      'a hello listing a workspace of another project',
      JSON.stringify({ ...fullHello, snapshots: [snapshotOf('a'), snapshotOf('x', 'other')] }),
    ],
    [
      'a hello listing one workspace twice',
      JSON.stringify({ ...fullHello, snapshots: [snapshotOf('a'), snapshotOf('b'), snapshotOf('a')] }),
    ],
  ])('counts %s, reports it, resyncs, and leaves the workspaces alone', async (_name, frame) => {
    const { server, state, errors } = setup();
    await settle();
    const before = state();
    server.withholdHello(); // keep the state as it was: the resync answer is what we want to see counted
    server.sendRaw(frame);
    await settle();
    expect(state().stats.invalidFrames).toBe(1);
    expect(errors).toEqual([{ code: expect.stringMatching(/bad_message|unknown_type/), message: expect.any(String) }]);
    expect(state().workspaces).toBe(before.workspaces);
    expect(state().stats.resyncs).toBe(1);
    expect(state().epoch).toBe(before.epoch);
  });

  it('counts a resumed hello that the client did not ask for as invalid, not as a resume', async () => {
    const { server, state, errors } = setup();
    await settle();
    server.upsert(facts('c'));
    await settle();
    server.sendRaw(
      JSON.stringify({ type: 'hello', protocol: 1, projectId: 'p1', epoch: 'epoch-1', seq: 1, resumed: true }),
    );
    await settle();
    expect(state().stats).toMatchObject({ resumed: 0, invalidFrames: 1, resyncs: 1 });
    expect(errors).toEqual([{ code: 'bad_message', message: expect.stringMatching(/resumed hello/) }]);
    expect(names(state().workspaces)).toEqual(names(server.workspaces));
  });

  it('reports an error frame from the server without touching anything', async () => {
    const { server, state, errors } = setup();
    await settle();
    const before = state().workspaces;
    server.sendRaw(JSON.stringify({ type: 'error', code: 'rate_limited', message: 'slow down' }));
    await settle();
    expect(errors).toEqual([{ code: 'rate_limited', message: expect.stringContaining('slow down') }]);
    expect(state().workspaces).toBe(before);
    expect(state().stats.resyncs).toBe(0);
  });
});

describe('a store listener that throws', () => {
  /** The mock's WebSocket, reporting a listener's exception instead of letting it escape, as a browser does. */
  function catchingWebSocket(server: MockSnapshotServer, caught: unknown[]) {
    return class extends server.WebSocket {
      override dispatchEvent(event: Parameters<InstanceType<typeof server.WebSocket>['dispatchEvent']>[0]) {
        try {
          return super.dispatchEvent(event);
        } catch (error) {
          caught.push(error);
          return true;
        }
      }
    };
  }

  it('does not keep the client from asking for a resync on a gap', async () => {
    const server = new MockSnapshotServer({ workspaces: [facts('a')] });
    const caught: unknown[] = [];
    const { client, state } = setup({ WebSocket: catchingWebSocket(server, caught) }, server);
    await settle();
    client.store.subscribe((s, previous) => {
      if (s.stats.gaps !== previous.stats.gaps) throw new Error('a bug in the app');
    });
    server.loseNext();
    server.upsert(facts('b'));
    server.upsert(facts('c'));
    await settle();
    expect(caught).toEqual([new Error('a bug in the app')]);
    expect(state().stats).toMatchObject({ gaps: 1, resyncs: 1 });
    expect(names(state().workspaces)).toEqual(names(server.workspaces));
  });

  it('does not keep a resync from its deadline', async () => {
    const server = new MockSnapshotServer({ workspaces: [facts('a')] });
    const caught: unknown[] = [];
    const { client, state } = setup({ WebSocket: catchingWebSocket(server, caught) }, server);
    await settle();
    client.store.subscribe((s, previous) => {
      if (s.stats.resyncs !== previous.stats.resyncs) throw new Error('a bug in the app');
    });
    server.silence();
    // silence() stops the frames of the script: send the garbage on the connection itself
    server.connections[0]?.sendRaw('not json {');
    await settle();
    expect(caught).toEqual([new Error('a bug in the app')]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(state()).toMatchObject({ status: 'reconnecting', error: { code: 'resync_timeout' } });
  });

  it('does not keep an invalid frame from being treated as a gap', async () => {
    const server = new MockSnapshotServer({ workspaces: [facts('a')] });
    const caught: unknown[] = [];
    const { client, state } = setup({ WebSocket: catchingWebSocket(server, caught) }, server);
    await settle();
    client.store.subscribe((s, previous) => {
      if (s.stats.invalidFrames !== previous.stats.invalidFrames) throw new Error('a bug in the app');
    });
    server.sendRaw('not json {');
    await settle();
    expect(caught).toEqual([new Error('a bug in the app')]);
    expect(state().stats).toMatchObject({ invalidFrames: 1, resyncs: 1 });
    expect(names(state().workspaces)).toEqual(names(server.workspaces));
  });
});

describe('resync rules', () => {
  it('sends one resync at a time', async () => {
    const { server, client, state } = setup();
    await settle();
    server.silence();
    client.resync();
    client.resync();
    await settle();
    expect(state().stats.resyncs).toBe(1);
  });

  it('sends no resync for an invalid frame before the hello: the hello on its way answers it', async () => {
    const server = new MockSnapshotServer();
    server.withholdHello();
    const { state } = setup({}, server);
    await settle();
    server.connections[0]?.sendRaw('not json {');
    await settle();
    expect(state().stats).toMatchObject({ invalidFrames: 1, resyncs: 0 });
    expect(server.connections[0]?.received).toEqual([]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(state()).toMatchObject({ status: 'reconnecting', error: { code: 'hello_timeout' } });
  });

  it('asks again at once when the answer to a resync is an invalid hello', async () => {
    const { server, client, state } = setup();
    await settle();
    const connection = server.connections[0];
    server.silence();
    client.resync();
    await settle();
    connection?.sendRaw(
      JSON.stringify({
        type: 'hello',
        protocol: 1,
        projectId: 'other',
        epoch: 'e',
        seq: 0,
        resumed: false,
        snapshots: [],
      }),
    );
    await settle();
    expect(state().stats).toMatchObject({ invalidFrames: 1, resyncs: 2 });
    expect(state().status).toBe('open');
  });

  it('asks for a resync when a resumed hello is not at the seq it asked for, and ignores the replay', async () => {
    const { server, state } = setup();
    await settle();
    server.upsert(facts('c'));
    await settle();
    server.withholdHello();
    server.drop();
    await vi.advanceTimersByTimeAsync(250);
    await settle();
    const connection = server.connections[1];
    expect(connection?.params).toMatchObject({ epoch: 'epoch-1', seq: '1' });
    server.upsert(facts('d'));
    connection?.sendRaw(
      JSON.stringify({ type: 'hello', protocol: 1, projectId: 'p1', epoch: 'epoch-1', seq: 0, resumed: true }),
    );
    connection?.sendRaw(JSON.stringify(server.log[0]));
    await settle();
    expect(state().stats).toMatchObject({ invalidFrames: 1, resyncs: 1, resumed: 0 });
    expect(connection?.received).toContainEqual({ type: 'resync' });
    expect(state().seq).toBe(1);
    server.sendHello();
    await settle();
    expect(state()).toMatchObject({ status: 'open', seq: 2 });
    expect(names(state().workspaces)).toEqual(names(server.workspaces));
  });

  it('reconnects with backoff when the resync answer does not come within the heartbeat timeout', async () => {
    const { server, client, state } = setup();
    await settle();
    server.silence();
    client.resync();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(state()).toMatchObject({ status: 'reconnecting', error: { code: 'resync_timeout' } });
    await vi.advanceTimersByTimeAsync(250);
    await settle();
    expect(state().status).toBe('open');
    expect(server.connections[1]?.hello).toEqual({ resumed: true, epoch: 'epoch-1', seq: 0 });
  });

  it('reconnects instead of sending a third resync within 30 s', async () => {
    const { server, client, state } = setup();
    await settle();
    client.resync();
    await settle();
    client.resync();
    await settle();
    expect(state().stats.resyncs).toBe(2);
    client.resync();
    await settle();
    expect(state().stats.resyncs).toBe(2);
    expect(state()).toMatchObject({ status: 'reconnecting', error: { code: 'resync_limit' } });
    await vi.advanceTimersByTimeAsync(250);
    await settle();
    expect(server.connections).toHaveLength(2);
  });
});

describe('heartbeat', () => {
  it('pings, and reconnects and resumes when a pong does not come', async () => {
    const { server, state } = setup();
    await settle();
    await vi.advanceTimersByTimeAsync(15_000);
    expect(server.connections[0]?.received).toEqual([{ type: 'ping', id: '1' }]);
    expect(state().status).toBe('open');
    server.silence();
    server.upsert(facts('c'));
    await vi.advanceTimersByTimeAsync(15_000 + 10_000);
    expect(state()).toMatchObject({ status: 'reconnecting', error: { code: 'heartbeat_timeout' } });
    await vi.advanceTimersByTimeAsync(250);
    await settle();
    expect(state()).toMatchObject({ status: 'open', error: null, seq: 1 });
    expect(server.connections[1]?.params).toMatchObject({ epoch: 'epoch-1', seq: '0' });
    expect(server.connections[1]?.hello?.resumed).toBe(true);
    expect(state().stats).toMatchObject({ resumed: 1, reconnects: 1 });
    expect(names(state().workspaces)).toEqual(names(server.workspaces));
  });
});

describe('heartbeat before the hello', () => {
  it('does not ping before the hello, which a server does not answer yet', async () => {
    const server = new MockSnapshotServer();
    server.withholdHello();
    const { state } = setup({ heartbeat: { intervalMs: 1_000, timeoutMs: 3_000 } }, server);
    await settle();
    await vi.advanceTimersByTimeAsync(1_500);
    server.sendHello();
    await vi.advanceTimersByTimeAsync(6_000);
    expect(state()).toMatchObject({ status: 'open', error: null });
    expect(server.connections).toHaveLength(1);
    expect(server.connections[0]?.received[0]).toEqual({ type: 'ping', id: expect.any(String) });
  });
});

describe('close codes', () => {
  it.each([4400, 4403, 4404])('stops on %i with the error set, and does not retry', async (code) => {
    const server = new MockSnapshotServer();
    server.refuse(code);
    const { state, errors } = setup({}, server);
    await settle();
    expect(state()).toMatchObject({ status: 'closed', error: { code } });
    expect(errors).toEqual([{ code, message: expect.stringContaining(String(code)) }]);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(server.connections).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reconnects at once on 4409 and resumes; a second 4409 within 30 s backs off', async () => {
    const { server, state } = setup();
    await settle();
    server.upsert(facts('c'));
    await settle();
    server.drop(4409);
    await settle();
    expect(server.connections).toHaveLength(2);
    expect(server.connections[1]?.hello).toEqual({ resumed: true, epoch: 'epoch-1', seq: 1 });
    expect(state().status).toBe('open');
    server.drop(4409);
    await settle();
    expect(server.connections).toHaveLength(2);
    expect(state()).toMatchObject({ status: 'reconnecting', error: { code: 4409 } });
    await vi.advanceTimersByTimeAsync(250);
    await settle();
    expect(server.connections).toHaveLength(3);
  });

  it('refreshes the token after 4401 and stops at the third in a row', async () => {
    let n = 0;
    const server = new MockSnapshotServer({ authorize: () => 401 });
    const { state } = setup({ token: () => `t${++n}` }, server);
    await settle();
    await vi.advanceTimersByTimeAsync(250);
    await settle();
    expect(state().status).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(375);
    await settle();
    expect(state()).toMatchObject({ status: 'closed', error: { code: 4401 } });
    expect(server.connections.map((c) => c.params.token)).toEqual(['t1', 't2', 't3']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.connections).toHaveLength(3);
  });

  it('recovers from 4401 when the refreshed token is accepted', async () => {
    let n = 0;
    const server = new MockSnapshotServer({ authorize: (token) => (token === 't2' ? true : 401) });
    const { state } = setup({ token: () => `t${++n}` }, server);
    await settle();
    await vi.advanceTimersByTimeAsync(250);
    await settle();
    expect(state()).toMatchObject({ status: 'open', error: null });
  });

  it('reports a connection lost without a close frame as 1006, though the socket fired error first', async () => {
    // Browsers fire `error` before such a `close`: the code reported is the close's, not a made-up one for the error.
    const { server, state, errors } = setup();
    await settle();
    server.drop(1006);
    await settle();
    expect(state()).toMatchObject({
      status: 'reconnecting',
      error: { code: 1006, message: expect.stringMatching(/\(1006\)/) },
    });
    expect(errors).toEqual([]);
  });

  it.each([1000, 1001, 1011, 4429, 4503, 4999])('reconnects with backoff on %i and resumes', async (code) => {
    const { server, state } = setup();
    await settle();
    server.drop(code);
    await settle();
    expect(state()).toMatchObject({ status: 'reconnecting', error: { code } });
    await vi.advanceTimersByTimeAsync(249);
    expect(server.connections).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(state()).toMatchObject({ status: 'open', error: null });
    expect(server.connections[1]?.hello?.resumed).toBe(true);
  });

  it('takes a full hello when the server restarted with a new epoch', async () => {
    const { server, state } = setup();
    await settle();
    server.upsert(facts('c'));
    await settle();
    server.restart(); // closes with 1001
    server.upsert(facts('d'));
    await vi.advanceTimersByTimeAsync(250);
    await settle();
    expect(server.connections[1]?.params).toMatchObject({ epoch: 'epoch-1', seq: '1' });
    expect(server.connections[1]?.hello).toEqual({ resumed: false, epoch: 'epoch-2', seq: 1 });
    expect(state()).toMatchObject({ epoch: 'epoch-2', seq: 1 });
    expect(names(state().workspaces)).toEqual(names(server.workspaces));
  });
});

describe('reconnection', () => {
  it('backs off 250, 375, 562.5 ms … between failed attempts', async () => {
    const server = new MockSnapshotServer();
    server.refuse('network-error');
    const attempts: number[] = [];
    const { state } = setup({}, server);
    const original = server.admission.bind(server);
    server.admission = () => {
      attempts.push(Date.now());
      return original();
    };
    await vi.advanceTimersByTimeAsync(250 + 375 + 562.5 + 843.75 + 1);
    const delays = attempts.slice(1).map((at, i) => at - (attempts[i] ?? 0));
    expect(delays).toHaveLength(4);
    // fake timers run on whole milliseconds
    for (const [i, expected] of [250, 375, 562.5, 843.75].entries()) {
      expect(Math.abs((delays[i] ?? 0) - expected)).toBeLessThanOrEqual(1);
    }
    expect(state().stats.reconnects).toBe(4);
  });

  it('reports a connection that could not be made as connect_failed and keeps trying', async () => {
    const server = new MockSnapshotServer();
    server.refuse('network-error');
    const { state } = setup({}, server);
    await settle();
    expect(state()).toMatchObject({ status: 'reconnecting', error: { code: 'connect_failed' } });
  });

  it('applies jitter: each delay is the full one times a factor in [0.5, 1]', async () => {
    const server = new MockSnapshotServer();
    server.refuse('network-error');
    const attempts: number[] = [];
    const original = server.admission.bind(server);
    const start = Date.now();
    server.admission = () => {
      attempts.push(Date.now() - start);
      return original();
    };
    setup({ random: () => 0.999 }, server);
    await vi.advanceTimersByTimeAsync(125 + 188 + 1);
    expect(attempts).toEqual([0, 125, 312]);
  });

  it('caps the delay at the maximum and resets the count after 5 s open', async () => {
    const server = new MockSnapshotServer();
    server.refuse('network-error');
    const { state } = setup({ reconnect: { minDelayMs: 100, maxDelayMs: 400, growFactor: 2 } }, server);
    await vi.advanceTimersByTimeAsync(100 + 200 + 400 + 400);
    expect(server.connections).toHaveLength(0);
    server.refuse(null);
    await vi.advanceTimersByTimeAsync(400);
    await settle();
    expect(state().status).toBe('open');
    await vi.advanceTimersByTimeAsync(5_000);
    server.drop();
    await settle();
    await vi.advanceTimersByTimeAsync(99);
    expect(server.connections).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(server.connections).toHaveLength(2);
  });

  it('keeps backing off from a server that accepts sockets but never sends a hello', async () => {
    // The count resets 5 s after a valid hello (PROTOCOL.md's open), not 5 s after the socket opened.
    const server = new MockSnapshotServer();
    server.withholdHello();
    const { client } = setup({}, server);
    const givenUp: number[] = [];
    const connected: number[] = [];
    client.store.subscribe((s, previous) => {
      if (s.error !== previous.error && s.error?.code === 'hello_timeout') givenUp.push(Date.now());
    });
    server.on((event) => {
      if (event.type === 'connection') connected.push(Date.now());
    });
    while (connected.length < 4) await vi.advanceTimersByTimeAsync(1_000);
    const delays = givenUp.slice(0, 3).map((at, i) => (connected[i + 1] ?? 0) - at);
    // fake timers run on whole milliseconds
    for (const [i, expected] of [250, 375, 562.5].entries()) {
      expect(Math.abs((delays[i] ?? 0) - expected)).toBeLessThanOrEqual(1);
    }
  });

  it('does not reset the count for a connection that dropped within 5 s', async () => {
    const { server } = setup({ reconnect: { minDelayMs: 100, maxDelayMs: 10_000, growFactor: 2 } });
    await settle();
    server.drop();
    await vi.advanceTimersByTimeAsync(100);
    await settle();
    expect(server.connections).toHaveLength(2);
    server.drop();
    await vi.advanceTimersByTimeAsync(199);
    expect(server.connections).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(server.connections).toHaveLength(3);
  });

  it('abandons an attempt that does not open within the connect timeout, and retries', async () => {
    const server = new MockSnapshotServer();
    server.refuse('never-open');
    const { state } = setup({ connectTimeoutMs: 10_000 }, server);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(state().status).toBe('connecting');
    await vi.advanceTimersByTimeAsync(1);
    expect(state()).toMatchObject({ status: 'reconnecting', error: { code: 'connect_timeout' } });
    server.refuse(null);
    await vi.advanceTimersByTimeAsync(250);
    await settle();
    expect(state().status).toBe('open');
  });

  it('abandons an attempt whose token does not come within the connect timeout, and retries', async () => {
    let calls = 0;
    const { server, state } = setup({
      connectTimeoutMs: 10_000,
      token: () => (++calls === 1 ? new Promise<string>(() => {}) : Promise.resolve('ok')),
    });
    await vi.advanceTimersByTimeAsync(9_999);
    expect(state().status).toBe('connecting');
    await vi.advanceTimersByTimeAsync(1);
    expect(state()).toMatchObject({ status: 'reconnecting', error: { code: 'connect_timeout' } });
    await vi.advanceTimersByTimeAsync(250);
    await settle();
    expect(state().status).toBe('open');
    expect(server.connections.map((c) => c.params.token)).toEqual(['ok']);
  });

  it('counts the time to get the token in the connect timeout', async () => {
    const server = new MockSnapshotServer();
    server.refuse('never-open');
    const { state } = setup(
      {
        connectTimeoutMs: 10_000,
        token: () => new Promise<string>((resolve) => setTimeout(() => resolve('slow'), 6_000)),
      },
      server,
    );
    await vi.advanceTimersByTimeAsync(9_999);
    expect(state().status).toBe('connecting');
    await vi.advanceTimersByTimeAsync(1);
    expect(state()).toMatchObject({ status: 'reconnecting', error: { code: 'connect_timeout' } });
  });

  it('reports a token function that fails, and retries with backoff', async () => {
    let calls = 0;
    const { state, errors } = setup({
      token: async () => {
        calls += 1;
        if (calls === 1) throw new Error('auth service down');
        return 'ok';
      },
    });
    await settle();
    expect(state()).toMatchObject({ status: 'reconnecting', error: { code: 'token' } });
    expect(errors[0]?.message).toMatch(/auth service down/);
    await vi.advanceTimersByTimeAsync(250);
    await settle();
    expect(state().status).toBe('open');
  });

  it('reports a URL it cannot use, and retries with backoff', async () => {
    let bad = true;
    const { state, errors } = setup({ url: () => (bad ? 'ftp://nope' : 'ws://mock.test/snapshots') });
    await settle();
    expect(state()).toMatchObject({ status: 'reconnecting', error: { code: 'url' } });
    expect(errors[0]?.message).toMatch(/ftp:\/\/nope/);
    bad = false;
    await vi.advanceTimersByTimeAsync(250);
    await settle();
    expect(state().status).toBe('open');
  });

  it('survives a WebSocket constructor that throws', async () => {
    const server = new MockSnapshotServer();
    let throwing = true;
    const Base = server.WebSocket;
    class Flaky extends Base {
      constructor(url: string) {
        if (throwing) throw new SyntaxError('blocked port');
        super(url);
      }
    }
    const { state } = setup({ WebSocket: Flaky }, server);
    await settle();
    expect(state()).toMatchObject({
      status: 'reconnecting',
      error: { code: 'connect_failed', message: expect.stringMatching(/blocked port/) },
    });
    throwing = false;
    await vi.advanceTimersByTimeAsync(250);
    await settle();
    expect(state().status).toBe('open');
  });
});

describe('isStale', () => {
  /** Every value isStale took, in order. */
  function staleness(client: SnapshotClient) {
    const seen = [client.store.getState().isStale];
    client.store.subscribe((s, previous) => {
      if (s.isStale !== previous.isStale) seen.push(s.isStale);
    });
    return seen;
  }

  it('shows nothing for a blip shorter than staleAfterMs', async () => {
    const { server, client, state } = setup();
    const seen = staleness(client);
    await settle();
    server.drop();
    await vi.advanceTimersByTimeAsync(250);
    await settle();
    expect(state().status).toBe('open');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(seen).toEqual([false]);
  });

  it('turns true staleAfterMs after the connection was lost, and false at the next hello', async () => {
    const { server, client, state } = setup({ staleAfterMs: 3_000 });
    const seen = staleness(client);
    await settle();
    server.refuse('network-error');
    server.drop();
    await settle();
    await vi.advanceTimersByTimeAsync(2_999);
    expect(state()).toMatchObject({ status: 'reconnecting', isStale: false });
    await vi.advanceTimersByTimeAsync(1);
    expect(state().isStale).toBe(true);
    server.refuse(null);
    await vi.advanceTimersByTimeAsync(10_000);
    await settle();
    expect(state()).toMatchObject({ status: 'open', isStale: false });
    expect(seen).toEqual([false, true, false]);
  });

  it('turns true when the first connection does not open within staleAfterMs', async () => {
    const server = new MockSnapshotServer();
    server.refuse('never-open');
    const { state } = setup({}, server);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(state()).toMatchObject({ status: 'connecting', isStale: false });
    await vi.advanceTimersByTimeAsync(1);
    expect(state().isStale).toBe(true);
  });

  it('turns true staleAfterMs after a silence longer than the heartbeat allows', async () => {
    const { server, state } = setup({ heartbeat: { intervalMs: 15_000, timeoutMs: 10_000 } });
    await settle();
    server.silence();
    server.refuse('never-open');
    // heard last at 0: suspect from 15 s + 10 s, stale 5 s later
    await vi.advanceTimersByTimeAsync(29_999);
    expect(state().isStale).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(state().isStale).toBe(true);
  });

  it('sets no timer per frame while open', async () => {
    const { timers, pending } = countingTimers();
    let set = 0;
    const counting = {
      ...timers,
      setTimeout(callback: () => void, ms: number) {
        set++;
        return timers.setTimeout(callback, ms);
      },
    };
    const { server } = setup({ timers: counting });
    await settle();
    const before = set;
    for (let i = 0; i < 50; i++) server.upsert(facts(`w${i}`));
    await settle();
    expect(set).toBe(before);
    expect(pending.size).toBeGreaterThan(0);
  });

  it('is true at once after close() or a terminal close, and stays so until a hello after connect()', async () => {
    const { server, client, state } = setup();
    await settle();
    client.close();
    expect(state()).toMatchObject({ status: 'closed', isStale: true });
    client.connect();
    expect(state()).toMatchObject({ status: 'connecting', isStale: true });
    await settle();
    expect(state()).toMatchObject({ status: 'open', isStale: false });
    server.drop(4404);
    await settle();
    expect(state()).toMatchObject({ status: 'closed', isStale: true });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('is false for a client that never connected', () => {
    const { state } = setup({ startClosed: true });
    expect(state()).toMatchObject({ status: 'closed', isStale: false });
  });
});

describe('nextAttemptAt', () => {
  /** Every value nextAttemptAt took, in order. */
  function nextAttempts(client: SnapshotClient) {
    const seen = [client.store.getState().nextAttemptAt];
    client.store.subscribe((s, previous) => {
      if (s.nextAttemptAt !== previous.nextAttemptAt) seen.push(s.nextAttemptAt);
    });
    return seen;
  }

  it("is when each backoff delay ends, on the client's clock, and null again as that attempt starts", async () => {
    // A clock of the client's own, far from the timers' Date.now(): the time must be read from it.
    const now = () => Date.now() + 1_000_000;
    const { server, client, state } = setup({ now });
    const seen = nextAttempts(client);
    await settle();
    server.refuse('network-error');
    const lostAt = now();
    server.drop();
    await settle();
    expect(state()).toMatchObject({ status: 'reconnecting', nextAttemptAt: lostAt + 250 });
    await vi.advanceTimersByTimeAsync(249);
    expect(state().nextAttemptAt).toBe(lostAt + 250);
    // The attempt at 250 ms fails at once; the next waits 375 ms.
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(state().nextAttemptAt).toBe(lostAt + 250 + 375);
    server.refuse(null);
    await vi.advanceTimersByTimeAsync(375);
    await settle();
    expect(state()).toMatchObject({ status: 'open', nextAttemptAt: null });
    expect(seen).toEqual([null, lostAt + 250, null, lostAt + 625, null]);
  });

  it('is due at once after a close that retries at once (4409), and null once that attempt started', async () => {
    const { server, client, state } = setup();
    const seen = nextAttempts(client);
    await settle();
    const closedAt = Date.now();
    server.drop(4409);
    await settle();
    expect(state()).toMatchObject({ status: 'open', nextAttemptAt: null });
    expect(seen).toEqual([null, closedAt, null]);
  });

  it('is null after close() while waiting, and stays null after a terminal close code', async () => {
    const { server, client, state } = setup();
    await settle();
    server.drop();
    await settle();
    expect(state().nextAttemptAt).not.toBeNull();
    client.close();
    expect(state()).toMatchObject({ status: 'closed', nextAttemptAt: null });
    server.refuse(4404);
    const seen = nextAttempts(client);
    client.connect();
    await settle();
    expect(state()).toMatchObject({ status: 'closed', error: { code: 4404 }, nextAttemptAt: null });
    expect(seen).toEqual([null]);
  });

  it('is null once a wake skips the rest of the delay', async () => {
    const win = new EventTarget();
    vi.stubGlobal('window', win);
    try {
      const { server, state } = setup({ reconnect: { minDelayMs: 5_000, maxDelayMs: 5_000 } });
      await settle();
      server.refuse('never-open');
      server.drop();
      await settle();
      expect(state().nextAttemptAt).toBe(Date.now() + 5_000);
      win.dispatchEvent(new Event('online'));
      await settle();
      // The attempt is under way (its socket never opens) 4,999 ms early.
      expect(state()).toMatchObject({ status: 'reconnecting', nextAttemptAt: null, stats: { reconnects: 1 } });
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('close and connect', () => {
  it('close() while waiting to reconnect, then connect() again, works', async () => {
    const { server, client, state } = setup();
    await settle();
    server.drop();
    await settle();
    expect(state().status).toBe('reconnecting');
    client.close();
    expect(state().status).toBe('closed');
    await settle();
    expect(vi.getTimerCount()).toBe(0);
    client.connect();
    await settle();
    expect(state().status).toBe('open');
    expect(server.connections).toHaveLength(2);
  });

  it('close() while the socket is CONNECTING, then connect() again, works', async () => {
    const server = new MockSnapshotServer();
    server.refuse('never-open');
    const { client, state } = setup({}, server);
    await settle();
    client.close();
    await settle();
    expect(vi.getTimerCount()).toBe(0);
    server.refuse(null);
    client.connect();
    await settle();
    expect(state().status).toBe('open');
  });

  it('close() before the first attempt started, then connect() again, works', async () => {
    const { server, client, state } = setup();
    client.close();
    client.connect();
    await settle();
    expect(state().status).toBe('open');
    expect(server.openConnections).toHaveLength(1);
  });

  it('stays closed when onError calls close() for a failed token', async () => {
    const server = new MockSnapshotServer();
    let client: SnapshotClient | null = null;
    ({ client } = setup(
      {
        token: async () => {
          throw new Error('auth service down');
        },
        onError: () => client?.close(),
      },
      server,
    ));
    await settle();
    expect(client.store.getState().status).toBe('closed');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(vi.getTimerCount()).toBe(0);
    expect(client.store.getState().status).toBe('closed');
  });

  it('stays closed when a store listener calls close() as the client starts connecting', async () => {
    const { server, client, state } = setup({ startClosed: true });
    const unsubscribe = client.store.subscribe((s) => {
      if (s.status !== 'connecting') return;
      unsubscribe();
      client.close();
    });
    client.connect();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(state().status).toBe('closed');
    expect(server.connections).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not ask for a token when a store listener closed the client as the attempt started', async () => {
    const token = vi.fn(() => 'ok');
    const { server, client, state } = setup({ token });
    await settle();
    client.store.subscribe((s, previous) => {
      if (s.stats.reconnects !== previous.stats.reconnects) client.close();
    });
    server.drop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(state()).toMatchObject({ status: 'closed', stats: { reconnects: 1 } });
    expect(token).toHaveBeenCalledTimes(1);
    expect(server.connections).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('close() leaves no timer, socket or listener, and keeps the data', async () => {
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    const win = new EventTarget();
    const added = vi.spyOn(doc, 'addEventListener');
    const removed = vi.spyOn(doc, 'removeEventListener');
    vi.stubGlobal('document', doc);
    vi.stubGlobal('window', win);
    try {
      const { server, client, state } = setup();
      await settle();
      await vi.advanceTimersByTimeAsync(15_000);
      client.close();
      await settle();
      expect(vi.getTimerCount()).toBe(0);
      expect(server.openConnections).toHaveLength(0);
      expect(server.connections[0]?.closeCode).toBe(1000);
      expect(added).toHaveBeenCalledTimes(1);
      expect(removed).toHaveBeenCalledWith('visibilitychange', added.mock.calls[0]?.[1]);
      expect(state().status).toBe('closed');
      expect([...state().workspaces.keys()]).toEqual(['a', 'b']);
      server.upsert(facts('c'));
      await vi.advanceTimersByTimeAsync(60_000);
      expect(server.connections).toHaveLength(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('waking up', () => {
  it('skips the rest of the backoff when the page becomes visible or the browser comes online', async () => {
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    const win = new EventTarget();
    vi.stubGlobal('document', doc);
    vi.stubGlobal('window', win);
    try {
      const { server, state } = setup({ reconnect: { minDelayMs: 5_000, maxDelayMs: 5_000 } });
      await settle();
      server.drop();
      await settle();
      expect(state().status).toBe('reconnecting');
      doc.dispatchEvent(new Event('visibilitychange'));
      await settle();
      expect(state().status).toBe('open');
      server.drop();
      await settle();
      win.dispatchEvent(new Event('online'));
      await settle();
      expect(state().status).toBe('open');
      expect(server.connections).toHaveLength(3);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('pings at once when open', async () => {
    const win = new EventTarget();
    vi.stubGlobal('window', win);
    try {
      const { server } = setup();
      await settle();
      win.dispatchEvent(new Event('online'));
      await settle();
      expect(server.connections[0]?.received).toEqual([{ type: 'ping', id: '1' }]);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

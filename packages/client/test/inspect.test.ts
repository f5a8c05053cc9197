// The inspection hook and the actions a devtools panel takes (drop, reconnect), against the in-process mock on fake
// time.
import { messageInVersion } from '@livesnap/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InspectionEvent, SnapshotClient, TransitionEvent } from '../src/index.js';
import { MockSnapshotServer } from '../src/testing/index.js';
import { facts, inProcessClient, settle } from './support.js';

let clients: SnapshotClient[] = [];

beforeEach(() => {
  vi.useFakeTimers();
  clients = [];
});

afterEach(() => {
  for (const client of clients) client.close();
  vi.useRealTimers();
});

function setup(options: Parameters<typeof inProcessClient>[1] = {}, server = new MockSnapshotServer()) {
  const { client, errors } = inProcessClient(server, { startClosed: true, ...options });
  clients.push(client);
  const events: InspectionEvent[] = [];
  client.inspect((event) => events.push(event));
  const transitions = () =>
    events.filter((e): e is TransitionEvent => e.type === 'transition').map((e) => [e.status, e.cause]);
  return { server, client, errors, events, transitions, state: () => client.store.getState() };
}

describe('frames', () => {
  it('tells each frame in with its size, type, seq and workspaces, and an undecodable one with its error', async () => {
    const server = new MockSnapshotServer({ workspaces: [facts('a')] });
    const { client, events } = setup({}, server);
    client.connect();
    await settle();
    server.upsert(facts('b', { name: 'Bé' }));
    server.batch(() => {
      server.upsert(facts('a', { name: 'A2' }));
      server.remove('b');
    });
    server.sendRaw('{"type":"nonsense"}');
    await settle();
    const frames = events.filter((e) => e.type === 'frame-in');
    expect(frames.map((f) => [f.frameType, f.seq, f.workspaceIds, f.error?.code ?? null])).toEqual([
      ['hello', 0, [], null],
      ['upsert', 1, ['b'], null],
      ['batch', 3, ['a', 'b'], null],
      [null, null, [], 'unknown_type'],
      // The answer to the resync the invalid frame called for.
      ['hello', 3, [], null],
    ]);
    const upsert = JSON.stringify(messageInVersion(server.log[0]!, 2));
    expect(frames[1]!.bytes).toBe(new TextEncoder().encode(upsert).byteLength);
    expect(frames[1]!.bytes).toBe(upsert.length + 1);
    expect(frames.every((f) => f.at === Date.now())).toBe(true);
  });

  it('tells each frame out: pings and resyncs', async () => {
    const { client, events, server } = setup({ heartbeat: { intervalMs: 1_000, timeoutMs: 500 } });
    client.connect();
    await settle();
    await vi.advanceTimersByTimeAsync(1_000);
    client.resync();
    await settle();
    const sent = events.filter((e) => e.type === 'frame-out');
    expect(sent.map((e) => e.frameType)).toEqual(['ping', 'resync']);
    expect(sent.map((e) => e.bytes)).toEqual(['{"type":"ping","id":"1"}'.length, '{"type":"resync"}'.length]);
    expect(server.connections[0]!.received.map((m) => m.type)).toEqual(['ping', 'resync']);
  });
});

describe('transitions', () => {
  it('says why the connection moved: connect, hello, a lost connection, a resumed hello, a terminal close', async () => {
    const server = new MockSnapshotServer({ workspaces: [facts('a'), facts('b')], instance: 'node-a' });
    const { client, transitions } = setup({}, server);
    client.connect();
    await settle();
    server.instance = 'node-b';
    server.drop(1006);
    await settle();
    await vi.advanceTimersByTimeAsync(250);
    await settle();
    server.drop(4404, 'gone');
    await settle();
    expect(transitions()).toEqual([
      ['connecting', { kind: 'connect' }],
      ['open', { kind: 'hello', epoch: 'epoch-1', seq: 0, resumed: false, instance: 'node-a', workspaces: 2 }],
      ['reconnecting', { kind: 'disconnect', code: 1006, message: expect.stringContaining('(1006)'), retryInMs: 250 }],
      ['open', { kind: 'hello', epoch: 'epoch-1', seq: 0, resumed: true, instance: 'node-b', workspaces: null }],
      ['closed', { kind: 'disconnect', code: 4404, message: expect.stringContaining('(4404): gone'), retryInMs: null }],
    ]);
  });

  it('names the client’s own causes: a dead heartbeat, and a resync', async () => {
    const { client, server, transitions } = setup({ heartbeat: { intervalMs: 1_000, timeoutMs: 500 } });
    client.connect();
    await settle();
    client.resync();
    await settle();
    server.silence();
    await vi.advanceTimersByTimeAsync(1_500);
    expect(transitions().slice(2)).toEqual([
      ['open', { kind: 'resync' }],
      ['open', expect.objectContaining({ kind: 'hello', resumed: false })],
      [
        'reconnecting',
        { kind: 'disconnect', code: 'heartbeat_timeout', message: 'no pong within 500 ms', retryInMs: 250 },
      ],
    ]);
  });

  it('tells of a wake: a retry at once while waiting, a ping while open', async () => {
    const wakeSource = new EventTarget();
    vi.stubGlobal('window', wakeSource);
    try {
      const server = new MockSnapshotServer();
      const { client, transitions } = setup({ reconnect: { minDelayMs: 60_000, maxDelayMs: 60_000 } }, server);
      client.connect();
      await settle();
      server.drop();
      await settle();
      wakeSource.dispatchEvent(new Event('online'));
      await settle();
      expect(client.store.getState().status).toBe('open');
      wakeSource.dispatchEvent(new Event('online'));
      await settle();
      expect(
        transitions()
          .slice(2)
          .map(([status, cause]) => [status, (cause as { kind: string }).kind]),
      ).toEqual([
        ['reconnecting', 'disconnect'],
        ['reconnecting', 'wake'],
        ['open', 'hello'],
        ['open', 'wake'],
      ]);
      expect(
        transitions()
          .filter(([, c]) => (c as { kind: string }).kind === 'wake')
          .map(([, c]) => c),
      ).toEqual([
        { kind: 'wake', action: 'retry' },
        { kind: 'wake', action: 'ping' },
      ]);
      expect(server.connections[1]!.received.map((m) => m.type)).toEqual(['ping']);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('stops telling a listener that unsubscribed', async () => {
    const { client, server } = setup();
    const heard: InspectionEvent[] = [];
    const stop = client.inspect((event) => heard.push(event));
    client.connect();
    await settle();
    stop();
    server.upsert(facts('a'));
    await settle();
    expect(heard.map((e) => e.type)).toEqual(['transition', 'frame-in', 'transition']);
  });
});

describe('drop() and reconnect()', () => {
  it('drop() abandons the socket as a network loss would: the client reconnects with backoff and resumes', async () => {
    const server = new MockSnapshotServer({ workspaces: [facts('a')] });
    const { client, errors, state, transitions } = setup({}, server);
    client.connect();
    await settle();
    server.upsert(facts('b'));
    await settle();
    client.drop();
    await settle();
    expect(state()).toMatchObject({ status: 'reconnecting', error: { code: 'dropped' } });
    expect(server.connections[0]!.open).toBe(false);
    await vi.advanceTimersByTimeAsync(250);
    await settle();
    expect(state()).toMatchObject({ status: 'open', seq: 1, stats: { resumed: 1, reconnects: 1 } });
    expect(server.connections[1]!.params).toMatchObject({ epoch: 'epoch-1', seq: '1' });
    expect(transitions().at(-2)).toEqual([
      'reconnecting',
      { kind: 'disconnect', code: 'dropped', message: expect.stringContaining('drop()'), retryInMs: 250 },
    ]);
    expect(errors).toEqual([]);
  });

  it('drop() does nothing while closed', async () => {
    const { client, server, state } = setup();
    client.drop();
    await settle();
    expect(state().status).toBe('closed');
    expect(server.connections).toHaveLength(0);
  });

  it('reconnect() closes and connects at once, and the new connection resumes', async () => {
    const server = new MockSnapshotServer({ workspaces: [facts('a')] });
    const { client, state, transitions } = setup({}, server);
    client.connect();
    await settle();
    client.reconnect();
    expect(state().status).toBe('connecting');
    await settle();
    expect(server.connections.map((c) => c.open)).toEqual([false, true]);
    expect(server.connections[0]!.closeCode).toBe(1000);
    expect(state()).toMatchObject({ status: 'open', stats: { resumed: 1 } });
    expect(transitions().slice(2)).toEqual([
      ['closed', { kind: 'close' }],
      ['connecting', { kind: 'connect' }],
      ['open', expect.objectContaining({ kind: 'hello', resumed: true })],
    ]);
  });
});

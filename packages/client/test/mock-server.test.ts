// The testing entry's own contract: what React tests and Storybook stories rely on.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import type { FakeWebSocket } from '../src/testing/index.js';
import { MockSnapshotServer } from '../src/testing/index.js';
import { createMockSnapshotServer } from '../src/testing/node.js';
import { facts } from './support.js';

/** Opens a fake socket to `server` and collects what it receives. */
function open(server: MockSnapshotServer, query: string) {
  const socket: FakeWebSocket = new server.WebSocket(`ws://mock.test/snapshots?${query}`);
  const frames: unknown[] = [];
  const closes: number[] = [];
  socket.addEventListener('message', (event: { data: string }) => frames.push(JSON.parse(event.data)));
  socket.addEventListener('close', (event: { code: number }) => closes.push(event.code));
  return { socket, frames, closes };
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('MockSnapshotServer (in-process)', () => {
  it('greets with a full hello of its state', async () => {
    const server = new MockSnapshotServer({ workspaces: [facts('a')] });
    const { frames } = open(server, 'projectId=p1&protocol=1');
    await flush();
    expect(frames).toEqual([
      expect.objectContaining({
        type: 'hello',
        epoch: 'epoch-1',
        seq: 0,
        resumed: false,
        snapshots: [expect.objectContaining({ workspaceId: 'a', version: 0 })],
      }),
    ]);
  });

  it('resumes from its replay log, and sends a full hello when the log no longer reaches back', async () => {
    const server = new MockSnapshotServer({ replayLimit: 2 });
    server.upsert(facts('a'));
    server.upsert(facts('b'));
    server.upsert(facts('c'));
    const resumed = open(server, 'projectId=p1&protocol=1&epoch=epoch-1&seq=1');
    const tooOld = open(server, 'projectId=p1&protocol=1&epoch=epoch-1&seq=0');
    const otherEpoch = open(server, 'projectId=p1&protocol=1&epoch=old&seq=3');
    await flush();
    expect(resumed.frames.map((f) => (f as { type: string; seq: number }).seq)).toEqual([1, 2, 3]);
    expect(resumed.frames[0]).toMatchObject({ type: 'hello', resumed: true });
    expect(tooOld.frames).toEqual([expect.objectContaining({ type: 'hello', resumed: false, seq: 3 })]);
    expect(otherEpoch.frames).toEqual([expect.objectContaining({ type: 'hello', resumed: false })]);
  });

  it('refuses in the order of the protocol', async () => {
    const server = new MockSnapshotServer({
      authorize: (token) => (token === 'ok' ? true : token === 'bad' ? 401 : 403),
    });
    const cases = [
      open(server, 'protocol=1&token=ok'),
      open(server, 'projectId=p1&protocol=3&token=ok'),
      open(server, 'projectId=p1&protocol=1&token=bad'),
      open(server, 'projectId=p1&protocol=1&token=nope'),
      open(server, 'projectId=p2&protocol=1&token=ok'),
    ];
    await flush();
    expect(cases.map((c) => c.closes)).toEqual([[4400], [4400], [4401], [4403], [4404]]);
    expect(cases.every((c) => c.frames.length === 0)).toBe(true);
  });

  it('speaks versions 1 and 2: the same stream, whole upserts to one, patches of held workspaces to the other', async () => {
    const server = new MockSnapshotServer({ workspaces: [facts('a')] });
    const [one, two] = [open(server, 'projectId=p1&protocol=1'), open(server, 'projectId=p1&protocol=2')];
    await flush();
    server.upsert(facts('a', { name: 'renamed' }));
    server.upsert(facts('b'));
    server.batch(() => {
      server.upsert(facts('b', { isSessionWorking: true }));
      server.remove('a');
    });
    await flush();
    expect(one.frames[0]).toMatchObject({ type: 'hello', protocol: 1 });
    expect(two.frames[0]).toMatchObject({ type: 'hello', protocol: 2 });
    expect(one.frames.slice(1)).toMatchObject([
      { type: 'upsert', seq: 1 },
      { type: 'upsert', seq: 2 },
      {
        type: 'batch',
        messages: [
          { type: 'upsert', seq: 3 },
          { type: 'remove', seq: 4 },
        ],
      },
    ]);
    expect(two.frames.slice(1)).toEqual([
      expect.objectContaining({ type: 'patch', seq: 1, workspaceId: 'a', baseVersion: 0, set: { name: 'renamed' } }),
      expect.objectContaining({ type: 'upsert', seq: 2 }),
      {
        type: 'batch',
        messages: [
          expect.objectContaining({
            type: 'patch',
            seq: 3,
            baseVersion: 2,
            set: expect.objectContaining({ isWorking: true }),
          }),
          { type: 'remove', seq: 4, workspaceId: 'a' },
        ],
      },
    ]);
  });

  it('replays a resume in the version of the connection that asks', async () => {
    const server = new MockSnapshotServer({ workspaces: [facts('a')] });
    server.upsert(facts('a', { name: 'renamed' }));
    const one = open(server, 'projectId=p1&protocol=1&epoch=epoch-1&seq=0');
    const two = open(server, 'projectId=p1&protocol=2&epoch=epoch-1&seq=0');
    await flush();
    expect(one.frames).toMatchObject([
      { type: 'hello', resumed: true },
      { type: 'upsert', seq: 1 },
    ]);
    expect(two.frames).toMatchObject([
      { type: 'hello', resumed: true },
      { type: 'patch', seq: 1 },
    ]);
  });

  it('plays a version-1-only server: a connection asking for 2 is refused with the versions it speaks', async () => {
    const server = new MockSnapshotServer({ protocols: [1] });
    const reasons: string[] = [];
    const refused = open(server, 'projectId=p1&protocol=2');
    refused.socket.addEventListener('close', (event: { reason: string }) => reasons.push(event.reason));
    const accepted = open(server, 'projectId=p1&protocol=1');
    await flush();
    expect(refused.closes).toEqual([4400]);
    expect(reasons).toEqual(['unsupported protocol; supported: 1']);
    expect(refused.frames).toEqual([]);
    expect(accepted.frames).toEqual([expect.objectContaining({ type: 'hello', protocol: 1 })]);
  });

  it('refuses to speak a version this release does not know', () => {
    expect(() => new MockSnapshotServer({ protocols: [3 as 1] })).toThrow(/protocols must be some of 1, 2, got \[3\]/);
    expect(() => new MockSnapshotServer({ protocols: [] })).toThrow(/got \[\]/);
  });

  it('answers ping with pong and resync with a full hello, and reports what it received', async () => {
    const server = new MockSnapshotServer();
    const { socket, frames } = open(server, 'projectId=p1&protocol=1');
    await flush();
    socket.send(JSON.stringify({ type: 'ping', id: 'x' }));
    socket.send(JSON.stringify({ type: 'resync' }));
    socket.send('nonsense');
    await flush();
    expect(frames.slice(1)).toEqual([
      expect.objectContaining({ type: 'pong', id: 'x' }),
      expect.objectContaining({ type: 'hello', resumed: false }),
      expect.objectContaining({ type: 'error', code: 'bad_message' }),
    ]);
    expect(server.connections[0]?.received).toEqual([{ type: 'ping', id: 'x' }, { type: 'resync' }]);
  });

  it('ignores client frames before its hello, as the real server does', async () => {
    const server = new MockSnapshotServer();
    server.withholdHello();
    const { socket, frames } = open(server, 'projectId=p1&protocol=1');
    await flush();
    socket.send(JSON.stringify({ type: 'ping', id: 'early' }));
    socket.send(JSON.stringify({ type: 'resync' }));
    socket.send('nonsense');
    await flush();
    expect(frames).toEqual([]);
    expect(server.connections[0]?.hello).toBeNull();
    server.sendHello();
    socket.send(JSON.stringify({ type: 'ping', id: 'late' }));
    await flush();
    expect(frames).toEqual([
      expect.objectContaining({ type: 'hello', resumed: false }),
      expect.objectContaining({ type: 'pong', id: 'late' }),
    ]);
  });

  it('behaves like a browser WebSocket on close', async () => {
    const server = new MockSnapshotServer();
    const { socket, closes } = open(server, 'projectId=p1&protocol=1');
    expect(() => socket.send('early')).toThrow(/CONNECTING/);
    await flush();
    expect(() => socket.close(1006)).toThrow(/1006/);
    expect(() => socket.close(4000, 'x'.repeat(124))).toThrow(/123 bytes/);
    socket.close(4000, 'bye');
    await flush();
    expect(closes).toEqual([4000]);
    expect(server.connections[0]?.closeCode).toBe(4000);
  });

  it('fires error, then close with 1006, for a connection dropped without a close frame, as a browser does', async () => {
    const server = new MockSnapshotServer();
    const { socket } = open(server, 'projectId=p1&protocol=1');
    const events: string[] = [];
    socket.addEventListener('error', () => events.push('error'));
    socket.addEventListener('close', (event: { code: number; wasClean: boolean }) =>
      events.push(`close ${event.code} ${event.wasClean ? 'clean' : 'unclean'}`),
    );
    await flush();
    server.drop(1006);
    await flush();
    expect(events).toEqual(['error', 'close 1006 unclean']);
  });
});

describe('createMockSnapshotServer (ws on 127.0.0.1)', () => {
  let node: Awaited<ReturnType<typeof createMockSnapshotServer>>;
  beforeEach(async () => {
    node = await createMockSnapshotServer({ workspaces: [facts('a')] });
  });
  afterEach(async () => {
    await node.close();
  });

  it('serves the same script on a loopback port', async () => {
    expect(node.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/snapshots$/);
    const socket = new WebSocket(`${node.url}?projectId=p1&protocol=1`);
    const hello = await new Promise<unknown>((resolve) =>
      socket.once('message', (data) => resolve(JSON.parse(String(data)))),
    );
    expect(hello).toMatchObject({ type: 'hello', snapshots: [expect.objectContaining({ workspaceId: 'a' })] });
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    node.server.drop(4409);
    expect(await closed).toBe(4409);
  });

  it('holds the upgrade of a connection it never opens, until closed', async () => {
    node.server.refuse('never-open');
    const socket = new WebSocket(`${node.url}?projectId=p1&protocol=1`);
    const failed = new Promise<void>((resolve) => socket.once('error', () => resolve()));
    const onOpen = vi.fn();
    socket.once('open', onOpen);
    await node.close(); // destroys the held socket: the client sees the connection fail, never open
    await failed;
    expect(onOpen).not.toHaveBeenCalled();
    node = await createMockSnapshotServer(); // for afterEach
  });
});

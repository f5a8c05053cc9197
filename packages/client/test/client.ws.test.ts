// The client over real sockets: `ws` in Node against the mock server behind a real `ws` server on 127.0.0.1,
// scripted to misbehave. Real time, short delays; every wait is on an event.
import { once } from 'node:events';
import { createServer as createHttpServer } from 'node:http';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { makeSnapshot } from '@livesnap/protocol/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { createSnapshotClient, type SnapshotClient, type SnapshotClientOptions } from '../src/index.js';
import { waitForState } from '../src/testing/index.js';
import { createMockSnapshotServer, type NodeMockSnapshotServer } from '../src/testing/node.js';
import { countingTimers, facts, manualTimers, names } from './support.js';

let mock: NodeMockSnapshotServer;
let clients: SnapshotClient[];

beforeEach(async () => {
  mock = await createMockSnapshotServer({ workspaces: [facts('a'), facts('b')] });
  clients = [];
});

afterEach(async () => {
  for (const client of clients) client.close();
  await mock.close();
});

function connect(options: Partial<SnapshotClientOptions> = {}) {
  const errors: unknown[] = [];
  const client = createSnapshotClient({
    url: mock.url,
    projectId: 'p1',
    WebSocket,
    reconnect: { minDelayMs: 10, maxDelayMs: 50 },
    onError: (error) => errors.push(error),
    ...options,
  });
  clients.push(client);
  return { client, errors, state: () => client.store.getState() };
}

const isOpen = (s: { status: string }) => s.status === 'open';
const emptyHello = { type: 'hello', protocol: 1, projectId: 'p1', epoch: 'e1', seq: 0, resumed: false, snapshots: [] };
const agrees = (s: { workspaces: ReadonlyMap<string, { name: string }> }) =>
  JSON.stringify(names(s.workspaces)) === JSON.stringify(names(mock.server.workspaces));

describe('over a real ws server', () => {
  it('takes the hello and the stream', async () => {
    const { client } = connect();
    await waitForState(client.store, isOpen);
    mock.server.upsert(facts('c'));
    mock.server.remove('a');
    const state = await waitForState(client.store, (s) => s.seq === 2);
    expect(names(state.workspaces)).toEqual({ b: 'Workspace b', c: 'Workspace c' });
  });

  it('asks for a resync on a gap', async () => {
    const { client } = connect();
    await waitForState(client.store, isOpen);
    mock.server.loseNext();
    mock.server.upsert(facts('c'));
    mock.server.upsert(facts('d'));
    const state = await waitForState(client.store, (s) => s.seq === 2 && s.stats.resyncs === 1);
    expect(state.stats.gaps).toBe(1);
    expect(mock.server.connections[0]?.received).toContainEqual({ type: 'resync' });
    expect(agrees(state)).toBe(true);
  });

  it('ignores a duplicate', async () => {
    const { client } = connect();
    await waitForState(client.store, isOpen);
    mock.server.upsert(facts('c', { name: 'c1' }));
    mock.server.duplicateLast();
    mock.server.upsert(facts('d'));
    const state = await waitForState(client.store, (s) => s.seq === 2);
    expect(state.stats).toMatchObject({ gaps: 0, resyncs: 0, messages: 4 });
    expect(agrees(state)).toBe(true);
  });

  it('ignores a stale version', async () => {
    const { client } = connect();
    await waitForState(client.store, isOpen);
    mock.server.upsert(facts('a', { name: 'fresh' }));
    mock.server.sendStale('a');
    mock.server.upsert(facts('d'));
    const state = await waitForState(client.store, (s) => s.seq === 3);
    expect(state.workspaces.get('a')?.name).toBe('fresh');
    expect(state.stats.resyncs).toBe(0);
  });

  it('replaces everything on a new epoch', async () => {
    const { client } = connect();
    await waitForState(client.store, isOpen);
    mock.server.upsert(facts('c'));
    await waitForState(client.store, (s) => s.seq === 1);
    mock.server.remove('a');
    mock.server.restart({ closeCode: null });
    const state = await waitForState(client.store, (s) => s.epoch === 'epoch-2');
    expect(state.seq).toBe(0);
    expect(names(state.workspaces)).toEqual({ b: 'Workspace b', c: 'Workspace c' });
  });

  it('takes the full state after the server restarted and closed the connection', async () => {
    const { client } = connect();
    await waitForState(client.store, isOpen);
    mock.server.restart({ closeCode: 1006 });
    mock.server.upsert(facts('e'));
    const state = await waitForState(client.store, (s) => s.epoch === 'epoch-2' && s.status === 'open');
    expect(mock.server.connections[1]?.params).toMatchObject({ epoch: 'epoch-1', seq: '0' });
    expect(agrees(state)).toBe(true);
  });

  it('reconnects and resumes when a silent server stops answering pings', async () => {
    const { client } = connect({ heartbeat: { intervalMs: 30, timeoutMs: 60 } });
    await waitForState(client.store, isOpen);
    mock.server.silence();
    mock.server.upsert(facts('c'));
    const dead = await waitForState(client.store, (s) => s.status === 'reconnecting');
    expect(dead.error?.code).toBe('heartbeat_timeout');
    const state = await waitForState(client.store, (s) => s.status === 'open' && s.seq === 1);
    expect(mock.server.connections[1]?.params).toMatchObject({ epoch: 'epoch-1', seq: '0' });
    expect(state.stats.resumed).toBe(1);
    expect(agrees(state)).toBe(true);
  });

  it('reconnects at once on 4409 and resumes', async () => {
    // A backoff would wait 30 s and time the test out.
    const { client } = connect({ reconnect: { minDelayMs: 30_000, maxDelayMs: 30_000 } });
    await waitForState(client.store, isOpen);
    mock.server.upsert(facts('c'));
    await waitForState(client.store, (s) => s.seq === 1);
    mock.server.drop(4409);
    mock.server.upsert(facts('d'));
    const state = await waitForState(client.store, (s) => s.status === 'open' && s.seq === 2);
    expect(mock.server.connections[1]?.hello).toEqual({ resumed: true, epoch: 'epoch-1', seq: 1 });
    expect(state.stats.resumed).toBe(1);
  });

  it('does not retry after 4400 and sets the error', async () => {
    mock.server.refuse(4400);
    const { timers, pending } = countingTimers();
    const { client, errors } = connect({ timers });
    const state = await waitForState(client.store, (s) => s.status === 'closed');
    expect(state.error).toMatchObject({ code: 4400 });
    expect(errors).toHaveLength(1);
    expect(mock.server.connections).toHaveLength(1);
    expect(pending.size).toBe(0); // nothing is scheduled: no retry can happen
  });

  it('leaves the store untouched by garbage, binary and invalid frames', async () => {
    const { client, errors } = connect();
    const open = await waitForState(client.store, isOpen);
    mock.server.sendRaw('}{ not json');
    mock.server.sendRaw(new Uint8Array([0x7b, 0x7d]));
    mock.server.sendRaw(JSON.stringify({ type: 'upsert', seq: 1, snapshot: { workspaceId: 'evil' } }));
    const state = await waitForState(client.store, (s) => s.stats.invalidFrames === 3);
    expect(state.workspaces).toBe(open.workspaces);
    expect(state.seq).toBe(0);
    expect(errors).toHaveLength(3);
    expect(state.stats.resyncs).toBeGreaterThanOrEqual(1);
  });

  it('reports a frame ws refuses with the socket own close code and ws reason, not a made-up 1000', async () => {
    // ws fires `error` first, then closes the TCP connection itself without waiting for the server to echo the 1002:
    // the socket's own close is 1006, and the reason is ws's error.
    const raw = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => raw.once('listening', () => resolve()));
    raw.on('connection', (socket, request) => {
      socket.send(JSON.stringify(emptyHello));
      // A text frame with RSV2 set, which no extension negotiated: a protocol error for the client.
      setImmediate(() => request.socket.write(Buffer.from([0x81 | 0x20, 0x00])));
    });
    try {
      const { port } = raw.address() as { port: number };
      const { client } = connect({ url: `ws://127.0.0.1:${port}/snapshots` });
      await waitForState(client.store, isOpen);
      const dropped = await waitForState(client.store, (s) => s.status === 'reconnecting');
      expect(dropped.error).toEqual({ code: 1006, message: expect.stringMatching(/\(1006\): .*RSV2/) });
      client.close();
    } finally {
      await new Promise<void>((resolve) => raw.close(() => resolve()));
    }
  });

  it('reports a connection reset by the peer as 1006 (ws fires no error for it)', async () => {
    const raw = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => raw.once('listening', () => resolve()));
    raw.on('connection', (socket) => {
      socket.send(JSON.stringify(emptyHello));
      setImmediate(() => (socket as unknown as { _socket: Socket })._socket.resetAndDestroy());
    });
    try {
      const { port } = raw.address() as { port: number };
      const { client } = connect({ url: `ws://127.0.0.1:${port}/snapshots` });
      await waitForState(client.store, isOpen);
      const dropped = await waitForState(client.store, (s) => s.status === 'reconnecting');
      expect(dropped.error?.code).toBe(1006);
      client.close();
    } finally {
      await new Promise<void>((resolve) => raw.close(() => resolve()));
    }
  });

  it('close() leaves nothing running once the close handshake is over', async () => {
    const { timers, pending } = countingTimers();
    const baseline = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const sockets: WebSocket[] = [];
    class RecordedWebSocket extends WebSocket {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        sockets.push(this);
      }
    }
    const { client } = connect({ timers, WebSocket: RecordedWebSocket });
    await waitForState(client.store, isOpen);
    const closed = mock.server.waitFor((e) => e.type === 'close');
    client.close();
    const event = await closed;
    expect(event.type === 'close' && event.code).toBe(1000);
    // ws keeps a timer until the server's close frame and the end of the TCP connection reach the client.
    const socket = sockets[0]!;
    if (socket.readyState !== WebSocket.CLOSED) await once(socket, 'close');
    expect(pending.size).toBe(0);
    // The process's timers are shared with the mock server and ws, whose own may end meanwhile: none may be added.
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBeLessThanOrEqual(baseline);
    expect(mock.server.openConnections).toHaveLength(0);
  });

  it('reports a token too long for the server header limit (HTTP 431) through onError, and keeps backing off', async () => {
    // Node refuses request headers over maxHeaderSize with 431 before any upgrade listener runs.
    const strict = createHttpServer({ maxHeaderSize: 1024 });
    await new Promise<void>((resolve) => strict.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = strict.address() as AddressInfo;
      const { client, errors } = connect({ url: `ws://127.0.0.1:${port}/snapshots`, token: 'x'.repeat(4_000) });
      const refused = await waitForState(client.store, (s) => s.error !== null);
      const error = { code: 'upgrade_refused', message: expect.stringMatching(/HTTP 431.*token/) };
      expect(refused).toMatchObject({ status: 'reconnecting', error });
      expect(errors).toEqual([error]);
      client.close();
    } finally {
      await new Promise<void>((resolve) => strict.close(() => resolve()));
    }
  });

  it('reports a url function that returns a #fragment through onError, and keeps backing off', async () => {
    const { client, errors } = connect({ url: () => `${mock.url}#live` });
    const refused = await waitForState(client.store, (s) => s.error !== null);
    const error = { code: 'url', message: expect.stringMatching(/#fragment/) };
    expect(refused).toMatchObject({ status: 'reconnecting', error });
    expect(errors).toEqual([error]);
  });
});

describe('a hello that takes long to arrive (ws shows the bytes arriving)', () => {
  const TIMEOUT = 4_321;
  let raw: WebSocketServer;
  let url: string;
  let serverSocket: Promise<Socket>;
  /** The client's TCP sockets, as its WebSocket class sees them. */
  let tcp: Socket[];
  /** A full hello of 300 workspaces (about 200 KB) as one unmasked text frame, for the server to write in parts. */
  const frame = (() => {
    const snapshots = Array.from({ length: 300 }, (_, i) =>
      makeSnapshot({ workspaceId: `w${i}`, name: 'x'.repeat(300) }),
    );
    const payload = Buffer.from(JSON.stringify({ ...emptyHello, snapshots }));
    const header = Buffer.alloc(10);
    header[0] = 0x81;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(payload.length), 2);
    return Buffer.concat([header, payload]);
  })();

  class TcpRecordingWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      this.on('upgrade', (response) => tcp.push(response.socket as Socket));
    }
  }

  beforeEach(async () => {
    tcp = [];
    raw = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    serverSocket = new Promise((resolve) => raw.once('connection', (_socket, request) => resolve(request.socket)));
    await new Promise<void>((resolve) => raw.once('listening', () => resolve()));
    url = `ws://127.0.0.1:${(raw.address() as AddressInfo).port}/snapshots`;
  });

  afterEach(async () => {
    for (const socket of raw.clients) socket.terminate();
    await new Promise<void>((resolve) => raw.close(() => resolve()));
  });

  /** The server writes `bytes`; resolves once some of them reached the client's TCP socket. */
  async function deliver(bytes: Buffer) {
    const socket = tcp[0]!;
    const arrived = new Promise((resolve) => socket.once('data', resolve));
    (await serverSocket).write(bytes);
    await arrived;
  }

  /** A client on manual timers whose hello has begun to arrive: its first 50 KB reached the client's socket. */
  async function helloUnderWay() {
    const manual = manualTimers();
    const connected = connect({
      url,
      timers: manual.timers,
      WebSocket: TcpRecordingWebSocket,
      heartbeat: { timeoutMs: TIMEOUT },
    });
    await manual.whenArmed(TIMEOUT);
    await deliver(frame.subarray(0, 50_000));
    return { ...connected, ...manual };
  }

  it('does not give up while the bytes of the hello arrive, whatever its size', async () => {
    const { client, errors, fire, armed } = await helloUnderWay();
    expect(fire(TIMEOUT)).toBe(1);
    expect(client.store.getState()).toMatchObject({ status: 'connecting', error: null });
    expect(armed(TIMEOUT)).toBe(true);
    await deliver(frame.subarray(50_000, 100_000));
    expect(fire(TIMEOUT)).toBe(1);
    await deliver(frame.subarray(100_000));
    const open = await waitForState(client.store, isOpen);
    expect([...open.workspaces.keys()]).toHaveLength(300);
    expect(errors).toEqual([]);
    expect(tcp).toHaveLength(1);
  });

  it('gives up on a hello that stops arriving, and says how much of it came', async () => {
    const { client, errors, fire } = await helloUnderWay();
    fire(TIMEOUT);
    fire(TIMEOUT);
    const gaveUp = await waitForState(client.store, (s) => s.status === 'reconnecting');
    const error = {
      code: 'hello_timeout',
      message: expect.stringMatching(/the hello stopped arriving: nothing for 4321 ms after \d+ bytes/),
    };
    expect(gaveUp.error).toEqual(error);
    expect(errors).toEqual([error]);
  });
});

describe('the transport while a socket is CONNECTING', () => {
  /** A TCP server on 127.0.0.1 that accepts connections and never answers the WebSocket upgrade. */
  let silent: Server;
  let sockets: Socket[];
  let silentUrl: string;

  beforeEach(async () => {
    sockets = [];
    silent = createServer((socket) => {
      sockets.push(socket);
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    if (address === null || typeof address === 'string') throw new Error('no address');
    silentUrl = `ws://127.0.0.1:${address.port}/snapshots`;
  });

  afterEach(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  const nextTcpConnection = () => new Promise<void>((resolve) => silent.once('connection', () => resolve()));

  it('connects again after close() while the socket was CONNECTING', async () => {
    let url = silentUrl;
    const { client } = connect({ url: () => url });
    await nextTcpConnection();
    client.close(); // the upgrade is pending: `ws` aborts the handshake and emits an error nobody else listens to
    expect(client.store.getState().status).toBe('closed');
    url = mock.url;
    client.connect();
    const state = await waitForState(client.store, isOpen);
    expect([...state.workspaces.keys()].sort()).toEqual(['a', 'b']);
  });

  it('retries a connection that never opens within the timeout, without crashing the process', async () => {
    let url = silentUrl;
    const { client } = connect({ url: () => url, connectTimeoutMs: 100 });
    for (let i = 0; i < 3; i++) await nextTcpConnection();
    expect(sockets.length).toBeGreaterThanOrEqual(3);
    expect(client.store.getState()).toMatchObject({
      status: 'reconnecting',
      error: { code: 'connect_timeout', message: /100 ms/ },
    });
    url = mock.url;
    await waitForState(client.store, isOpen);
  });
});

import { once } from 'node:events';
import type { Socket } from 'node:net';
import { MAX_PING_ID_LENGTH } from '@livesnap/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  deferred,
  FakeSource,
  facts,
  type Harness,
  manualScheduler,
  startHarness,
  type TestClient,
  until,
} from './helpers.js';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

describe('liveness and backpressure', () => {
  it('terminates a peer that did not answer the previous heartbeat ping, and keeps one that did', async () => {
    harness = await startHarness(new FakeSource([facts('w1')]), {}, { heartbeatMs: 20 });
    const deaf = harness.connect(undefined, { autoPong: false });
    const healthy = harness.connect();
    await Promise.all([deaf.hello(), healthy.hello()]);
    let pings = 0;
    healthy.ws.on('ping', () => {
      pings += 1;
    });
    // Terminated without a close frame: the peer sees 1006.
    expect((await deaf.closed).code).toBe(1006);
    await new Promise<void>((resolve) => healthy.ws.on('ping', () => pings >= 3 && resolve()));
    expect(healthy.ws.readyState).toBe(healthy.ws.OPEN);
  });

  it('terminates a peer that answers pings only with replayed or unsolicited pongs', async () => {
    harness = await startHarness(new FakeSource([facts('w1')]), {}, { heartbeatMs: 20 });
    const liar = harness.connect(undefined, { autoPong: false });
    let pings = 0;
    let previous = Buffer.alloc(0);
    const fifthPing = new Promise<string>((resolve) => {
      liar.ws.on('ping', (data: Buffer) => {
        pings += 1;
        // RFC 6455 allows unsolicited pongs; a peer that never reads the pings can still send them.
        liar.ws.pong(previous);
        liar.ws.pong();
        liar.ws.pong('alive');
        previous = Buffer.from(data);
        if (pings === 5) resolve('still open after 5 pings');
      });
    });
    const outcome = await Promise.race([fifthPing, liar.closed.then(({ code }) => `closed with ${code}`)]);
    expect(outcome).toBe('closed with 1006');
  });

  it('closes a slow consumer with 4409 and stops queueing for it, while another client keeps receiving', async () => {
    const source = new FakeSource([facts('w1')]);
    // The close grace runs on manual time: however long the rounds take, the slow client is not terminated before it
    // reads its close frame.
    const { scheduler } = manualScheduler();
    harness = await startHarness(source, { coalesceMs: 0 }, { maxBufferedBytes: 256 * 1024, scheduler });
    const slow = harness.connect();
    const fast = harness.connect();
    await Promise.all([slow.hello(), fast.hello()]);
    (slow.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    const big = 'x'.repeat(60_000);
    const rounds = 400;
    for (let i = 1; i <= rounds; i++) {
      source.change('w1', { name: `${big}${i}` });
      harness.service.invalidate('w1');
      await harness.service.flush();
    }
    await fast.reach(rounds);
    expect(fast.gaps).toEqual([]);
    (slow.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    expect((await slow.closed).code).toBe(4409);
    // It got a prefix of the stream, never the whole of it: nothing more was queued once it was dropped.
    expect(slow.stream.length).toBeLessThan(rounds);
    expect(slow.gaps).toEqual([]);
    expect(harness.logger.entries.some((e) => e.message === 'closing a slow consumer')).toBe(true);
  });

  it('queues not one more byte for a slow consumer once it is closed with 4409, however much more flows', async () => {
    // Watch every send and close of every `ws` socket: the server's socket of the slow client is the one closed 4409.
    const { send, close } = WebSocket.prototype;
    let dropped: WebSocket | null = null;
    let bytesAfterDrop = 0;
    WebSocket.prototype.close = function (this: WebSocket, code?: number, reason?: string | Buffer) {
      if (code === 4409) dropped = this;
      return close.call(this, code, reason);
    };
    WebSocket.prototype.send = function (this: WebSocket, ...args: Parameters<WebSocket['send']>) {
      if (this === dropped) bytesAfterDrop += Buffer.byteLength(args[0] as string | Buffer);
      return send.apply(this, args);
    } as WebSocket['send'];
    try {
      const source = new FakeSource([facts('w1')]);
      harness = await startHarness(source, { coalesceMs: 0 }, { maxBufferedBytes: 256 * 1024 });
      const slow = harness.connect();
      const fast = harness.connect();
      await Promise.all([slow.hello(), fast.hello()]);
      (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();
      const big = 'x'.repeat(60_000);
      let round = 0;
      const change = async () => {
        round += 1;
        source.change('w1', { name: `${big}${round}` });
        harness!.service.invalidate('w1');
        await harness!.service.flush();
      };
      while (dropped === null && round < 2_000) await change();
      expect(dropped).not.toBeNull();
      // Another 6 MB for the other subscriber: none of it may be queued for the dropped one.
      for (let i = 0; i < 100; i++) await change();
      await fast.reach(round);
      expect(fast.gaps).toEqual([]);
      expect(bytesAfterDrop).toBe(0);
    } finally {
      WebSocket.prototype.send = send;
      WebSocket.prototype.close = close;
    }
  });

  describe('a client that never reads', () => {
    // A peer whose receive window is closed: everything the server sends stays in the server's process. Corking the
    // server's socket does exactly that, without depending on how much the kernel's buffers take first.
    const maxBufferedBytes = 64 * 1024;
    /** Room for the one frame that may be handed over while the backlog is still within the limit. */
    const oneFrame = 1024;

    /**
     * Counts the bytes handed to `ws` for every server-side socket, from when `counting` is set, as they are framed
     * (a server frame's header is 2 bytes below 126 bytes of payload, 4 below 64 KiB): what `maxBufferedBytes` counts.
     */
    function countServerSends(client: TestClient) {
      const { send } = WebSocket.prototype;
      const counter = { counting: false, bytes: 0, restore: () => {} };
      WebSocket.prototype.send = function (this: WebSocket, ...args: Parameters<WebSocket['send']>) {
        if (counter.counting && this !== client.ws) {
          const payload = Buffer.byteLength(args[0] as string | Buffer);
          counter.bytes += payload + (payload < 126 ? 2 : payload < 65_536 ? 4 : 10);
        }
        return send.apply(this, args);
      } as WebSocket['send'];
      counter.restore = () => {
        WebSocket.prototype.send = send;
      };
      return counter;
    }

    /** Sends pings with the longest id and frames that are not JSON, and waits until the server has read them all. */
    async function flood(client: TestClient, server: Socket): Promise<void> {
      const id = 'x'.repeat(MAX_PING_ID_LENGTH);
      for (let i = 0; i < 2000; i++) client.send(JSON.stringify({ type: 'ping', id }));
      for (let i = 0; i < 500; i++) client.send('{nope');
      const socket = (client.ws as unknown as { _socket: Socket })._socket;
      await until(() => socket.writableLength === 0 && server.bytesRead >= socket.bytesWritten);
      await new Promise((resolve) => setImmediate(resolve));
    }

    /** Floods the client's server side, corked once `handOver` has run, and checks what was handed to `ws`. */
    async function expectBoundedFlood(client: TestClient, server: Socket, handOver = async () => {}): Promise<void> {
      const sends = countServerSends(client);
      try {
        server.cork();
        await handOver();
        sends.counting = true;
        await flood(client, server);
        // 2,000 pongs alone are about 230 KB.
        expect(sends.bytes).toBeLessThanOrEqual(maxBufferedBytes + oneFrame);
        expect(sends.bytes).toBeGreaterThan(maxBufferedBytes);
      } finally {
        sends.restore();
        server.uncork();
      }
    }

    const options = { maxBufferedBytes, maxFramesPerSecond: 1_000_000, scheduler: manualScheduler().scheduler };

    it('is closed with 4409 once its pongs and errors pass maxBufferedBytes, with no more bytes handed to ws', async () => {
      harness = await startHarness(new FakeSource([facts('w1')]), {}, options);
      const client = harness.connect();
      await client.hello();
      await expectBoundedFlood(client, harness.sockets.at(-1)!);
      expect((await client.closed).code).toBe(4409);
    });

    it('keeps the bytes of its own large hello exempt, but not the pongs and errors it piles up behind it', async () => {
      const big = 'x'.repeat(10_000);
      const source = new FakeSource(Array.from({ length: 50 }, (_, i) => facts(`w${i}`, 'p1', { name: `${big}${i}` })));
      const authorized = deferred<true>();
      harness = await startHarness(source, {}, { ...options, authorize: () => authorized.promise });
      const client = harness.connect();
      await client.opened;
      const server = harness.sockets.at(-1)!;
      await expectBoundedFlood(client, server, async () => {
        authorized.resolve(true);
        // The 500 KB hello is handed over and stays in the process: far above maxBufferedBytes, it drops nobody.
        await until(() => server.writableLength > 8 * maxBufferedBytes);
      });
      expect((await client.hello()).resumed).toBe(false);
      expect((await client.closed).code).toBe(4409);
    });
  });

  it('never drops a client for the unsent bytes of its own large hello', async () => {
    const big = 'x'.repeat(100_000);
    const source = new FakeSource(Array.from({ length: 120 }, (_, i) => facts(`w${i}`, 'p1', { name: `${big}${i}` })));
    const authorized = deferred<true>();
    harness = await startHarness(
      source,
      { coalesceMs: 0 },
      { maxBufferedBytes: 256 * 1024, authorize: () => authorized.promise },
    );
    const client = harness.connect();
    await client.opened;
    const serverSide = harness.sockets.at(-1)!;
    const socket = (client.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    socket.pause();
    authorized.resolve(true);
    // The 12 MB hello is sent: the kernel's buffers take a few MiB, the server process holds the rest.
    await until(() => serverSide.writableLength > 1024 * 1024);
    source.change('w1', { name: 'renamed' });
    harness.service.invalidate('w1');
    await harness.service.flush();
    socket.resume();
    const outcome = await Promise.race([
      client.reach(1).then(() => 'received the upsert'),
      client.closed.then(({ code }) => `closed with ${code}`),
    ]);
    expect(outcome).toBe('received the upsert');
    expect(client.snapshots.get('w1')?.name).toBe('renamed');
    expect(client.snapshots.size).toBe(120);
  });

  it('answers resyncs that arrive while a hello is still unsent with that hello, so they cannot pile up hellos', async () => {
    const big = 'x'.repeat(100_000);
    const source = new FakeSource(Array.from({ length: 30 }, (_, i) => facts(`w${i}`, 'p1', { name: `${big}${i}` })));
    harness = await startHarness(source);
    const client = harness.connect();
    const hello = await client.hello();
    const helloBytes = Buffer.byteLength(JSON.stringify(hello));
    const server = harness.sockets.at(-1)!;
    // A client that asks for resyncs and reads nothing: each hello would stay in the server's memory.
    const socket = (client.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    socket.pause();
    const resync = JSON.stringify({ type: 'resync' });
    const frameBytes = 6 + resync.length;
    const readBefore = server.bytesRead;
    for (let i = 1; i <= 10; i++) {
      client.send(resync);
      await until(() => server.bytesRead >= readBefore + i * frameBytes);
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(server.writableLength).toBeLessThan(2 * helloBytes);
    socket.resume();
    await client.waitFor((m) => m.type === 'hello' && client.messages.indexOf(m) > 0);
    client.send(JSON.stringify({ type: 'ping', id: 'after' }));
    await client.waitFor((m) => m.type === 'pong');
    expect(client.ws.readyState).toBe(client.ws.OPEN);
  });

  describe('a peer that never finishes a close handshake', () => {
    /** A greeted client that stops reading (so it never answers a close), its server side, and manual time. */
    async function stalledPeer(options: Parameters<typeof startHarness>[2] = {}) {
      const clock = manualScheduler();
      harness = await startHarness(new FakeSource([facts('w1')]), {}, { ...options, scheduler: clock.scheduler });
      const client = harness.connect();
      await client.hello();
      const socket = (client.ws as unknown as { _socket: Socket })._socket;
      return { clock, client, socket, server: harness.sockets.at(-1)! };
    }

    /** The close grace is the one 1 s timer pending; once it has run, the server's socket is gone. */
    async function expectTerminatedAfterGrace(clock: ReturnType<typeof manualScheduler>, server: Socket) {
      await until(() => clock.pending().includes(1000));
      expect(server.destroyed).toBe(false);
      const closed = once(server, 'close');
      await clock.advanceTo(clock.now + 1000);
      await closed;
    }

    it('is terminated 1 s after a close the server started', async () => {
      const { clock, socket, server } = await stalledPeer();
      socket.pause();
      // Without the terminate, close() would wait for the stalled peer forever.
      const closing = harness!.endpoint.close();
      await expectTerminatedAfterGrace(clock, server);
      await closing;
    });

    it.each<[string, (socket: Socket, client: TestClient) => void]>([
      ['1009 (a frame over maxPayload)', (_socket, client) => client.send('x'.repeat(2048))],
      // FIN, reserved opcode 3, masked, empty: `ws` closes with 1002.
      ['1002 (a protocol error)', (socket) => socket.write(Buffer.from([0x83, 0x80, 0, 0, 0, 0]))],
    ])('is terminated 1 s after ws itself closed the connection with %s', async (_name, misbehave) => {
      const { clock, client, socket, server } = await stalledPeer({ maxPayload: 1024 });
      misbehave(socket, client);
      socket.pause();
      await expectTerminatedAfterGrace(clock, server);
    });
  });
});

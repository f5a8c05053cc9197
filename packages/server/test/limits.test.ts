// The abuse limits of a public endpoint: connections in all and per project (4503 past them), the handshake deadline
// for request heads that never complete, and tokens kept out of every log line.
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { FakeSource, facts, type Harness, manualScheduler, startHarness, type TestClient, until } from './helpers.js';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const source = () => new FakeSource([facts('w1', 'p1'), facts('x1', 'p2')]);

async function expectRefusal(client: TestClient, code: number): Promise<void> {
  expect((await client.closed).code).toBe(code);
  expect(client.frames).toEqual([]);
}

describe('connection caps', () => {
  it('close a connection past maxConnections with 4503 and no frame, and admit one again once another left', async () => {
    harness = await startHarness(source(), {}, { maxConnections: 2 });
    const first = harness.connect();
    const second = harness.connect({ projectId: 'p2', protocol: '1' });
    await Promise.all([first.hello(), second.hello()]);
    const third = harness.connect();
    await expectRefusal(third, 4503);
    expect((await third.closed).reason).toBe('the server is at its connection limit');
    first.ws.close();
    await first.closed;
    await until(() => harness!.sockets.filter((socket) => !socket.destroyed).length === 1);
    expect((await harness.connect().hello()).projectId).toBe('p1');
  });

  it('close a connection past maxConnectionsPerProject with 4503, leaving other projects open', async () => {
    harness = await startHarness(source(), {}, { maxConnectionsPerProject: 1 });
    const first = harness.connect();
    await first.hello();
    const second = harness.connect();
    await expectRefusal(second, 4503);
    expect((await second.closed).reason).toBe('the project is at its connection limit');
    expect((await harness.connect({ projectId: 'p2', protocol: '1' }).hello()).projectId).toBe('p2');
    first.ws.close();
    await first.closed;
    await until(() => harness!.sockets.filter((socket) => !socket.destroyed).length === 1);
    expect((await harness.connect().hello()).projectId).toBe('p1');
  });

  it('count a project’s connections only once authorized, so refused callers cannot fill it', async () => {
    harness = await startHarness(
      source(),
      {},
      {
        maxConnectionsPerProject: 1,
        authorize: (request) => (request.url?.includes('token=good') ? true : 401),
      },
    );
    for (let i = 0; i < 3; i += 1) await expectRefusal(harness.connect({ projectId: 'p1', protocol: '1' }), 4401);
    expect((await harness.connect({ projectId: 'p1', protocol: '1', token: 'good' }).hello()).projectId).toBe('p1');
  });
});

describe('the handshake deadline', () => {
  async function rawConnection(port: number): Promise<Socket> {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => {});
    await once(socket, 'connect');
    return socket;
  }

  it('destroys a connection whose request head has not completed within handshakeTimeoutMs, and not before', async () => {
    const clock = manualScheduler();
    harness = await startHarness(source(), {}, { scheduler: clock.scheduler, handshakeTimeoutMs: 1000 });
    const slow = await rawConnection(harness.port);
    slow.write('GET /snapshots?projectId=p1&protocol=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websock');
    await until(() => harness!.sockets.length === 1);
    const closed = new Promise((resolve) => slow.once('close', resolve));
    await clock.advanceTo(999);
    expect(slow.destroyed).toBe(false);
    await clock.advanceTo(1000);
    await closed;
  });

  it('leaves alone a connection that completed its upgrade, and a silent one when the deadline is 0', async () => {
    const clock = manualScheduler();
    harness = await startHarness(source(), {}, { scheduler: clock.scheduler, handshakeTimeoutMs: 1000 });
    const client = harness.connect();
    await client.hello();
    await clock.advanceTo(5000);
    client.send(JSON.stringify({ type: 'ping', id: 'after' }));
    await client.waitFor((m) => m.type === 'pong');
    await harness.close();

    const untimed = manualScheduler();
    harness = await startHarness(source(), {}, { scheduler: untimed.scheduler, handshakeTimeoutMs: 0 });
    const silent = await rawConnection(harness.port);
    await until(() => harness!.sockets.length === 1);
    await untimed.advanceTo(20_000);
    expect(untimed.pending()).not.toContain(0);
    expect(silent.destroyed).toBe(false);
    silent.destroy();
  });
});

describe('tokens', () => {
  it('never appear in a log line, whatever happens to the connection that carried them', async () => {
    const token = 'SECRET-token-4f1c';
    const authorizeBy: Record<string, () => unknown> = {
      throws: () => {
        throw new Error('auth backend down');
      },
      odd: () => 'yes',
      hangs: () => new Promise(() => {}),
    };
    harness = await startHarness(
      source(),
      { sourceTimeoutMs: 50 },
      {
        authorizeTimeoutMs: 50,
        maxFramesPerSecond: 1,
        maxConnectionsPerProject: 1,
        allowedOrigins: (origin) => {
          if (origin === 'https://throws.example') throw new Error('origin lookup failed');
          return origin !== 'https://evil.example';
        },
        authorize: (_request, projectId) => (authorizeBy[projectId]?.() ?? true) as never,
      },
    );
    const h = harness;
    const withToken = (query: Record<string, string>) => ({ protocol: '1', token, ...query });
    const closeOf = async (query: Record<string, string>) => (await h.connect(withToken(query)).closed).code;
    expect(await closeOf({ projectId: 'throws' })).toBe(1011);
    expect(await closeOf({ projectId: 'odd' })).toBe(1011);
    expect(await closeOf({ projectId: 'hangs' })).toBe(1011);
    expect(await closeOf({ projectId: 'nope' })).toBe(4404);
    expect(await closeOf({ projectId: 'p1', protocol: '9' })).toBe(4400);
    for (const origin of ['https://evil.example', 'https://throws.example']) {
      const refused = new WebSocket(h.url(withToken({ projectId: 'p1' })), { headers: { Origin: origin } });
      refused.on('error', () => {});
      await new Promise((resolve) => refused.once('close', resolve));
    }
    const noisy = h.connect(withToken({ projectId: 'p1' }));
    await noisy.hello();
    for (let i = 0; i < 5; i += 1) noisy.send('not json');
    expect((await noisy.closed).code).toBe(4429);
    await until(() => h.sockets.filter((socket) => !socket.destroyed).length === 0);
    const member = h.connect(withToken({ projectId: 'p1' }));
    await member.hello();
    expect(await closeOf({ projectId: 'p1' })).toBe(4503);
    expect(h.endpoint.revoke(() => true)).toBe(1);
    expect((await member.closed).code).toBe(4403);
    await h.close();
    harness = null;
    expect(h.logger.entries.length).toBeGreaterThan(3);
    expect(JSON.stringify(h.logger.entries)).not.toContain(token);
  });
});

import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { attachSnapshotEndpoint, createSnapshotService } from '../src/index.js';
import { FakeSource, facts, type Harness, startHarness, type TestClient } from './helpers.js';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const source = () => new FakeSource([facts('w1', 'p1'), facts('w2', 'p1')]);

/** The HTTP status of a refused upgrade. */
function refusedStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_request, response: IncomingMessage) => {
      resolve(response.statusCode ?? 0);
      response.resume();
      ws.terminate();
    });
    ws.on('open', () => reject(new Error('the upgrade was accepted')));
    ws.on('error', () => {});
  });
}

async function expectRefusal(client: TestClient, code: number): Promise<void> {
  await client.opened;
  expect((await client.closed).code).toBe(code);
  expect(client.frames).toEqual([]);
}

describe('the handshake', () => {
  it('closes with 4400 and no frame when projectId is missing', async () => {
    harness = await startHarness(source());
    await expectRefusal(harness.connect({ protocol: '1' }), 4400);
  });

  it('closes with 4400 and no frame when the protocol is missing or not one the server speaks', async () => {
    harness = await startHarness(source());
    await expectRefusal(harness.connect({ projectId: 'p1', protocol: '3' }), 4400);
    await expectRefusal(harness.connect({ projectId: 'p1' }), 4400);
  });

  it('says which versions it speaks when refusing a protocol, so that a client can fall back at once', async () => {
    harness = await startHarness(source());
    const refused = harness.connect({ projectId: 'p1', protocol: '3' });
    expect(await refused.closed).toEqual({ code: 4400, reason: 'unsupported protocol; supported: 1, 2' });
    expect((await harness.connect({ projectId: 'p1' }).closed).reason).toBe('protocol is required');
  });

  it('greets in the version asked for: the current one and the one before', async () => {
    harness = await startHarness(source());
    for (const protocol of [1, 2]) {
      const hello = await harness.connect({ projectId: 'p1', protocol: String(protocol) }).hello();
      expect(hello).toMatchObject({ type: 'hello', protocol, resumed: false });
    }
  });

  it('closes with 4401 when authorize answers 401, and 4403 when it answers false or 403', async () => {
    const answers: Record<string, boolean | 401 | 403> = { p401: 401, pFalse: false, p403: 403 };
    harness = await startHarness(
      source(),
      {},
      { authorize: async (_request, projectId) => answers[projectId] ?? true },
    );
    await expectRefusal(harness.connect({ projectId: 'p401', protocol: '1' }), 4401);
    await expectRefusal(harness.connect({ projectId: 'pFalse', protocol: '1' }), 4403);
    await expectRefusal(harness.connect({ projectId: 'p403', protocol: '1' }), 4403);
  });

  it('closes with 1011 and no frame when authorize throws, or has not answered within authorizeTimeoutMs', async () => {
    harness = await startHarness(
      source(),
      {},
      {
        authorizeTimeoutMs: 50,
        authorize: (_request, projectId) => {
          if (projectId === 'throws') throw new Error('auth backend down');
          return projectId === 'hangs' ? new Promise<never>(() => {}) : true;
        },
      },
    );
    await expectRefusal(harness.connect({ projectId: 'throws', protocol: '1' }), 1011);
    await expectRefusal(harness.connect({ projectId: 'hangs', protocol: '1' }), 1011);
    expect((await harness.connect({ projectId: 'p1', protocol: '1' }).hello()).projectId).toBe('p1');
  });

  it('hands authorize the request, so credentials can travel as a token parameter or a cookie', async () => {
    harness = await startHarness(
      source(),
      {},
      {
        authorize: (request) => {
          const token = new URL(request.url ?? '', 'http://x').searchParams.get('token');
          return token === 'good' || request.headers.cookie === 'session=good' ? true : 401;
        },
      },
    );
    await harness.connect({ projectId: 'p1', protocol: '1', token: 'good' }).hello();
    await harness.connect({ projectId: 'p1', protocol: '1' }, { headers: { cookie: 'session=good' } }).hello();
    await expectRefusal(harness.connect({ projectId: 'p1', protocol: '1', token: 'bad' }), 4401);
  });

  it('closes with 4404 for a project the source does not have, after authorization', async () => {
    const src = source();
    harness = await startHarness(src, {}, { authorize: (_request, projectId) => projectId !== 'secret' });
    await expectRefusal(harness.connect({ projectId: 'nope', protocol: '1' }), 4404);
    // Authorization runs first: a caller who may not see a project cannot learn whether it exists.
    const calls = src.projectCalls;
    await expectRefusal(harness.connect({ projectId: 'secret', protocol: '1' }), 4403);
    expect(src.projectCalls).toBe(calls);
  });

  it('closes the first subscriber with 4503 when loadProject fails, and a later one tries again', async () => {
    const src = source();
    let failures = 1;
    src.onLoadProject = () => (failures-- > 0 ? Promise.reject(new Error('database down')) : undefined);
    harness = await startHarness(src);
    await expectRefusal(harness.connect(), 4503);
    const hello = await harness.connect().hello();
    expect(hello).toMatchObject({ resumed: false, seq: 0 });
  });

  it('answers HTTP 403 without a WebSocket to a disallowed Origin, and lets allowed or absent ones in', async () => {
    harness = await startHarness(source(), {}, { allowedOrigins: ['https://app.test'] });
    expect(await refusedStatus(harness.url(), { Origin: 'https://evil.test' })).toBe(403);
    await harness.connect(undefined, { headers: { Origin: 'https://app.test' } }).hello();
    await harness.connect().hello();
  });

  it('refuses, when the endpoint is created, allowedOrigins given as a string (it matched substrings)', () => {
    const create = (allowedOrigins: unknown) => () =>
      attachSnapshotEndpoint(createServer(), createSnapshotService({ source: source() }), {
        allowedOrigins: allowedOrigins as string[],
      });
    expect(create('https://app.example.com')).toThrow(
      new TypeError('allowedOrigins must be an array of origins or a function, got "https://app.example.com" (string)'),
    );
    expect(create(['https://app.example.com/app'])).toThrow(
      new TypeError(
        'allowedOrigins[0] must be an origin (scheme://host[:port]), got "https://app.example.com/app" (string)',
      ),
    );
  });

  it('compares origins exactly after normalising them: no substring, any case, no default port', async () => {
    harness = await startHarness(source(), {}, { allowedOrigins: ['https://app.example.com'] });
    expect(await refusedStatus(harness.url(), { Origin: 'https://app.example.co' })).toBe(403);
    expect(await refusedStatus(harness.url(), { Origin: 'https://app.example.com.evil.test' })).toBe(403);
    expect(await refusedStatus(harness.url(), { Origin: 'http://app.example.com' })).toBe(403);
    await harness.connect(undefined, { headers: { Origin: 'https://App.Example.com:443' } }).hello();
  });

  it('takes a predicate for allowed origins', async () => {
    harness = await startHarness(source(), {}, { allowedOrigins: (origin) => origin.endsWith('.app.test') });
    expect(await refusedStatus(harness.url(), { Origin: 'https://app.evil' })).toBe(403);
    await harness.connect(undefined, { headers: { Origin: 'https://a.app.test' } }).hello();
  });

  it('answers 404 to another path when nobody else listens for upgrades', async () => {
    harness = await startHarness(source());
    expect(await refusedStatus(harness.url(undefined, '/elsewhere'))).toBe(404);
  });

  it('leaves another path to the server’s other upgrade listeners', async () => {
    const server = createServer();
    const other = new WebSocketServer({ noServer: true });
    server.on('upgrade', (request, socket, head) => {
      if (new URL(request.url ?? '', 'http://x').pathname !== '/hmr') return;
      other.handleUpgrade(request, socket, head, (ws) => ws.send('hmr says hi'));
    });
    harness = await startHarness(source(), {}, {}, server);
    const ws = new WebSocket(harness.url(undefined, '/hmr'));
    const [data] = await once(ws, 'message');
    expect(String(data)).toBe('hmr says hi');
    ws.close();
    await once(ws, 'close');
    await harness.connect().hello();
    other.close();
  });

  it('closes every socket with 1001 on endpoint.close()', async () => {
    harness = await startHarness(source());
    const clients = [harness.connect(), harness.connect()];
    await Promise.all(clients.map((c) => c.hello()));
    await harness.endpoint.close();
    for (const client of clients) expect((await client.closed).code).toBe(1001);
  });

  it('makes every caller of endpoint.close() wait until the sockets are closed, not just the first', async () => {
    harness = await startHarness(source());
    const client = harness.connect();
    await client.hello();
    let firstDone = false;
    const first = harness.endpoint.close().then(() => {
      firstDone = true;
    });
    await harness.endpoint.close();
    expect(firstDone).toBe(true);
    await first;
    expect((await client.closed).code).toBe(1001);
  });

  it('closes with 1009 when a client frame is larger than maxPayload', async () => {
    harness = await startHarness(source(), {}, { maxPayload: 1024 });
    const client = harness.connect();
    await client.hello();
    client.send(JSON.stringify({ type: 'ping', id: 'x'.repeat(2000) }));
    expect((await client.closed).code).toBe(1009);
  });
});

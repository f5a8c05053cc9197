// Access that ends (PROTOCOL.md): an authorization's expiry closes its connection with 4401, `endpoint.revoke` closes
// the matching ones with 4403 at once, and a revoked user cannot come back while `authorize` refuses.
import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Authorization, AuthorizeResult } from '../src/index.js';
import {
  deferred,
  FakeSource,
  facts,
  type Harness,
  manualScheduler,
  startHarness,
  type TestClient,
} from './helpers.js';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const source = () => new FakeSource([facts('w1', 'p1'), facts('x1', 'p2')]);

/** The user a test connection claims to be: its `user` query parameter. */
const userOf = (request: IncomingMessage) => new URL(request.url ?? '/', 'http://x').searchParams.get('user');

/** Proves the connection is open and served: a ping answered by its pong. */
async function answersPing(client: TestClient, id: string): Promise<void> {
  client.send(JSON.stringify({ type: 'ping', id }));
  await client.waitFor((m) => m.type === 'pong' && m.id === id);
}

/** Turns of the event loop until the client's socket has closed (loopback: each hop of the close takes one). */
async function turnsUntilClosed(client: TestClient, limit: number): Promise<number> {
  let closed = false;
  void client.closed.then(() => {
    closed = true;
  });
  for (let turns = 0; turns < limit; turns += 1) {
    if (closed) return turns;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`the connection was still open after ${limit} turns of the event loop`);
}

describe('an authorization that expires', () => {
  it('closes its connection with 4401 when expiresAt is reached, and not before', async () => {
    const clock = manualScheduler();
    const wall = () => 1_000_000 + clock.now;
    harness = await startHarness(
      source(),
      {},
      { scheduler: clock.scheduler, now: wall, authorize: () => ({ expiresAt: wall() + 5000 }) },
    );
    const client = harness.connect();
    await client.hello();
    await clock.advanceTo(4999);
    await answersPing(client, 'still-open');
    await clock.advanceTo(5000);
    expect(await client.closed).toEqual({ code: 4401, reason: 'the credentials expired' });
  });

  it('takes expiresAt as a Date too', async () => {
    const clock = manualScheduler();
    const wall = () => 1_000_000 + clock.now;
    harness = await startHarness(
      source(),
      {},
      { scheduler: clock.scheduler, now: wall, authorize: () => ({ expiresAt: new Date(wall() + 100) }) },
    );
    const client = harness.connect();
    await client.hello();
    await clock.advanceTo(100);
    expect((await client.closed).code).toBe(4401);
  });

  it('refuses credentials that have already expired with 4401 and no frame', async () => {
    harness = await startHarness(source(), {}, { now: () => 5000, authorize: () => ({ expiresAt: 5000 }) });
    const client = harness.connect();
    expect(await client.closed).toEqual({ code: 4401, reason: 'credentials expired' });
    expect(client.frames).toEqual([]);
  });

  it('closes with 1011, no frame, and a log line naming the answer when authorize answers something else', async () => {
    harness = await startHarness(
      source(),
      {},
      { authorize: () => ({ expiresAt: 'tomorrow' }) as unknown as Authorization },
    );
    const client = harness.connect();
    expect((await client.closed).code).toBe(1011);
    expect(client.frames).toEqual([]);
    expect(harness.logger.entries).toContainEqual(
      expect.objectContaining({ level: 'error', message: 'authorize failed', context: expect.anything() }),
    );
    expect(JSON.stringify(harness.logger.entries)).toContain('\\"tomorrow\\" (string)');
  });
});

describe('endpoint.revoke', () => {
  it('closes every connection it matches with 4403 at once, by principal or by project, and returns how many', async () => {
    harness = await startHarness(source(), {}, { authorize: (request) => ({ principal: userOf(request) }) });
    const u1p1 = harness.connect({ projectId: 'p1', protocol: '1', user: 'u1' });
    const u2p1 = harness.connect({ projectId: 'p1', protocol: '1', user: 'u2' });
    const u1p2 = harness.connect({ projectId: 'p2', protocol: '1', user: 'u1' });
    const u3p2 = harness.connect({ projectId: 'p2', protocol: '1', user: 'u3' });
    await Promise.all([u1p1.hello(), u2p1.hello(), u1p2.hello(), u3p2.hello()]);

    expect(harness.endpoint.revoke((connection) => connection.principal === 'u1')).toBe(2);
    // The close frames were written before revoke returned: the clients see them within a few hops on loopback.
    await turnsUntilClosed(u1p1, 20);
    await turnsUntilClosed(u1p2, 20);
    expect(await u1p1.closed).toEqual({ code: 4403, reason: 'access revoked' });
    expect((await u1p2.closed).code).toBe(4403);
    await answersPing(u2p1, 'u2');
    await answersPing(u3p2, 'u3');

    expect(harness.endpoint.revoke((connection) => connection.projectId === 'p2')).toBe(1);
    expect((await u3p2.closed).code).toBe(4403);
    await answersPing(u2p1, 'u2-again');
  });

  it('cuts a revoked user off, who then cannot reconnect while authorize refuses', async () => {
    const members = new Set(['u1']);
    const authorize = (request: IncomingMessage): AuthorizeResult => {
      const user = userOf(request);
      return user !== null && members.has(user) ? { principal: user } : 403;
    };
    harness = await startHarness(source(), {}, { authorize });
    const client = harness.connect({ projectId: 'p1', protocol: '1', user: 'u1' });
    await client.hello();
    members.delete('u1');
    expect(harness.endpoint.revoke((connection) => connection.principal === 'u1')).toBe(1);
    await turnsUntilClosed(client, 20);
    expect((await client.closed).code).toBe(4403);
    const again = harness.connect({ projectId: 'p1', protocol: '1', user: 'u1' });
    expect((await again.closed).code).toBe(4403);
    expect(again.frames).toEqual([]);
  });

  it('holds a revocation against a connection whose authorize was answering when it was made', async () => {
    const answer = deferred<AuthorizeResult>();
    harness = await startHarness(source(), {}, { authorize: () => answer.promise });
    const client = harness.connect();
    await client.opened;
    // Not yet admitted: nothing to close now, but the revocation stands for this connection.
    expect(harness.endpoint.revoke((connection) => connection.principal === 'u1')).toBe(0);
    answer.resolve({ principal: 'u1' });
    expect(await client.closed).toEqual({ code: 4403, reason: 'access revoked' });
    expect(client.frames).toEqual([]);
  });

  it('lets through a connection in its handshake that the revocation does not match', async () => {
    const answer = deferred<AuthorizeResult>();
    harness = await startHarness(source(), {}, { authorize: () => answer.promise });
    const client = harness.connect();
    await client.opened;
    harness.endpoint.revoke((connection) => connection.principal === 'u1');
    answer.resolve({ principal: 'u2' });
    expect((await client.hello()).projectId).toBe('p1');
  });

  it('closes nothing when the predicate throws, and throws its error to the caller', async () => {
    harness = await startHarness(source(), {}, { authorize: (request) => ({ principal: userOf(request) }) });
    const first = harness.connect({ projectId: 'p1', protocol: '1', user: 'u1' });
    const second = harness.connect({ projectId: 'p1', protocol: '1', user: 'u2' });
    await Promise.all([first.hello(), second.hello()]);
    const predicate = (connection: { principal: unknown }) => {
      if (connection.principal === 'u2') throw new Error('lookup failed');
      return true;
    };
    expect(() => harness!.endpoint.revoke(predicate)).toThrow('lookup failed');
    await answersPing(first, 'first');
    await answersPing(second, 'second');
  });

  it('names a predicate that is not a function', async () => {
    harness = await startHarness(source());
    expect(() => harness!.endpoint.revoke('u1' as never)).toThrow(
      'revoke’s predicate must be a function, got "u1" (string)',
    );
  });
});

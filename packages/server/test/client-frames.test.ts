import { MAX_PING_ID_LENGTH } from '@livesnap/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSource, facts, type Harness, startHarness, type TestClient } from './helpers.js';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function greeted(options: Parameters<typeof startHarness>[2] = {}): Promise<TestClient> {
  harness = await startHarness(
    new FakeSource([facts('w1')]),
    {},
    { now: () => Date.parse('2026-11-25T10:00:00.000Z'), ...options },
  );
  const client = harness.connect();
  await client.hello();
  return client;
}

async function errorFor(client: TestClient, frame: string | Buffer): Promise<unknown> {
  const next = client.next();
  client.send(frame);
  return next;
}

describe('client frames', () => {
  it('answers a ping with a pong of the same id and the server time', async () => {
    const client = await greeted();
    expect(await errorFor(client, JSON.stringify({ type: 'ping', id: 'abc' }))).toEqual({
      type: 'pong',
      id: 'abc',
      serverTime: '2026-11-25T10:00:00.000Z',
    });
  });

  it('answers a resync with a full hello of the current state', async () => {
    const client = await greeted();
    harness!.service.invalidate('w1');
    await harness!.service.flush();
    const hello = await errorFor(client, JSON.stringify({ type: 'resync' }));
    expect(hello).toMatchObject({ type: 'hello', resumed: false, seq: 0, snapshots: [{ workspaceId: 'w1' }] });
  });

  it.each([
    ['a binary frame', Buffer.from('{"type":"ping","id":"1"}')],
    ['a frame that is not JSON', '{nope'],
    ['a frame that is not an object', '[1,2]'],
    ['a frame without a string type', '{"id":"1"}'],
    ['a known type that fails its schema', '{"type":"ping","id":5}'],
  ])('answers %s with bad_message and stays open', async (_name, frame) => {
    const client = await greeted();
    expect(await errorFor(client, frame)).toMatchObject({ type: 'error', code: 'bad_message' });
    expect(await errorFor(client, JSON.stringify({ type: 'ping', id: 'still' }))).toMatchObject({ type: 'pong' });
  });

  it('answers a text frame that is not UTF-8 with bad_message (it is not JSON) and stays open', async () => {
    const client = await greeted();
    const next = client.next();
    // A text frame whose bytes are not UTF-8: `ws` would otherwise close the connection with 1007 itself.
    client.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    const closed = client.closed.then(({ code }) => ({ closedWith: code }));
    expect(await Promise.race([next, closed])).toMatchObject({ type: 'error', code: 'bad_message' });
    expect(await errorFor(client, JSON.stringify({ type: 'ping', id: 'still' }))).toMatchObject({ type: 'pong' });
  });

  it('answers a ping whose id is longer than MAX_PING_ID_LENGTH with bad_message, not an echo of it', async () => {
    const client = await greeted();
    const long = 'x'.repeat(MAX_PING_ID_LENGTH + 1);
    expect(await errorFor(client, JSON.stringify({ type: 'ping', id: long }))).toMatchObject({
      type: 'error',
      code: 'bad_message',
    });
    expect(client.frames.some((frame) => frame.includes(long))).toBe(false);
    const longest = 'y'.repeat(MAX_PING_ID_LENGTH);
    expect(await errorFor(client, JSON.stringify({ type: 'ping', id: longest }))).toMatchObject({ id: longest });
  });

  it('answers an unknown type with unknown_type', async () => {
    const client = await greeted();
    expect(await errorFor(client, '{"type":"subscribe"}')).toMatchObject({ type: 'error', code: 'unknown_type' });
  });

  it('drops frames beyond maxFramesPerSecond with rate_limited, unread', async () => {
    const client = await greeted({ maxFramesPerSecond: 5 });
    for (let i = 0; i < 7; i++) client.send(JSON.stringify({ type: 'ping', id: String(i) }));
    await client.waitFor((m) => m.type === 'error');
    await client.waitFor((m) => m.type === 'error' && client.messages.filter((n) => n.type === 'error').length === 2);
    const answers = client.messages.slice(1);
    expect(answers.filter((m) => m.type === 'pong').map((m) => m.type === 'pong' && m.id)).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
    ]);
    expect(answers.filter((m) => m.type === 'error')).toEqual([
      expect.objectContaining({ code: 'rate_limited' }),
      expect.objectContaining({ code: 'rate_limited' }),
    ]);
  });

  it('closes with 4429 a client that sends more than twice maxFramesPerSecond', async () => {
    const client = await greeted({ maxFramesPerSecond: 5 });
    for (let i = 0; i < 11; i++) client.send(JSON.stringify({ type: 'ping', id: String(i) }));
    expect((await client.closed).code).toBe(4429);
    expect(client.messages.filter((m) => m.type === 'pong')).toHaveLength(5);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { FakeSource, facts, type Harness, startHarness } from './helpers.js';

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

  it('closes a slow consumer with 4409 and stops queueing for it, while another client keeps receiving', async () => {
    const source = new FakeSource([facts('w1')]);
    harness = await startHarness(source, { coalesceMs: 0 }, { maxBufferedBytes: 256 * 1024 });
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

  it('terminates a peer that does not finish a close handshake within 1 s', async () => {
    harness = await startHarness(new FakeSource([facts('w1')]));
    const stalled = harness.connect();
    await stalled.hello();
    (stalled.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const started = performance.now();
    // Without the terminate, close() would wait for the stalled peer forever.
    await harness.endpoint.close();
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
  });
});

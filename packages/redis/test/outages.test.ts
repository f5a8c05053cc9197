// Redis failing under running instances: restarted empty (a new epoch, pushed to every client as a full hello without a
// reconnect), frozen for 2 s with SIGSTOP (no crash, nothing queued, health reported, every loaded project reconciled
// once it answers again). Each test has a redis-server of its own, since it breaks it.
import { divergence, FakeSource, facts, type TestClient, until } from '@livesnap/server/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisUnavailableError } from '../src/index.js';
import { type RedisServer, startRedisServer } from '../src/redis-server.js';
import { startInstances } from './cluster.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(source: FakeSource) {
  const redis: RedisServer = await startRedisServer();
  cleanups.push(() => redis.stop());
  const cluster = await startInstances(redis, source, 2);
  cleanups.push(cluster.close);
  // First of all (cleanups run last to first): a frozen Redis would hold the instances' shutdown.
  cleanups.push(async () => redis.resume());
  const clients: TestClient[] = cluster.instances.flatMap(({ harness }) => [harness.connect(), harness.connect()]);
  const hellos = await Promise.all(clients.map((client) => client.hello()));
  return { redis, ...cluster, clients, epoch: hellos[0]!.epoch };
}

describe('Redis failing', () => {
  it('restarted empty: a new epoch, and every client converges through a full hello without reconnecting', async () => {
    const source = new FakeSource([facts('w1'), facts('w2')]);
    const { redis, instances, clients, epoch } = await setUp(source);
    source.change('w1', { name: 'before' });
    instances[0]!.harness.service.invalidate('w1');
    await Promise.all(clients.map((client) => client.reach(1)));
    source.change('w2', { name: 'while Redis was away' });
    await redis.restart();
    const hellos = await Promise.all(
      clients.map((client) => client.waitFor((m) => m.type === 'hello' && m.epoch !== epoch)),
    );
    expect(new Set(hellos.map((hello) => hello.type === 'hello' && hello.epoch)).size).toBe(1);
    for (const hello of hellos) expect(hello).toMatchObject({ resumed: false, seq: 0 });
    source.change('w1', { name: 'after' });
    instances[1]!.harness.service.invalidate('w1');
    await Promise.all(clients.map((client) => client.reach(1)));
    for (const client of clients) {
      expect(client.ws.readyState).toBe(client.ws.OPEN);
      expect(divergence(client.snapshots, source.facts.values(), 'p1')).toEqual([]);
    }
    for (const { harness } of instances) {
      expect(harness.sockets).toHaveLength(2);
      expect(harness.service.health().ok).toBe(true);
    }
  }, 20_000);

  it('frozen for 2 s: reported unhealthy, calls refused rather than queued, no crash, convergence once resumed', async () => {
    const source = new FakeSource([facts('w1'), facts('w2')]);
    const { redis, instances, clients, epoch } = await setUp(source);
    const [a] = instances;
    redis.freeze();
    const frozenAt = performance.now();
    await until(() => !a!.harness.service.health().ok, 5000);
    expect(a!.harness.service.health().store.reason).toBe('Redis did not answer PING within 100 ms');
    await expect(a!.store.ticket()).rejects.toThrow(RedisUnavailableError);
    // Changed while Redis was frozen: the invalidation fails (logged), reconciliation finds it afterwards.
    source.change('w1', { name: 'during the freeze' });
    a!.harness.service.invalidate('w1');
    await a!.harness.service.flush();
    await new Promise((resolve) => setTimeout(resolve, 2000 - (performance.now() - frozenAt)));
    redis.resume();
    await Promise.all(clients.map((client) => client.reach(1)));
    for (const client of clients) {
      expect(client.epoch).toBe(epoch);
      expect(client.gaps).toEqual([]);
      expect(divergence(client.snapshots, source.facts.values(), 'p1')).toEqual([]);
    }
    expect(clients[0]!.snapshots.get('w1')).toMatchObject({ source: 'reconciliation' });
    for (const { harness } of instances) expect(harness.service.health().ok).toBe(true);
    expect(a!.harness.logger.entries.map((e) => e.message)).toEqual(
      expect.arrayContaining([
        'the store is unavailable; connected clients keep what they have',
        'the store is available again; reconciling every loaded project',
      ]),
    );
  }, 20_000);
});

// Three instances of the server on one Redis, clients of both protocol versions on each: one numbered stream,
// resumable on any instance, only ever moving forward across instances, and each project reconciled by one instance
// per interval.
import type { WorkspaceFacts } from '@livesnap/protocol';
import {
  deferred,
  divergence,
  FakeSource,
  facts,
  manualScheduler,
  type TestClient,
  until,
} from '@livesnap/server/testing';
import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import { redisPerFile, startInstances } from './cluster.js';

const redis = redisPerFile();
const v2 = { projectId: 'p1', protocol: '2' };
let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

async function cluster(source: FakeSource, count = 3, options: Parameters<typeof startInstances>[3] = {}) {
  const started = await startInstances(redis.server, source, count, options);
  cleanup = started.close;
  return started;
}

/** The project's seq as Redis holds it. */
async function redisSeq(keyPrefix: string, projectId = 'p1'): Promise<number> {
  const client = createClient({ url: redis.server.url });
  await client.connect();
  try {
    return Number(await client.hGet(`${keyPrefix}:{${projectId}}:meta`, 'seq'));
  } finally {
    await client.close();
  }
}

/** A small deterministic PRNG (mulberry32), so that a failing run can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('three instances on one Redis', () => {
  it('give every client of a version the identical gap-free stream through 1,000 random invalidations, ending at the source', async () => {
    const random = prng(18);
    const source = new FakeSource(Array.from({ length: 20 }, (_, i) => facts(`w${i}`)));
    const { instances, keyPrefix } = await cluster(source, 3, { service: { coalesceMs: 0 } });
    // On each instance two clients of version 1 and one of version 2 (patches made from the changes Redis recorded).
    const byVersion = instances.map(({ harness }) => [harness.connect(), harness.connect(), harness.connect(v2)]);
    const clients: TestClient[] = byVersion.flat();
    const [ones, twos] = [byVersion.flatMap(([a, b]) => [a!, b!]), byVersion.map(([, , c]) => c!)];
    const hellos = await Promise.all(clients.map((client) => client.hello()));
    expect(new Set(hellos.map((hello) => hello.epoch)).size).toBe(1);
    for (let step = 0; step < 1000; step++) {
      const id = `w${Math.floor(random() * 24)}`;
      const roll = random();
      if (roll < 0.05) source.facts.delete(id);
      else if (!source.facts.has(id)) source.put(facts(id));
      else if (roll < 0.5) source.change(id, { name: `${id} at ${step}` });
      else source.change(id, { isSessionWorking: roll < 0.75, lastActivityAt: new Date(step * 1000).toISOString() });
      instances[Math.floor(random() * 3)]!.harness.service.invalidate(id);
      if (random() < 0.3) await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(instances.map(({ harness }) => harness.service.flush()));
    const last = await redisSeq(keyPrefix);
    await Promise.all(clients.map((client) => client.reach(last)));
    for (const group of [ones, twos]) {
      expect(new Set(group.map((client) => JSON.stringify(client.stream))).size).toBe(1);
    }
    expect(clients[0]!.stream.map((m) => m.seq)).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    expect(twos[0]!.stream.map((m) => m.seq)).toEqual(clients[0]!.stream.map((m) => m.seq));
    expect(twos[0]!.stream.filter((m) => m.type === 'patch').length).toBeGreaterThan(last / 2);
    for (const client of clients) {
      expect(client.gaps).toEqual([]);
      expect(client.invalid).toEqual([]);
      expect(client.unbased).toEqual([]);
      expect(divergence(client.snapshots, source.facts.values(), 'p1')).toEqual([]);
    }
    // Patched or sent whole, every client holds the very same snapshots, metadata included.
    expect(new Map(twos[0]!.snapshots)).toEqual(new Map(ones[0]!.snapshots));
    // How many commits the invalidations made depends on coalescing; that there were some does not.
    expect(last).toBeGreaterThan(0);
  }, 30_000);

  it.each(['1', '2'])(
    'resume across instances in version %s: a client of A reconnects to B and gets a resumed hello and exactly the missed frames',
    async (protocol) => {
      const source = new FakeSource([facts('w1'), facts('w2')]);
      const [a, b] = (await cluster(source, 2)).instances;
      const watcher = a!.harness.connect({ projectId: 'p1', protocol });
      const client = a!.harness.connect({ projectId: 'p1', protocol });
      const { epoch } = await client.hello();
      await watcher.hello();
      client.ws.close();
      await client.closed;
      for (const name of ['a', 'b', 'c']) {
        source.change('w1', { name });
        b!.harness.service.invalidate('w1');
        await b!.harness.service.flush();
      }
      await watcher.reach(3);
      const resumed = b!.harness.connect({ projectId: 'p1', protocol, epoch, seq: '0' });
      expect(await resumed.hello()).toEqual({
        type: 'hello',
        protocol: Number(protocol),
        projectId: 'p1',
        epoch,
        seq: 0,
        resumed: true,
        instance: 'B',
      });
      await resumed.reach(3);
      expect(resumed.stream.map((m) => m.seq)).toEqual([1, 2, 3]);
      // B replays from Redis's log what A sent live from the channel: the same frames, patches in version 2.
      expect(resumed.stream.map((m) => m.type)).toEqual(Array(3).fill(protocol === '1' ? 'upsert' : 'patch'));
      expect(resumed.frames.slice(1)).toEqual(watcher.frames.slice(1));
    },
  );

  it('commits an invalidation made on an instance where nobody watches the project, for the others’ clients', async () => {
    const source = new FakeSource([facts('w1')]);
    const [a, b] = (await cluster(source, 2)).instances;
    const client = a!.harness.connect();
    await client.hello();
    source.change('w1', { name: 'changed through B' });
    b!.harness.service.invalidate('w1', { projectId: 'p1' });
    await client.reach(1);
    expect(client.snapshots.get('w1')).toMatchObject({ name: 'changed through B', version: 1 });
  });
});

describe('snapshots only move forward, across instances', () => {
  it('discards A’s read that returns old facts after B has committed newer ones', async () => {
    const source = new FakeSource([facts('w1'), facts('w2')]);
    const [a, b] = (await cluster(source, 2)).instances;
    const client = a!.harness.connect();
    await client.hello();
    const old = { ...source.facts.get('w1')!, name: 'old' };
    const held = deferred<WorkspaceFacts>();
    source.onLoadWorkspace = () => {
      source.onLoadWorkspace = () => undefined;
      return held.promise;
    };
    a!.harness.service.invalidate('w1');
    // A's read has its ticket and is under way before B's begins.
    await until(() => source.workspaceCalls.get('w1')?.length === 1);
    source.change('w1', { name: 'new' });
    b!.harness.service.invalidate('w1');
    await b!.harness.service.flush();
    await client.reach(1);
    held.resolve(old);
    await a!.harness.service.flush();
    source.change('w2', { name: 'next' });
    a!.harness.service.invalidate('w2');
    await client.reach(2);
    expect(client.stream.map((m) => m.seq)).toEqual([1, 2]);
    expect(client.snapshots.get('w1')).toMatchObject({ name: 'new', version: 1 });
  });

  it('discards what a reconciliation on A read before B committed a removal: the workspace does not come back', async () => {
    const source = new FakeSource([facts('w1'), facts('w2')]);
    const [a, b] = (await cluster(source, 2)).instances;
    const client = a!.harness.connect();
    await b!.harness.connect().hello();
    await client.hello();
    const before = source.projectNow('p1');
    const held = deferred<WorkspaceFacts[] | null>();
    source.onLoadProject = () => {
      source.onLoadProject = () => undefined;
      return held.promise;
    };
    const calls = source.projectCalls;
    const reconciling = a!.harness.service.reconcile();
    await until(() => source.projectCalls === calls + 1);
    source.facts.delete('w2');
    b!.harness.service.invalidate('w2');
    await b!.harness.service.flush();
    await client.reach(1);
    held.resolve(before);
    await reconciling;
    source.change('w1', { name: 'next' });
    a!.harness.service.invalidate('w1');
    await client.reach(2);
    expect(client.stream.map((m) => [m.type, m.seq])).toEqual([
      ['remove', 1],
      ['upsert', 2],
    ]);
    expect([...client.snapshots.keys()]).toEqual(['w1']);
  });
});

describe('reconciliation leases', () => {
  it('reconcile a project on one instance per interval, whichever of them holds the lease', async () => {
    const source = new FakeSource([facts('w1')]);
    const times = [manualScheduler(), manualScheduler(), manualScheduler()];
    const { instances } = await cluster(source, 3, {
      service: (i) => ({ scheduler: times[i]!.scheduler, reconcileIntervalMs: 60_000 }),
    });
    await Promise.all(instances.map(({ harness }) => harness.connect().hello()));
    for (const { harness } of instances) harness.service.start();
    const loads = source.projectCalls;
    for (const time of times) await time.advanceTo(60_000);
    // Every instance's pass has ended (each took its next timer) and one of them reloaded the project.
    await until(() => times.every((time) => time.pending().includes(60_000)));
    expect(source.projectCalls).toBe(loads + 1);
    // Asked for, a reconciliation runs wherever it is asked.
    await instances[2]!.harness.service.reconcile();
    expect(source.projectCalls).toBe(loads + 2);
  });
});

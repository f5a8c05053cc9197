// What the service and the endpoint do with what a store reports besides commits: a lost epoch (clients greeted anew
// without reconnecting), an outage and its end (health, and every loaded project reconciled), reconciliation leases;
// and the hello's `instance` and the joining buffer's cap. The store is the real memory store, with its status, health
// and leases scripted by the test.
import { afterEach, describe, expect, it } from 'vitest';
import {
  createMemoryStore,
  type ProjectState,
  type SnapshotStore,
  type StoreHealth,
  type StoreStatusEvent,
} from '../src/index.js';
import { deferred, FakeSource, facts, type Harness, manualScheduler, startHarness } from './helpers.js';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

/** The memory store, with what a shared store would report in the test's hands. */
function scriptedStore() {
  const memory = createMemoryStore();
  const listeners = new Set<(event: StoreStatusEvent) => void>();
  const controls = {
    health: { ok: true } as StoreHealth,
    lease: true,
    leases: [] as string[],
    /** Set to hold the next `get` until the test resolves it. */
    heldGet: null as ReturnType<typeof deferred<void>> | null,
    report(event: StoreStatusEvent) {
      for (const listener of listeners) listener(event);
    },
  };
  const store: SnapshotStore = {
    ...memory,
    health: () => controls.health,
    async lease(projectId) {
      controls.leases.push(projectId);
      return controls.lease;
    },
    async get(projectId): Promise<ProjectState | null> {
      const held = controls.heldGet;
      controls.heldGet = null;
      if (held) await held.promise;
      return memory.get(projectId);
    },
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { store, controls };
}

describe('what a store reports', () => {
  it('greets every connected client of a lost project with a full hello of its new epoch, without reconnecting', async () => {
    const source = new FakeSource([facts('w1'), facts('w2')]);
    const { store, controls } = scriptedStore();
    harness = await startHarness(source, { store });
    const clients = [harness.connect(), harness.connect()];
    const first = await Promise.all(clients.map((c) => c.hello()));
    source.change('w1', { name: 'changed while the store was lost' });
    controls.report({ type: 'lost', projectId: 'p1', epoch: first[0]!.epoch });
    const again = await Promise.all(
      clients.map((c) => c.waitFor((m) => m.type === 'hello' && m.epoch !== first[0]!.epoch)),
    );
    for (const [i, hello] of again.entries()) {
      expect(hello).toMatchObject({ resumed: false, seq: 0 });
      expect(clients[i]!.snapshots.get('w1')?.name).toBe('changed while the store was lost');
      expect(clients[i]!.ws.readyState).toBe(clients[i]!.ws.OPEN);
    }
    expect(harness.sockets).toHaveLength(2);
  });

  it('ignores a lost epoch the project is no longer at', async () => {
    const source = new FakeSource([facts('w1')]);
    const { store, controls } = scriptedStore();
    harness = await startHarness(source, { store });
    const client = harness.connect();
    await client.hello();
    const calls = source.projectCalls;
    controls.report({ type: 'lost', projectId: 'p1', epoch: 'an epoch that ended long ago' });
    source.change('w1', { name: 'next' });
    harness.service.invalidate('w1');
    await client.reach(1);
    expect(source.projectCalls).toBe(calls);
    expect(client.messages.filter((m) => m.type === 'hello')).toHaveLength(1);
  });

  it('reports the store’s health, and not ok once stopped', async () => {
    const { store, controls } = scriptedStore();
    harness = await startHarness(new FakeSource([facts('w1')]), { store });
    await harness.connect().hello();
    expect(harness.service.health()).toEqual({ ok: true, stopped: false, store: { ok: true }, loadedProjects: 1 });
    controls.health = { ok: false, reason: 'no answer to PING within 1000 ms' };
    expect(harness.service.health()).toMatchObject({ ok: false, store: controls.health });
    controls.health = { ok: true };
    await harness.service.stop();
    expect(harness.service.health()).toMatchObject({ ok: false, stopped: true });
  });

  it('reconciles every loaded project once the store is available again, and logs the outage', async () => {
    const source = new FakeSource([facts('w1'), facts('a1', 'pa')]);
    const { store, controls } = scriptedStore();
    harness = await startHarness(source, { store });
    const [p1, pa] = [harness.connect(), harness.connect({ projectId: 'pa', protocol: '1' })];
    await Promise.all([p1.hello(), pa.hello()]);
    controls.report({ type: 'unavailable', reason: 'connection refused' });
    // Changed while the store was away, and the invalidations lost with it.
    source.change('w1', { name: 'meanwhile' });
    source.change('a1', { name: 'meanwhile too' });
    controls.report({ type: 'available' });
    await Promise.all([p1.reach(1), pa.reach(1)]);
    expect(p1.snapshots.get('w1')).toMatchObject({ name: 'meanwhile', source: 'reconciliation' });
    expect(pa.snapshots.get('a1')).toMatchObject({ name: 'meanwhile too', source: 'reconciliation' });
    expect(harness.logger.entries.map((e) => [e.level, e.message])).toEqual(
      expect.arrayContaining([
        ['error', 'the store is unavailable; connected clients keep what they have'],
        ['warn', 'the store is available again; reconciling every loaded project'],
      ]),
    );
  });

  it('reconciles on its timer only the projects whose lease it holds, and whenever asked', async () => {
    const source = new FakeSource([facts('w1')]);
    const { store, controls } = scriptedStore();
    const time = manualScheduler();
    harness = await startHarness(source, { store, scheduler: time.scheduler, reconcileIntervalMs: 1000 });
    harness.service.start();
    const client = harness.connect();
    await client.hello();
    const loads = source.projectCalls;
    controls.lease = false;
    await time.advanceTo(1000);
    expect(controls.leases).toEqual(['p1']);
    expect(source.projectCalls).toBe(loads);
    await harness.service.reconcile();
    expect(source.projectCalls).toBe(loads + 1);
    controls.lease = true;
    await time.advanceTo(2000);
    expect(controls.leases).toEqual(['p1', 'p1']);
    expect(source.projectCalls).toBe(loads + 2);
  });
});

describe('the endpoint', () => {
  it('names its instance in every hello when it has a name, and in none otherwise', async () => {
    harness = await startHarness(new FakeSource([facts('w1')]), {}, { instance: '10.0.0.7:4460' });
    const named = harness.connect();
    const full = await named.hello();
    expect(full).toMatchObject({ resumed: false, instance: '10.0.0.7:4460' });
    const resumed = harness.connect({ projectId: 'p1', protocol: '1', epoch: full.epoch, seq: '0' });
    expect(await resumed.hello()).toMatchObject({ resumed: true, instance: '10.0.0.7:4460' });
    const unnamed = await startHarness(new FakeSource([facts('w1')]));
    try {
      expect(await unnamed.connect().hello()).not.toHaveProperty('instance');
    } finally {
      await unnamed.close();
    }
  });

  it('closes with 4409 a client whose hello was outrun by more than joinBufferLimit messages', async () => {
    const source = new FakeSource([facts('w1')]);
    const { store, controls } = scriptedStore();
    harness = await startHarness(source, { store, coalesceMs: 0 }, { joinBufferLimit: 3 });
    const watcher = harness.connect();
    await watcher.hello();
    const held = deferred<void>();
    controls.heldGet = held;
    const joining = harness.connect();
    await joining.opened;
    for (let i = 1; i <= 4; i++) {
      source.change('w1', { name: `n${i}` });
      harness.service.invalidate('w1');
      await harness.service.flush();
    }
    await watcher.reach(4);
    held.resolve();
    expect(await joining.closed).toEqual({ code: 4409, reason: 'the stream outran the hello' });
    expect(joining.messages).toEqual([]);
  });

  it('keeps a client whose hello was outrun by no more than joinBufferLimit messages, with no gap', async () => {
    const source = new FakeSource([facts('w1')]);
    const { store, controls } = scriptedStore();
    harness = await startHarness(source, { store, coalesceMs: 0 }, { joinBufferLimit: 3 });
    await harness.connect().hello();
    const held = deferred<void>();
    controls.heldGet = held;
    const joining = harness.connect();
    await joining.opened;
    for (let i = 1; i <= 3; i++) {
      source.change('w1', { name: `n${i}` });
      harness.service.invalidate('w1');
      await harness.service.flush();
    }
    held.resolve();
    await joining.reach(3);
    expect(joining.gaps).toEqual([]);
    expect(joining.snapshots.get('w1')?.name).toBe('n3');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { createSnapshotService, snapshotFeedOf } from '../src/index.js';
import {
  deferred,
  divergence,
  FakeSource,
  facts,
  type Harness,
  manualScheduler,
  startHarness,
  until,
} from './helpers.js';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

describe('reconciliation', () => {
  it('picks up changes written behind the service’s back, in one batch, and removes vanished workspaces', async () => {
    const source = new FakeSource([facts('w1'), facts('w2'), facts('w3')]);
    harness = await startHarness(source);
    const client = harness.connect();
    await client.hello();
    source.change('w1', { name: 'changed quietly' });
    source.facts.delete('w2');
    source.put(facts('w4'));
    await harness.service.reconcile();
    const batch = await client.next();
    expect(batch.type).toBe('batch');
    expect(client.stream.map((m) => [m.type, m.seq, m.type === 'upsert' ? m.snapshot.source : m.workspaceId])).toEqual([
      ['upsert', 1, 'reconciliation'],
      ['upsert', 2, 'reconciliation'],
      ['remove', 3, 'w2'],
    ]);
    expect(divergence(client.snapshots, source.facts.values(), 'p1')).toEqual([]);
  });

  it('sends nothing when the project did not change', async () => {
    const source = new FakeSource([facts('w1'), facts('w2')]);
    harness = await startHarness(source);
    const client = harness.connect();
    await client.hello();
    await harness.service.reconcile();
    source.change('w2', { name: 'now' });
    harness.service.invalidate('w2');
    expect(await client.next()).toMatchObject({ type: 'upsert', seq: 1 });
  });

  it('takes git stats changed behind its back from the facts, when the source has no loadGitStats', async () => {
    const stats = { total: 1, additions: 2, deletions: 3, hasUncommitted: false };
    const source = new FakeSource([facts('w1', 'p1', { gitStats: stats })]);
    harness = await startHarness(source);
    const client = harness.connect();
    await client.hello();
    source.change('w1', { gitStats: { ...stats, additions: 20 } });
    await harness.service.reconcile();
    expect(await client.next()).toMatchObject({
      type: 'upsert',
      seq: 1,
      snapshot: { gitStats: { additions: 20 }, source: 'reconciliation' },
    });
  });

  it('runs every reconcileIntervalMs once started', async () => {
    const source = new FakeSource([facts('w1')]);
    harness = await startHarness(source, { reconcileIntervalMs: 20 });
    harness.service.start();
    const client = harness.connect();
    await client.hello();
    source.change('w1', { name: 'quiet change' });
    expect(await client.next()).toMatchObject({
      type: 'upsert',
      snapshot: { name: 'quiet change', source: 'reconciliation' },
    });
  });

  it('keeps the snapshots when the reload fails, and a workspace whose facts are invalid', async () => {
    const source = new FakeSource([facts('w1'), facts('w2')]);
    harness = await startHarness(source);
    const client = harness.connect();
    await client.hello();
    source.onLoadProject = () => Promise.reject(new Error('database down'));
    await harness.service.reconcile();
    source.onLoadProject = () =>
      Promise.resolve([{ ...facts('w1'), status: 'BOGUS' }, facts('w2', 'p1', { name: 'n' })]);
    await harness.service.reconcile();
    await client.reach(1);
    expect(client.stream.map((m) => m.type === 'upsert' && m.snapshot.workspaceId)).toEqual(['w2']);
    expect(client.snapshots.has('w1')).toBe(true);
    expect(harness.logger.entries.filter((e) => e.level === 'error').map((e) => e.context)).toEqual([
      expect.objectContaining({ projectId: 'p1', error: 'database down' }),
      expect.objectContaining({ projectId: 'p1', workspaceId: 'w1' }),
    ]);
  });

  it('sees a change made during a pass in flight when reconcile() is called after it', async () => {
    const source = new FakeSource([facts('w1')]);
    harness = await startHarness(source);
    const client = harness.connect();
    await client.hello();
    const before = source.projectNow('p1');
    const reload = deferred<unknown>();
    let reading = false;
    source.onLoadProject = () => {
      source.onLoadProject = () => undefined;
      reading = true;
      return reload.promise;
    };
    const inFlight = harness.service.reconcile();
    await until(() => reading);
    source.change('w1', { name: 'changed during the pass' });
    const asked = harness.service.reconcile();
    reload.resolve(before);
    await inFlight;
    await asked;
    expect(await harness.feed.state('p1')).toMatchObject({
      snapshots: [{ name: 'changed during the pass', source: 'reconciliation' }],
    });
  });
});

describe('reconciliation timing', () => {
  it('starts a pass every reconcileIntervalMs from the start of the previous one, however long a pass takes', async () => {
    // Manual time: passes are started by the service's scheduler, and a pass's read ends when the test says so.
    const clock = manualScheduler();
    const source = new FakeSource([facts('w1')]);
    const passStarts: number[] = [];
    let finishPass: (() => void) | null = null;
    const service = createSnapshotService({ source, reconcileIntervalMs: 1000, scheduler: clock.scheduler });
    const subscription = await snapshotFeedOf(service).subscribe('p1');
    source.onLoadProject = (projectId) => {
      passStarts.push(clock.now);
      return new Promise((resolve) => {
        finishPass = () => resolve(source.projectNow(projectId));
      });
    };
    service.start();
    await clock.advanceTo(1000);
    expect(passStarts).toEqual([1000]);
    await clock.advanceTo(1400);
    finishPass!();
    await new Promise((resolve) => setImmediate(resolve));
    await clock.advanceTo(2000);
    expect(passStarts).toEqual([1000, 2000]);
    finishPass!();
    subscription?.release();
    await service.stop();
  });
});

import type { WorkspaceFacts } from '@livesnap/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeGitSource, FakeSource, facts, type Harness, startHarness } from './helpers.js';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const failures: [string, (source: FakeSource) => void, RegExp][] = [
  ['throws', (s) => (s.onLoadWorkspace = () => Promise.reject(new Error('boom'))), /boom/],
  ['hangs past sourceTimeoutMs', (s) => (s.onLoadWorkspace = () => new Promise<never>(() => {})), /within 50 ms/],
  [
    'answers invalid facts',
    (s) => (s.onLoadWorkspace = () => Promise.resolve({ ...s.facts.get('w1'), status: 'BOGUS' })),
    /status/,
  ],
];

describe('a failing data source', () => {
  it.each(failures)(
    'that %s keeps the last good snapshot, logs the workspace id, and recovers',
    async (_name, fail, why) => {
      const source = new FakeSource([facts('w1'), facts('w2')]);
      harness = await startHarness(source, { sourceTimeoutMs: 50 });
      const client = harness.connect();
      await client.hello();
      source.change('w1', { name: 'not readable yet' });
      fail(source);
      harness.service.invalidate('w1');
      await harness.service.flush();
      const logged = harness.logger.entries.find((e) => e.level === 'error');
      expect(logged?.context).toMatchObject({ workspaceId: 'w1' });
      expect(JSON.stringify(logged?.context)).toMatch(why);
      expect(client.snapshots.get('w1')?.name).toBe('Workspace w1');
      source.onLoadWorkspace = () => undefined;
      harness.service.invalidate('w1');
      expect(await client.next()).toMatchObject({ type: 'upsert', seq: 1, snapshot: { name: 'not readable yet' } });
    },
  );

  it.each(failures)(
    'that %s for change after change logs it once, its repeats at debug, and its recovery once',
    async (_name, fail) => {
      const source = new FakeSource([facts('w1'), facts('w2')]);
      harness = await startHarness(source, { sourceTimeoutMs: 50 });
      const client = harness.connect();
      await client.hello();
      fail(source);
      for (let change = 0; change < 5; change += 1) {
        source.change('w1', { name: `change ${change}` });
        harness.service.invalidate('w1');
        await harness.service.flush();
      }
      const about = (level: string) =>
        harness!.logger.entries.filter((e) => e.level === level && e.context?.workspaceId === 'w1');
      expect(about('error')).toHaveLength(1);
      expect(about('debug').map((e) => e.context?.repeats)).toEqual([1, 2, 3, 4]);
      source.onLoadWorkspace = () => undefined;
      harness.service.invalidate('w1');
      expect(await client.next()).toMatchObject({ type: 'upsert', seq: 1, snapshot: { name: 'change 4' } });
      expect(about('warn').map((e) => e.message)).toEqual([
        'loadWorkspace(w1) answers again; its reads had failed 5 times',
      ]);
      expect(about('error')).toHaveLength(1);
    },
  );

  it('logs a failure again when its cause changes, and for each workspace it hits', async () => {
    const source = new FakeSource([facts('w1'), facts('w2')]);
    harness = await startHarness(source);
    const client = harness.connect();
    await client.hello();
    let cause = 'disk full';
    source.onLoadWorkspace = () => Promise.reject(new Error(cause));
    for (const workspaceId of ['w1', 'w1', 'w2', 'w2']) {
      harness.service.invalidate(workspaceId);
      await harness.service.flush();
    }
    cause = 'connection refused';
    harness.service.invalidate('w1');
    await harness.service.flush();
    const errors = harness.logger.entries.filter((e) => e.level === 'error');
    expect(errors.map((e) => [e.context?.workspaceId, e.context?.error])).toEqual([
      ['w1', 'disk full'],
      ['w2', 'disk full'],
      ['w1', 'connection refused'],
    ]);
  });

  it('logs a reconciliation that cannot load the project once, however many passes fail, and its recovery', async () => {
    const source = new FakeSource([facts('w1'), facts('w2')]);
    harness = await startHarness(source);
    const client = harness.connect();
    await client.hello();
    source.onLoadProject = () => Promise.reject(new Error('database down'));
    source.change('w1', { name: 'changed while down' });
    for (let pass = 0; pass < 4; pass += 1) await harness.service.reconcile('p1');
    const logged = () => harness!.logger.entries.filter((e) => e.context?.projectId === 'p1' && e.level !== 'debug');
    expect(logged().map((e) => e.message)).toEqual(['reconciliation could not load the project; its snapshots stay']);
    expect(client.snapshots.get('w1')?.name).toBe('Workspace w1');
    source.onLoadProject = () => undefined;
    await harness.service.reconcile('p1');
    expect(await client.next()).toMatchObject({ type: 'upsert', snapshot: { name: 'changed while down' } });
    expect(logged().map((e) => e.message)).toEqual([
      'reconciliation could not load the project; its snapshots stay',
      'loadProject(p1) answers again; its reads had failed 4 times',
    ]);
  });

  it('answers a subscriber with 4503 when loadProject hangs past sourceTimeoutMs', async () => {
    const source = new FakeSource([facts('w1')]);
    source.onLoadProject = () => new Promise<never>(() => {});
    harness = await startHarness(source, { sourceTimeoutMs: 50 });
    const client = harness.connect();
    expect((await client.closed).code).toBe(4503);
  });
});

describe('git stats', () => {
  it('fills gitStats from loadGitStats, re-reading them only when asked to', async () => {
    const source = new FakeGitSource([
      facts('w1', 'p1', { gitStats: { total: 9, additions: 9, deletions: 9, hasUncommitted: true } }),
    ]);
    source.gitStats.set('w1', { total: 1, additions: 2, deletions: 3, hasUncommitted: false });
    harness = await startHarness(source, { gitConcurrency: 1 });
    const client = harness.connect();
    const hello = await client.hello();
    expect(!hello.resumed && hello.snapshots[0]?.gitStats).toEqual({
      total: 1,
      additions: 2,
      deletions: 3,
      hasUncommitted: false,
    });
    const calls = source.gitCalls;
    source.gitStats.set('w1', { total: 5, additions: 5, deletions: 5, hasUncommitted: false });
    source.change('w1', { name: 'renamed' });
    harness.service.invalidate('w1');
    const upsert = await client.next();
    expect(upsert).toMatchObject({ snapshot: { name: 'renamed', gitStats: { total: 1 } } });
    expect(source.gitCalls).toBe(calls);
    harness.service.invalidate('w1', { git: true });
    expect(await client.next()).toMatchObject({ snapshot: { gitStats: { total: 5 } } });
  });

  it('uses the facts’ own gitStats when the source has no loadGitStats', async () => {
    const stats = { total: 4, additions: 3, deletions: 1, hasUncommitted: true };
    const source = new FakeSource([facts('w1', 'p1', { gitStats: stats })]);
    harness = await startHarness(source);
    const hello = await harness.connect().hello();
    expect(!hello.resumed && hello.snapshots[0]?.gitStats).toEqual(stats);
  });
});

describe('invalidations nobody watches', () => {
  it('do not read the source while no project is loaded', async () => {
    const source = new FakeSource([facts('w1')]);
    harness = await startHarness(source);
    harness.service.invalidate('w1');
    await harness.service.flush();
    expect(source.workspaceCalls.size).toBe(0);
  });

  it('place a new workspace of a loaded project, and leave one of an unloaded project out', async () => {
    const source = new FakeSource([facts('w1', 'p1'), facts('x1', 'p2')]);
    harness = await startHarness(source);
    const client = harness.connect();
    await client.hello();
    source.put(facts('x2', 'p2'));
    harness.service.invalidate('x2');
    source.put(facts('w2', 'p1') as WorkspaceFacts);
    harness.service.invalidate('w2');
    expect(await client.next()).toMatchObject({ type: 'upsert', seq: 1, snapshot: { workspaceId: 'w2' } });
    expect(source.workspaceCalls.get('x2')).toHaveLength(1);
    expect(await harness.feed.state('p2')).toBeNull();
  });

  it('do not read the source when the caller names a project nobody watches', async () => {
    const source = new FakeSource([facts('w1', 'p1'), facts('x1', 'p2')]);
    harness = await startHarness(source);
    const client = harness.connect();
    await client.hello();
    source.change('x1', { name: 'renamed' });
    harness.service.invalidate('x1', { projectId: 'p2' });
    source.put(facts('w2', 'p1'));
    harness.service.invalidate('w2', { projectId: 'p1' });
    expect(await client.next()).toMatchObject({ type: 'upsert', seq: 1, snapshot: { workspaceId: 'w2' } });
    await harness.service.flush();
    expect(source.workspaceCalls.get('x1')).toBeUndefined();
  });

  it('still read a watched workspace that the caller says moved to a project nobody watches', async () => {
    const source = new FakeSource([facts('w1', 'p1'), facts('w2', 'p1')]);
    harness = await startHarness(source);
    const client = harness.connect();
    await client.hello();
    source.change('w1', { projectId: 'p2' });
    harness.service.invalidate('w1', { projectId: 'p2' });
    expect(await client.next()).toMatchObject({ type: 'remove', seq: 1, workspaceId: 'w1' });
  });
});

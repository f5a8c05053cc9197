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

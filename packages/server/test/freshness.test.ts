import type { WorkspaceFacts } from '@livesnap/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSource, facts, type Harness, startHarness, type TestClient, until } from './helpers.js';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

/** Makes the next `loadProject` answer what the source holds now, but only when `release` is called. */
function holdNextProjectRead(source: FakeSource): { release: () => void } {
  let release = () => {};
  const answer = source.projectNow('p1');
  source.onLoadProject = () => {
    source.onLoadProject = () => undefined;
    return new Promise((resolve) => {
      release = () => resolve(answer);
    });
  };
  return { release: () => release() };
}

async function rename(h: Harness, source: FakeSource, id: string, name: string): Promise<void> {
  source.change(id, { name });
  h.service.invalidate(id);
  await h.service.flush();
}

function versionsNeverGoBack(client: TestClient): void {
  const last = new Map<string, number>();
  for (const m of client.stream) {
    if (m.type !== 'upsert') continue;
    expect(m.snapshot.version).toBeGreaterThan(last.get(m.snapshot.workspaceId) ?? -1);
    last.set(m.snapshot.workspaceId, m.snapshot.version);
  }
}

describe('snapshots only move forward', () => {
  it('discards a reconciliation read that began before an applied event read', async () => {
    const source = new FakeSource([facts('w1'), facts('w2')]);
    harness = await startHarness(source);
    const client = harness.connect();
    await client.hello();
    source.change('w1', { name: 'stale' });
    const held = holdNextProjectRead(source);
    const reconciling = harness.service.reconcile();
    await rename(harness, source, 'w1', 'fresh');
    await client.reach(1);
    held.release();
    await reconciling;
    await rename(harness, source, 'w2', 'next');
    await client.reach(2);
    // seq 2 is the next change: the stale read sent nothing.
    expect(client.stream.map((m) => m.seq)).toEqual([1, 2]);
    expect(client.snapshots.get('w1')).toMatchObject({ name: 'fresh', version: 1 });
    versionsNeverGoBack(client);
  });

  it('never brings back a workspace removed after a read of it began', async () => {
    const source = new FakeSource([facts('w1'), facts('w2')]);
    harness = await startHarness(source);
    const client = harness.connect();
    await client.hello();
    const held = holdNextProjectRead(source);
    const reconciling = harness.service.reconcile();
    source.facts.delete('w2');
    harness.service.invalidate('w2');
    await harness.service.flush();
    await client.reach(1);
    held.release();
    await reconciling;
    await rename(harness, source, 'w1', 'next');
    await client.reach(2);
    expect(client.stream.map((m) => [m.type, m.seq])).toEqual([
      ['remove', 1],
      ['upsert', 2],
    ]);
    expect([...client.snapshots.keys()]).toEqual(['w1']);
  });

  it('discards a slow event read overtaken by a reconciliation that began after it', async () => {
    const source = new FakeSource([facts('w1'), facts('w2')]);
    harness = await startHarness(source);
    const client = harness.connect();
    await client.hello();
    let releaseSlow = () => {};
    source.change('w1', { name: 'old' });
    const old = { ...source.facts.get('w1')! };
    source.onLoadWorkspace = () => {
      source.onLoadWorkspace = () => undefined;
      return new Promise<WorkspaceFacts>((resolve) => {
        releaseSlow = () => resolve(old);
      });
    };
    harness.service.invalidate('w1');
    await new Promise<void>((resolve) => {
      const check = () => (source.workspaceCalls.get('w1')?.length ? resolve() : setImmediate(check));
      check();
    });
    source.change('w1', { name: 'new' });
    await harness.service.reconcile();
    await client.reach(1);
    releaseSlow();
    await harness.service.flush();
    await rename(harness, source, 'w2', 'next');
    await client.reach(2);
    expect(client.stream.map((m) => m.seq)).toEqual([1, 2]);
    expect(client.snapshots.get('w1')).toMatchObject({ name: 'new', source: 'reconciliation' });
    versionsNeverGoBack(client);
  });

  it('never brings back a workspace removed while its project is loaded for a first subscriber', async () => {
    const source = new FakeSource([facts('w1'), facts('w2')]);
    harness = await startHarness(source);
    // The load's read of the project sees w2; its answer is held back until after w2's removal is applied.
    const held = holdNextProjectRead(source);
    const client = harness.connect();
    await until(() => source.projectCalls === 1);
    source.facts.delete('w2');
    harness.service.invalidate('w2');
    await harness.service.flush();
    held.release();
    const hello = await client.hello();
    expect(hello.resumed).toBe(false);
    expect([...client.snapshots.keys()]).toEqual(['w1']);
    expect(await harness.feed.state('p1')).toMatchObject({ seq: 0, snapshots: [{ workspaceId: 'w1' }] });
  });
});

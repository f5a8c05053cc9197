// Protocol versions 1 and 2 on one project: the same numbered stream, written once per version (whole upserts for
// version 1, patches for version 2), a resume replayed in the version of the connection that asks, and the bytes a
// one-field change costs in each.
import type { ServerMessage, StreamMessage } from '@livesnap/protocol';
import { makeBusyFacts } from '@livesnap/protocol/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { divergence, FakeSource, type Harness, startHarness, type TestClient } from './helpers.js';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const v1 = { projectId: 'p1', protocol: '1' };
const v2 = { projectId: 'p1', protocol: '2' };

/** A workspace as a user sees one: a PR with passing checks, git stats, activity. */
const busy = (workspaceId: string) =>
  makeBusyFacts({ workspaceId, name: `Workspace ${workspaceId}`, branchName: `feature/${workspaceId}` });

const typesOf = (client: TestClient) => client.stream.map((m) => `${m.seq}:${m.type}`);

/** The frames of a client after its hello, as text. */
const streamFrames = (client: TestClient) =>
  client.frames.filter((frame) => !(JSON.parse(frame) as ServerMessage).type.startsWith('hello'));

describe('version 1 and version 2 clients of one project', () => {
  it('receive the same changes with identical seq: version 1 as upserts, version 2 as patches', async () => {
    const source = new FakeSource([busy('w1'), busy('w2')]);
    harness = await startHarness(source, { coalesceMs: 0 });
    const [one, two] = [harness.connect(v1), harness.connect(v2)];
    expect(await one.hello()).toMatchObject({ protocol: 1 });
    expect(await two.hello()).toMatchObject({ protocol: 2 });

    const changes: [string, () => void][] = [
      ['w1', () => source.change('w1', { isSessionWorking: true })],
      [
        'w2',
        () => source.change('w2', { gitStats: { total: 4, additions: 121, deletions: 14, hasUncommitted: true } }),
      ],
      ['w3', () => source.put(busy('w3'))],
      ['w3', () => source.change('w3', { name: 'renamed', prState: 'MERGED' })],
      ['w1', () => source.facts.delete('w1')],
      ['w1', () => source.put(busy('w1'))],
    ];
    for (const [id, change] of changes) {
      change();
      harness.service.invalidate(id);
      await harness.service.flush();
    }
    await Promise.all([one.reach(6), two.reach(6)]);
    expect(typesOf(one)).toEqual(['1:upsert', '2:upsert', '3:upsert', '4:upsert', '5:remove', '6:upsert']);
    // A workspace's first appearance (w3, and w1 after its removal) is an upsert in version 2 too.
    expect(typesOf(two)).toEqual(['1:patch', '2:patch', '3:upsert', '4:patch', '5:remove', '6:upsert']);
    for (const client of [one, two]) {
      expect(client.gaps).toEqual([]);
      expect(client.invalid).toEqual([]);
      expect(client.unbased).toEqual([]);
      expect(divergence(client.snapshots, source.facts.values(), 'p1')).toEqual([]);
    }
    // Both hold the very same snapshots, metadata included.
    expect(new Map(two.snapshots)).toEqual(new Map(one.snapshots));
    expect(two.stream[0]).toMatchObject({
      type: 'patch',
      workspaceId: 'w1',
      baseVersion: 0,
      version: 1,
      set: { isSessionWorking: true, isWorking: true, kanbanColumn: 'WORKING' },
    });
    expect(two.stream[1]).toMatchObject({ type: 'patch', baseVersion: 0, version: 2, set: { gitStats: { total: 4 } } });
    expect(Object.keys((two.stream[3] as Extract<StreamMessage, { type: 'patch' }>).set).sort()).toEqual(
      ['name', 'prState', 'flowPhase', 'sidebarStatus', 'kanbanColumn'].sort(),
    );
  });

  it('are sent one frame per version, the same bytes to every client of a version', async () => {
    const source = new FakeSource([busy('w1')]);
    harness = await startHarness(source, { coalesceMs: 0 });
    const clients = [harness.connect(v1), harness.connect(v2), harness.connect(v1), harness.connect(v2)];
    await Promise.all(clients.map((c) => c.hello()));
    for (const name of ['a', 'b', 'c']) {
      source.change('w1', { name });
      harness.service.invalidate('w1');
      await harness.service.flush();
    }
    await Promise.all(clients.map((c) => c.reach(3)));
    const [a1, a2, b1, b2] = clients.map(streamFrames);
    expect(b1).toEqual(a1);
    expect(b2).toEqual(a2);
    expect(a2).not.toEqual(a1);
  });

  it('resume in their own version: the missed messages are replayed as upserts to one, as patches to the other', async () => {
    const source = new FakeSource([busy('w1'), busy('w2')]);
    harness = await startHarness(source, { coalesceMs: 0 });
    const watchers = [harness.connect(v1), harness.connect(v2)];
    const { epoch } = await watchers[0]!.hello();
    await watchers[1]!.hello();
    const names = ['a', 'b', 'c', 'd'];
    for (const [i, name] of names.entries()) {
      source.change(i % 2 ? 'w2' : 'w1', { name });
      harness.service.invalidate(i % 2 ? 'w2' : 'w1');
      await harness.service.flush();
    }
    await Promise.all(watchers.map((w) => w.reach(4)));
    for (const [protocol, watcher] of [
      ['1', watchers[0]!],
      ['2', watchers[1]!],
    ] as const) {
      // The client held the state at seq 1 (taken from the watcher's stream, as a client that lost its connection).
      const resumed = harness.connect({ projectId: 'p1', protocol, epoch, seq: '1' });
      expect(await resumed.hello()).toEqual({
        type: 'hello',
        protocol: Number(protocol),
        projectId: 'p1',
        epoch,
        seq: 1,
        resumed: true,
      });
      await resumed.reach(4);
      expect(resumed.stream.map((m) => m.type)).toEqual(
        protocol === '1' ? ['upsert', 'upsert', 'upsert'] : ['patch', 'patch', 'patch'],
      );
      // Exactly the frames a client of that version received live.
      expect(streamFrames(resumed)).toEqual(streamFrames(watcher).slice(1));
    }
  });

  it('pay under 300 bytes in version 2 for a change of one fact and the three fields derived from it', async () => {
    const source = new FakeSource([busy('w1')]);
    harness = await startHarness(source, { coalesceMs: 0, now: () => Date.parse('2026-11-25T12:00:00.000Z') });
    const [one, two] = [harness.connect(v1), harness.connect(v2)];
    await Promise.all([one.hello(), two.hello()]);
    source.change('w1', { isSessionWorking: true });
    harness.service.invalidate('w1');
    await Promise.all([one.reach(1), two.reach(1)]);
    const [upsert, patch] = [one, two].map((c) => streamFrames(c)[0]!);
    const patched = JSON.parse(patch!) as Extract<StreamMessage, { type: 'patch' }>;
    expect(Object.keys(patched.set)).toEqual(['isSessionWorking', 'isWorking', 'sidebarStatus', 'kanbanColumn']);
    const bytes = { upsert: Buffer.byteLength(upsert!), patch: Buffer.byteLength(patch!) };
    expect(bytes.patch).toBeLessThan(300);
    // The same change in version 1: the whole snapshot, close to three times as many bytes.
    expect(bytes.upsert).toBeGreaterThan(2.5 * bytes.patch);
  });
});

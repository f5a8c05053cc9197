import { compareWorkspaces } from '@livesnap/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { divergence, FakeSource, facts, type Harness, startHarness } from './helpers.js';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

describe('the snapshot stream', () => {
  it('greets a new subscriber with a full hello of the project, sorted newest first', async () => {
    const source = new FakeSource([
      facts('w1', 'p1', { createdAt: '2026-11-25T10:00:00.000Z' }),
      facts('w2', 'p1', { createdAt: '2026-11-25T11:00:00.000Z' }),
      facts('w3', 'p1', { createdAt: '2026-11-25T10:00:00.000Z' }),
      facts('x1', 'p2'),
    ]);
    harness = await startHarness(source);
    const client = harness.connect();
    const hello = await client.hello();
    expect(hello).toMatchObject({ type: 'hello', protocol: 1, projectId: 'p1', seq: 0, resumed: false });
    if (hello.resumed) throw new Error('expected a full hello');
    expect(hello.snapshots.map((s) => s.workspaceId)).toEqual(['w2', 'w1', 'w3']);
    expect([...hello.snapshots].sort(compareWorkspaces)).toEqual(hello.snapshots);
    expect(hello.snapshots.every((s) => s.version === 0 && s.source === 'initial')).toBe(true);
    expect(client.messages).toHaveLength(1);
  });

  it('sends an upsert after an invalidation, with the seq as version and source "event"', async () => {
    const source = new FakeSource([facts('w1'), facts('w2')]);
    harness = await startHarness(source, { now: () => Date.parse('2026-11-25T12:00:00.000Z') });
    const client = harness.connect();
    await client.hello();
    source.change('w1', { name: 'renamed' });
    harness.service.invalidate('w1');
    const upsert = await client.next();
    expect(upsert).toMatchObject({
      type: 'upsert',
      seq: 1,
      snapshot: {
        workspaceId: 'w1',
        name: 'renamed',
        version: 1,
        source: 'event',
        computedAt: '2026-11-25T12:00:00.000Z',
      },
    });
  });

  it('sends a remove when the source no longer returns the workspace, and an upsert when one appears', async () => {
    const source = new FakeSource([facts('w1'), facts('w2')]);
    harness = await startHarness(source);
    const client = harness.connect();
    await client.hello();
    source.facts.delete('w1');
    harness.service.invalidate('w1');
    expect(await client.next()).toEqual({ type: 'remove', seq: 1, workspaceId: 'w1' });
    source.put(facts('w9'));
    harness.service.invalidate('w9');
    expect(await client.next()).toMatchObject({ type: 'upsert', seq: 2, snapshot: { workspaceId: 'w9', version: 2 } });
  });

  it('sends nothing when no visible field changed, and keeps the version', async () => {
    const source = new FakeSource([facts('w1'), facts('w2')]);
    harness = await startHarness(source);
    const client = harness.connect();
    await client.hello();
    harness.service.invalidate('w1');
    await harness.service.flush();
    expect(source.workspaceCalls.get('w1')).toHaveLength(1);
    source.change('w2', { name: 'changed' });
    harness.service.invalidate('w2');
    const next = await client.next();
    // Had the equal recompute of w1 sent anything, this would be seq 2 and not the first frame after the hello.
    expect(next).toMatchObject({ type: 'upsert', seq: 1, snapshot: { workspaceId: 'w2' } });
    expect(client.messages).toHaveLength(2);
    expect(client.snapshots.get('w1')?.version).toBe(0);
  });

  it('never sends a client of one project anything of another', async () => {
    const source = new FakeSource([facts('a1', 'pA'), facts('b1', 'pB')]);
    harness = await startHarness(source);
    const a = harness.connect({ projectId: 'pA', protocol: '1' });
    const b = harness.connect({ projectId: 'pB', protocol: '1' });
    await Promise.all([a.hello(), b.hello()]);
    for (let i = 0; i < 5; i++) {
      source.change('b1', { name: `b${i}` });
      harness.service.invalidate('b1');
      await harness.service.flush();
    }
    source.change('a1', { name: 'a-last' });
    harness.service.invalidate('a1');
    await a.waitFor((m) => m.type === 'upsert');
    await b.reach(5);
    expect(a.stream.map((m) => (m.type === 'upsert' ? m.snapshot.workspaceId : m.workspaceId))).toEqual(['a1']);
    expect(a.frames.some((f) => f.includes('"b1"') || f.includes('"pB"'))).toBe(false);
    expect(b.stream.every((m) => m.type === 'upsert' && m.snapshot.projectId === 'pB')).toBe(true);
  });

  it('keeps seq gap-free and identical for 3 clients across 1,000 random invalidations, ending in the source state', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `w${i}`);
    const source = new FakeSource(ids.map((id) => facts(id)));
    harness = await startHarness(source, { coalesceMs: 2 });
    const clients = [harness.connect(), harness.connect(), harness.connect()];
    await Promise.all(clients.map((c) => c.hello()));
    let seed = 42;
    // mulberry32: a small seeded generator, so that a failure replays.
    const random = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    for (let i = 0; i < 1000; i++) {
      const id = ids[random(ids.length)]!;
      const roll = random(10);
      if (roll === 0) source.facts.delete(id);
      else if (roll === 1 && !source.facts.has(id)) source.put(facts(id));
      else if (source.facts.has(id)) source.change(id, { name: `n${i}`, status: roll < 5 ? 'READY' : 'ARCHIVED' });
      harness.service.invalidate(id);
      if (i % 10 === 9) await harness.service.flush();
    }
    await harness.service.flush();
    const final = (await harness.feed.state('p1'))!;
    expect(final.seq).toBeGreaterThan(500);
    await Promise.all(clients.map((c) => c.reach(final.seq)));
    for (const client of clients) {
      expect(client.gaps).toEqual([]);
      expect(client.invalid).toEqual([]);
      expect(client.stream.map((m) => m.seq)).toEqual(Array.from({ length: final.seq }, (_, i) => i + 1));
      expect(divergence(client.snapshots, source.facts.values(), 'p1')).toEqual([]);
    }
    expect(clients[1]!.frames).toEqual(clients[0]!.frames);
    expect(clients[2]!.frames).toEqual(clients[0]!.frames);
  });

  it('lines up the hello and the stream for a client joining while changes are committed', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `w${i}`);
    const source = new FakeSource(ids.map((id) => facts(id)));
    harness = await startHarness(source, { coalesceMs: 1 });
    const first = harness.connect();
    await first.hello();
    const late = [];
    for (let i = 0; i < 300; i++) {
      const id = ids[i % ids.length]!;
      source.change(id, { name: `n${i}` });
      harness.service.invalidate(id);
      if (i % 30 === 0) late.push(harness.connect());
      if (i % 7 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await harness.service.flush();
    const final = (await harness.feed.state('p1'))!;
    for (const client of [first, ...late]) {
      await client.reach(final.seq);
      expect(client.gaps).toEqual([]);
      expect(client.stream.filter((m, i, all) => all.findIndex((n) => n.seq === m.seq) !== i)).toEqual([]);
      expect(divergence(client.snapshots, source.facts.values(), 'p1')).toEqual([]);
    }
  });
});

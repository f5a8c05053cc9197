import { afterEach, describe, expect, it } from 'vitest';
import { FakeSource, facts, factsState, type Harness, startHarness, visibleState } from './helpers.js';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

describe('coalescing under a storm', () => {
  it('turns 10,000 invalidations of 100 workspaces into at most one recompute per workspace per window', async () => {
    const coalesceMs = 50;
    const ids = Array.from({ length: 100 }, (_, i) => `w${i}`);
    const source = new FakeSource(ids.map((id) => facts(id)));
    harness = await startHarness(source, { coalesceMs });
    const client = harness.connect();
    await client.hello();
    const started = performance.now();
    for (let i = 0; i < 10_000; i++) {
      const id = ids[i % ids.length]!;
      source.change(id, { name: `n${i}` });
      harness.service.invalidate(id);
      if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
    }
    const stormMs = performance.now() - started;
    await harness.service.flush();
    const windows = Math.ceil(stormMs / coalesceMs);
    for (const id of ids) {
      const starts = source.workspaceCalls.get(id) ?? [];
      expect(starts.length).toBeGreaterThanOrEqual(1);
      // One run on the next tick, then at most one per window while the storm lasts.
      expect(starts.length).toBeLessThanOrEqual(windows + 1);
      // The source sees a start just after the coalescer took its time, later still if the thread was preempted in
      // between (2 cores, parallel test files); the exact spacing is proven on fake time in src/coalesce.test.ts.
      for (let i = 1; i < starts.length; i++)
        expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(coalesceMs - 10);
      expect(source.maxOverlap.get(id)).toBe(1);
    }
    const total = [...source.workspaceCalls.values()].reduce((sum, calls) => sum + calls.length, 0);
    expect(total).toBeLessThanOrEqual(100 * (windows + 1));
    const { seq } = (await harness.feed.state('p1'))!;
    await client.reach(seq);
    expect(client.gaps).toEqual([]);
    expect(visibleState(client.snapshots.values())).toEqual(factsState(source.facts.values(), 'p1'));
  });
});

// Coalescing under a storm, on manual time: the bound on recomputes is exact, whatever the machine's speed.
import { afterEach, describe, expect, it } from 'vitest';
import { divergence, FakeSource, facts, type Harness, manualScheduler, startHarness } from './helpers.js';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

describe('coalescing under a storm', () => {
  it('turns 10,000 invalidations of 100 workspaces over 100 ms into 3 recomputes each, 50 ms apart', async () => {
    const coalesceMs = 50;
    const clock = manualScheduler();
    const ids = Array.from({ length: 100 }, (_, i) => `w${i}`);
    const source = new FakeSource(ids.map((id) => facts(id)));
    source.clock = () => clock.now;
    harness = await startHarness(source, { coalesceMs, scheduler: clock.scheduler });
    const client = harness.connect();
    await client.hello();
    // Every millisecond from 0 to 99, each workspace changes and is invalidated.
    for (let t = 0; t < 100; t++) {
      await clock.advanceTo(t);
      for (const id of ids) {
        source.change(id, { name: `${id} at ${t}` });
        harness.service.invalidate(id);
      }
    }
    await clock.advanceTo(1_000);
    await harness.service.flush();
    for (const id of ids) {
      // The first request runs on the next tick; the rest merge into one run per window, the last one trailing.
      expect(source.workspaceCalls.get(id)).toEqual([0, 50, 100]);
      expect(source.maxOverlap.get(id)).toBe(1);
    }
    const { seq } = (await harness.feed.state('p1'))!;
    await client.reach(seq);
    expect(client.gaps).toEqual([]);
    expect(divergence(client.snapshots, source.facts.values(), 'p1')).toEqual([]);
  });
});

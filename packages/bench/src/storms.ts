// Row 3, storms: 10,000 invalidations of 100 workspaces within 1 s (every workspace renamed every 10 ms). Counts the
// recomputes (the source's workspace reads), the frames and bytes each client receives and the latency of the last
// change, against the ideal: one recompute (and one frame) per workspace per coalescing window.
import { connectClients } from './clients.js';
import { startLivesnapServer } from './livesnap-server.js';
import type { BenchGroup, BenchOptions, GroupResult } from './row.js';
import { instant } from './stats.js';

const WORKSPACES = 100;
const COALESCE_MS = 100;
const TICK_MS = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function run({ quick }: BenchOptions): Promise<GroupResult> {
  const ticks = quick ? 20 : 100;
  const clients = 10;
  const livesnap = await startLivesnapServer(WORKSPACES, { coalesceMs: COALESCE_MS });
  const receivers = await connectClients('light', livesnap.url, clients);

  // The same change without a storm: one rename of a quiet workspace.
  const quiet = (await receivers.watch('"quiet change"')).seen;
  const quietStarted = instant();
  livesnap.change(0, 'quiet change');
  const quietLatency = (await quiet) - quietStarted;
  await receivers.expect(1);
  const before = { recomputes: livesnap.recomputes, ...(await receivers.stats()) };
  await sleep(COALESCE_MS * 2);

  const finalName = `storm final ${WORKSPACES - 1}`;
  const last = (await receivers.watch(`"${finalName}"`)).seen;
  const stormStarted = instant();
  let lastChange = stormStarted;
  for (let tick = 0; tick < ticks; tick++) {
    const final = tick === ticks - 1;
    for (let i = 0; i < WORKSPACES; i++) {
      lastChange = instant();
      livesnap.change(i, final ? `storm final ${i}` : `storm ${tick} ${i}`);
    }
    // On time by the clock, not by each sleep: a loaded machine's 10 ms timers are late, and the storm must stay ~1 s.
    if (!final) await sleep(Math.max(0, stormStarted + (tick + 1) * TICK_MS - instant()));
  }
  const span = lastChange - stormStarted;
  const lastLatency = (await last) - lastChange;
  // Every trailing run has ended once the last workspace's final name arrived; wait out one window more for the others.
  await sleep(COALESCE_MS * 2);
  const after = { recomputes: livesnap.recomputes, ...(await receivers.stats()) };
  await receivers.close();
  await livesnap.close();

  const invalidations = ticks * WORKSPACES;
  // A run of a key starts at most once per window: one at the first request, then one per window, the last trailing.
  const windows = Math.ceil(span / COALESCE_MS) + 1;
  const ideal = WORKSPACES * windows;
  const recomputes = after.recomputes - before.recomputes;
  const frames = after.frames - before.frames;
  const bytes = after.bytes - before.bytes;
  const bytesPerUpsert = before.bytes > 0 ? bytes / Math.max(frames, 1) : 0;
  const storm = `${invalidations.toLocaleString('en-US')} invalidations of ${WORKSPACES} workspaces in ${(span / 1000).toFixed(2)} s`;
  const idealName = `ideal: 1 per workspace per ${COALESCE_MS} ms window (${windows} windows)`;
  return {
    rows: [
      {
        name: `storm: recomputes, ${storm}`,
        livesnap: recomputes,
        unit: '',
        baselineName: idealName,
        baseline: ideal,
        target: { text: '≤ 1 recompute per workspace per window', met: recomputes <= ideal },
      },
      {
        name: `storm: frames per client, ${storm}`,
        livesnap: frames,
        unit: '',
        baselineName: idealName,
        baseline: ideal,
      },
      {
        name: `storm: bytes per client (protocol v${receivers.protocol}), ${storm}`,
        livesnap: bytes,
        unit: 'B',
        baselineName: `${idealName}, each frame ${Math.round(bytesPerUpsert)} B (this run's mean)`,
        baseline: ideal * bytesPerUpsert,
      },
      {
        name: `storm: the last change → seen by all ${clients} clients (lightweight receivers), ${storm}`,
        livesnap: lastLatency,
        unit: 'ms',
        baselineName: 'one change without a storm, same clients',
        baseline: quietLatency,
      },
    ],
    details: {
      invalidations,
      spanMs: span,
      windows,
      ideal,
      recomputes,
      frames,
      bytes,
      lastLatency,
      quietLatency,
      clients,
    },
  };
}

export const stormsGroup: BenchGroup = {
  id: 'storms',
  title: 'Storms',
  measures: `10,000 invalidations of ${WORKSPACES} workspaces within about 1 s (every workspace renamed every ${TICK_MS} ms, each time a visible change), with the service's coalescing window at its default, ${COALESCE_MS} ms. Recomputes are the source's workspace reads; frames and bytes are what each of ${10} lightweight receivers got; the ideal is one recompute (and one frame) per workspace per window, counting the trailing one after the last invalidation. The last change's latency runs from its \`invalidate()\` to the frame with its name at every receiver, against the same change made on a quiet server.`,
  run,
};

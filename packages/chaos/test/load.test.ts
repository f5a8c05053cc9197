// Item 6 of RELIABILITY.md: load on a server process. Lightweight receivers for the bulk and real clients as a sample
// watch many projects while changes flow at a steady rate; afterwards every one holds exactly the server's state (its
// stream gap-free, or healed by a resync and counted), and the latency of each change to each receiver is reported.
import { afterEach, describe, expect, it } from 'vitest';
import { digestOfFacts } from '../src/digest.js';
import { Database } from '../src/model.js';
import { startClients, startReceivers } from '../src/peers.js';
import { killChildren, percentile } from '../src/processes.js';
import { startServer } from '../src/server-handle.js';
import { SIZES } from '../src/sizes.js';
import { every, within } from '../src/time.js';

const {
  receivers: receiverCount,
  realClients,
  projects: projectCount,
  workspaces,
  changesPerSecond,
  seconds,
} = SIZES.load;
const projects = Array.from({ length: projectCount }, (_, i) => `load${i}`);
const MiB = 1024 * 1024;

afterEach(killChildren);

describe('load', () => {
  it(`${receiverCount} receivers and ${realClients} real clients × ${changesPerSecond} changes/s × ${seconds} s: zero lost updates`, async () => {
    const db = new Database(projects, workspaces);
    const server = await startServer(
      // The defaults, but for the per-project cap: a load test puts more clients on a project than a team would.
      { port: 0, endpoint: { maxConnectionsPerProject: 10_000 } },
      db.facts.values(),
    );
    const url = server.url;
    const receivers = await startReceivers();
    const specs = Array.from({ length: receiverCount }, (_, i) => {
      const projectId = projects[i % projects.length]!;
      return { url: `${url}?projectId=${projectId}&protocol=1`, projectId };
    });
    expect(await receivers.connect(specs)).toBe(receiverCount);
    const clients = await startClients();
    await clients.connect(
      url,
      Array.from({ length: realClients }, (_, i) => projects[i % projects.length]!),
    );
    await server.sampleMemory(100);
    const before = await server.memory();
    const receiversCpuBefore = (await receivers.report()).cpuMicros;

    // Ticks of 10 ms, each with its share of the changes, spread over every project's workspaces.
    const perTick = changesPerSecond / 100;
    let made = 0;
    const startedAt = Date.now();
    const flow = every(10, seconds * 100, () => {
      const ops = [];
      for (let k = 0; k < perTick; k += 1, made += 1) {
        const projectId = projects[made % projects.length]!;
        ops.push(db.change(`${projectId}-w${Math.floor(made / projects.length) % workspaces}`));
      }
      server?.ops(ops);
    });
    await flow.done;
    const flowSeconds = (Date.now() - startedAt) / 1000;
    const elapsed = () => (Date.now() - startedAt) / 1000;
    const round = (n: number) => Math.round(n * 100) / 100;
    const targets = await server.targets(projects);
    for (const target of targets) expect(target.digest).toBe(digestOfFacts(db.project(target.projectId)));

    const settled = await within(60_000, Promise.all([receivers.converged(targets), clients.converged(targets)]));
    const { receivers: reports, latency, cpuMicros: receiversCpu } = await receivers.report();
    const sample = await clients.report();
    const memory = await server.memory();
    const figures = {
      changes: made,
      changesPerSecond: Math.round(made / flowSeconds),
      framesDelivered: reports.reduce((sum, r) => sum + r.frames, 0),
      latencyMs: {
        p50: percentile(latency, 0.5),
        p90: percentile(latency, 0.9),
        p99: percentile(latency, 0.99),
        max: percentile(latency, 1),
      },
      gapsHealed: reports.reduce((sum, r) => sum + r.gaps, 0) + sample.reduce((sum, c) => sum + c.stats.gaps, 0),
      settledAfterFlowMs: settled ? Math.max(...settled) - (startedAt + flowSeconds * 1000) : null,
      // Cores each process used while the changes flowed and settled: what limits the load on a 2-core machine.
      coresUsed: {
        server: round((memory.cpuMicros - before.cpuMicros) / 1e6 / elapsed()),
        receivers: round((receiversCpu - receiversCpuBefore) / 1e6 / elapsed()),
      },
      serverMiB: {
        rss: Math.round(memory.maxRss / MiB),
        heapGrowth: Math.round((memory.maxHeapUsed - before.heapUsed) / MiB),
      },
    };
    console.log(`[chaos] load: ${JSON.stringify(figures)}`);
    expect(settled).not.toBeNull();
    for (const report of reports) {
      const target = targets.find((t) => t.projectId === report.projectId)!;
      expect({ digest: report.digest, seq: report.seq, closeCode: report.closeCode }).toEqual({
        digest: target.digest,
        seq: target.seq,
        closeCode: null,
      });
    }
    for (const client of sample) {
      const target = targets.find((t) => t.projectId === client.projectId)!;
      expect({ status: client.status, digest: client.digest, seq: client.seq }).toEqual({
        status: 'open',
        digest: target.digest,
        seq: target.seq,
      });
    }
  });
});

// Item 2 of RELIABILITY.md: a client process frozen with SIGSTOP while thousands of changes flow. The server's memory
// stays bounded (RSS and heap sampled in its process), the frozen client is closed as a slow consumer (4409), the
// other clients' latency stays within 2× of the same run without it, and after SIGCONT the client resumes and
// converges.
import { afterEach, describe, expect, it } from 'vitest';
import { digestOfFacts } from '../src/digest.js';
import { Database } from '../src/model.js';
import { startClients, startReceivers } from '../src/peers.js';
import { killChildren, percentile } from '../src/processes.js';
import { type MemoryFigures, type ServerHandle, startServer } from '../src/server-handle.js';
import { SIZES } from '../src/sizes.js';
import { every } from '../src/time.js';

const { changes, changesPerSecond, receivers: receiverCount, workspaces } = SIZES.slowConsumer;
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** Each change carries this much more text, so that the frozen client's backlog outgrows the kernel's buffers. */
const PADDING = 4000;
const MiB = 1024 * 1024;

afterEach(killChildren);

/** Sends `count` changes at `changesPerSecond` (in ticks of 10 ms) and waits until the server applied them all. */
async function flow(db: Database, handle: ServerHandle, count: number): Promise<void> {
  const ids = db.workspaceIds('slow');
  const perTick = Math.max(1, Math.round(changesPerSecond / 100));
  let sent = 0;
  const ticks = every(10, Math.ceil(count / perTick), () => {
    const ops = [];
    for (let k = 0; k < perTick && sent < count; k += 1, sent += 1)
      ops.push(db.change(ids[sent % ids.length]!, PADDING));
    handle.ops(ops);
  });
  await ticks.done;
  await handle.flush();
}

/** Growth from `from` to the peaks of `to`, in MiB: RSS, heap, external. */
function growth(from: MemoryFigures, to: MemoryFigures) {
  const mib = (bytes: number) => Math.round((bytes / MiB) * 10) / 10;
  return {
    rss: mib(to.maxRss - from.rss),
    heap: mib(to.maxHeapUsed - from.heapUsed),
    external: mib(to.maxExternal - from.external),
  };
}

describe('a slow consumer', () => {
  it(`frozen with SIGSTOP through ${changes} changes: bounded server memory, 4409, others' latency within 2×, resumed after SIGCONT`, async () => {
    const db = new Database(['slow'], workspaces);
    const server = await startServer(
      { port: 0, service: { coalesceMs: 0 }, endpoint: { maxBufferedBytes: MAX_BUFFERED_BYTES } },
      db.facts.values(),
    );
    // Which phase each slow consumer was closed in: only the frozen client may be, and only while it is frozen.
    let phase = 'warm-up';
    const dropped: string[] = [];
    server.onEvent((event) => {
      if (event.type === 'log' && event.message === 'closing a slow consumer') dropped.push(phase);
    });
    const receivers = await startReceivers();
    const url = `${server.url}?projectId=slow&protocol=1`;
    const specs = Array.from({ length: receiverCount }, () => ({ url, projectId: 'slow' }));
    expect(await receivers.connect(specs)).toBe(receiverCount);

    // A warm-up (the JIT, the heap's first growth), then the same run without a frozen client: the others' latency
    // and the server's memory to compare with.
    await flow(db, server, Math.ceil(changes / 4));
    await receivers.resetLatency();
    phase = 'without the frozen client';
    const idle = await server.memory();
    await server.sampleMemory(50);
    await flow(db, server, changes);
    const unfrozen = await server.memory();
    const baseline = (await receivers.report()).latency;
    await receivers.resetLatency();

    const slow = await startClients();
    await slow.connect(server.url, ['slow']);
    slow.signal('SIGSTOP');
    phase = 'frozen';
    const before = await server.memory();
    await server.sampleMemory(50);
    await flow(db, server, changes);
    const during = await server.memory();
    const frozen = await receivers.report();

    const backlog = changes * (PADDING + 700);
    const figures = {
      backlogMiB: Math.round(backlog / MiB),
      latencyMs: {
        p50: [percentile(baseline, 0.5), percentile(frozen.latency, 0.5)],
        p99: [percentile(baseline, 0.99), percentile(frozen.latency, 0.99)],
      },
      growthMiB: { unfrozen: growth(idle, unfrozen), frozen: growth(before, during) },
      maxQueuedPerConnectionKiB: Math.round(during.maxQueuedPerConnection / 1024),
    };
    console.log(`[chaos] slow consumer: ${JSON.stringify(figures)}`);
    expect(dropped).toEqual(['frozen']);
    // Bounded: no connection, the frozen one included, ever held more than maxBufferedBytes and the frame that
    // crossed it (the check runs before each frame) queued in the server process, where the frozen client missed the
    // whole stream (the kernel's socket buffers, about 4 MiB here, take the first part of it). The process as a whole,
    // whose other readers a busy machine also slows, stays within the same run without it plus that much for each.
    expect(during.maxQueuedPerConnection).toBeLessThanOrEqual(MAX_BUFFERED_BYTES + 2 * (PADDING + 700));
    const perConnection = (receiverCount + 1) * MAX_BUFFERED_BYTES;
    expect(figures.growthMiB.frozen.rss * MiB).toBeLessThan(
      Math.max(0, figures.growthMiB.unfrozen.rss * MiB) + perConnection + 16 * MiB,
    );
    expect(figures.latencyMs.p50[1]!).toBeLessThanOrEqual(2 * Math.max(1, figures.latencyMs.p50[0]!));
    for (const receiver of frozen.receivers) {
      expect({ gaps: receiver.gaps, closeCode: receiver.closeCode }).toEqual({ gaps: 0, closeCode: null });
    }

    slow.signal('SIGCONT');
    const [target] = await server.targets(['slow']);
    await slow.converged([{ projectId: 'slow', digest: digestOfFacts(db.project('slow')) }]);
    const [report] = await slow.report();
    expect(report).toMatchObject({ status: 'open', epoch: target!.epoch, seq: target!.seq, digest: target!.digest });
    expect(report!.stats.reconnects).toBeGreaterThanOrEqual(1);
  });
});

// Row 7, initial load: a full hello of 5,000 workspaces. The server's time to send it to 200 clients (against raw `ws`
// sending the same bytes), its bytes on the wire, and what permessage-deflate would change: the bytes, and the server's
// CPU time and memory per connection to compress them (raw `ws` with and without it, in a child process).
import { deflateRawSync } from 'node:zlib';
import { startChild } from './child.js';
import { connectClients } from './clients.js';
import { startRawServer } from './floor-servers.js';
import { startLivesnapServer } from './livesnap-server.js';
import type { BenchGroup, BenchOptions, GroupResult, Row } from './row.js';
import { median } from './stats.js';

/** Ms until every one of `clients` had its hello from `url`, the median of `repeats` after a warm-up round. */
async function helloMs(url: string, clients: number, repeats: number): Promise<number> {
  const times: number[] = [];
  for (let round = 0; round <= repeats; round++) {
    const started = performance.now();
    const receivers = await connectClients('count', url, clients);
    if (round > 0) times.push(performance.now() - started);
    await receivers.close();
  }
  return median(times);
}

interface Usage {
  heap: number;
  external: number;
  cpuMs: number;
}

/** The cost of sending the hello to `clients` from a raw `ws` server with or without permessage-deflate. */
async function deflateCost(workspaces: number, clients: number) {
  const child = startChild(new URL('./memory.worker.ts', import.meta.url), { execArgv: ['--expose-gc'] });
  const cost: Record<'plain' | 'deflate', { cpuMsPerClient: number; bytesPerConnection: number }> = {
    plain: { cpuMsPerClient: 0, bytesPerConnection: 0 },
    deflate: { cpuMsPerClient: 0, bytesPerConnection: 0 },
  };
  for (const kind of ['plain', 'deflate'] as const) {
    const { url } = await child.ask<{ url: string }>(
      { type: 'listen', kind: 'raw', workspaces, perMessageDeflate: kind === 'deflate' },
      'listening',
    );
    const before = await child.ask<Usage>({ type: 'usage' }, 'usage');
    const receivers = await connectClients('count', url, clients);
    const after = await child.ask<Usage>({ type: 'usage' }, 'usage');
    await receivers.close();
    await child.ask({ type: 'close' }, 'closed');
    cost[kind] = {
      cpuMsPerClient: (after.cpuMs - before.cpuMs) / clients,
      // The heap and what V8 is told of outside it: Node reports zlib's memory there (the resident set is too noisy).
      bytesPerConnection: (after.heap + after.external - before.heap - before.external) / clients,
    };
  }
  child.stop();
  return cost;
}

async function run({ quick, repeats }: BenchOptions): Promise<GroupResult> {
  const workspaces = quick ? 500 : 5000;
  const clients = quick ? 20 : 200;
  const livesnap = await startLivesnapServer(workspaces);
  const hello = await livesnap.hello();
  const raw = await startRawServer(hello);
  const ours = await helloMs(livesnap.url, clients, repeats);
  const floor = await helloMs(raw.url, clients, repeats);
  await livesnap.close();
  await raw.close();
  const protocol = (JSON.parse(hello.toString()) as { protocol: number }).protocol;
  // What permessage-deflate sends, with `ws`'s defaults (zlib level 6, a 32 KiB window).
  const deflated = deflateRawSync(hello).length;
  const cost = await deflateCost(workspaces, clients);
  const rows: Row[] = [
    {
      name: `full hello of ${workspaces} workspaces to ${clients} clients, until each has it`,
      livesnap: ours,
      unit: 'ms',
      baselineName: 'raw ws sending the same bytes',
      baseline: floor,
    },
    {
      name: `hello of ${workspaces} workspaces on the wire with permessage-deflate (protocol v${protocol})`,
      livesnap: deflated,
      unit: 'B',
      baselineName: 'the same without (what the endpoint sends today)',
      baseline: hello.length,
    },
    {
      name: `permessage-deflate: server CPU to send that hello, per client (raw ws, ${clients} clients)`,
      livesnap: cost.deflate.cpuMsPerClient,
      unit: 'ms',
      baselineName: 'the same without permessage-deflate',
      baseline: cost.plain.cpuMsPerClient,
    },
    {
      name: `permessage-deflate: server memory per connection after that hello, heap + external (raw ws, ${clients} clients)`,
      livesnap: cost.deflate.bytesPerConnection,
      unit: 'B',
      baselineName: 'the same without permessage-deflate',
      baseline: cost.plain.bytesPerConnection,
    },
  ];
  return { rows, details: { workspaces, clients, helloBytes: hello.length, deflatedBytes: deflated, cost } };
}

export const initialLoadGroup: BenchGroup = {
  id: 'initial-load',
  title: 'Initial load',
  measures:
    "A full hello of 5,000 workspaces. *To 200 clients*: from opening 200 connections (receivers in a child process that count, parse nothing) until each has its hello, the median of 3 after a warm-up round, against raw `ws` sending the same bytes. *On the wire*: the hello's bytes, and what permessage-deflate would send (zlib's raw deflate with `ws`'s defaults: level 6, a 32 KiB window). The endpoint does not offer permessage-deflate today, so its cost is measured on raw `ws` with and without it (`perMessageDeflate: true`, in a child process): the server's CPU time to send the hello, per client, and the memory each connection keeps afterwards, after a collection: heap plus the external memory V8 is told of, where Node counts zlib's contexts (kept per connection, with context takeover). The client's time from that hello to a usable store is the client cost group's *full hello* row.",
  run,
};

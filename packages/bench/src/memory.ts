// Row 6, memory: the server's heap per workspace (10,000 loaded) and per idle connection (1,000 open), and the
// client's heap per workspace, each after a forced collection in a child process (memory.worker.ts).
import { startChild } from './child.js';
import { connectClients } from './clients.js';
import type { BenchGroup, BenchOptions, GroupResult, Row } from './row.js';

const KB = 1024;

async function run({ quick }: BenchOptions): Promise<GroupResult> {
  const workspaces = quick ? 1_000 : 10_000;
  const connections = quick ? 50 : 1_000;
  // One child for every figure: each is a difference of heaps after collections, so what ran before does not count.
  const child = startChild(new URL('./memory.worker.ts', import.meta.url), { execArgv: ['--expose-gc'] });
  const server = await child.ask<{ plain: number; service: number }>(
    { type: 'server-workspaces', count: workspaces },
    'server-workspaces',
  );

  const perConnection: Record<'livesnap' | 'raw', number> = { livesnap: 0, raw: 0 };
  for (const kind of ['livesnap', 'raw'] as const) {
    const { url } = await child.ask<{ url: string }>({ type: 'listen', kind, workspaces: 50 }, 'listening');
    const idle = (await child.ask<{ heap: number }>({ type: 'usage' }, 'usage')).heap;
    const clients = await connectClients('count', url, connections);
    const open = (await child.ask<{ heap: number }>({ type: 'usage' }, 'usage')).heap;
    await clients.close();
    await child.ask({ type: 'close' }, 'closed');
    perConnection[kind] = (open - idle) / connections;
  }

  const client = await child.ask<{ parsed: number; client: number }>(
    { type: 'client-workspaces', count: workspaces },
    'client-workspaces',
  );
  child.stop();

  const rows: Row[] = [
    {
      name: `server heap per workspace, ${workspaces.toLocaleString('en-US')} loaded (snapshots, store, replay log)`,
      livesnap: server.service,
      unit: 'B',
      baselineName: "the same workspaces' facts held as plain objects",
      baseline: server.plain,
      target: { text: '≤ 2 KB', met: server.service <= 2 * KB },
    },
    {
      name: `server heap per idle connection, ${connections.toLocaleString('en-US')} open`,
      livesnap: perConnection.livesnap,
      unit: 'B',
      baselineName: 'raw ws server, as many connections',
      baseline: perConnection.raw,
      target: { text: '≤ 64 KB', met: perConnection.livesnap <= 64 * KB },
    },
    {
      name: `client heap per workspace, a store of ${workspaces.toLocaleString('en-US')}`,
      livesnap: client.client,
      unit: 'B',
      baselineName: 'the same hello parsed (JSON.parse) and kept',
      baseline: client.parsed,
    },
  ];
  return { rows, details: { workspaces, connections, server, perConnection, client } };
}

export const memoryGroup: BenchGroup = {
  id: 'memory',
  title: 'Memory',
  measures:
    "V8 heap in use after two forced collections (`--expose-gc`), measured in a child process that holds nothing else. *Server per workspace*: a service that loaded a project of 10,000 workspaces (its store's snapshots, the serialized hello, the replay log), less the source's facts, which are the host's data; against those facts held as plain objects. *Server per idle connection*: 1,000 `ws` clients (in another child process) connected to the endpoint, each past its hello, against a raw `ws` server with as many (socket buffers outside the heap are not counted on either side). *Client per workspace*: a real client's store holding a hello of 10,000 workspaces, against the same hello parsed and kept.",
  run,
};

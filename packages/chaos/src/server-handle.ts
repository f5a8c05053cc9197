// The parent's side of a server process (server-process.ts): seeded from the tests' database, listening when told,
// changed over IPC; killed, frozen and thawed with signals.
import type { WorkspaceFacts } from '@livesnap/protocol';
import type { ProjectTarget } from './digest.js';
import type { SourceOp } from './model.js';
import { type ChildHandle, startChild } from './processes.js';
import type { ServerConfig, SourceFault } from './server-process.js';

export interface MemoryFigures {
  readonly rss: number;
  readonly heapUsed: number;
  readonly external: number;
  readonly maxRss: number;
  readonly maxHeapUsed: number;
  readonly maxExternal: number;
  /** The most bytes any one connection held queued in the process (its socket's `writableLength`) at a sample. */
  readonly maxQueuedPerConnection: number;
  /** CPU time the process has used so far (user and system), in microseconds. */
  readonly cpuMicros: number;
}

export interface ServerHandle extends ChildHandle {
  /** The port it listens on, once it listens. */
  port: number;
  url: string;
  /** Its `Date.now()` when it began to listen. */
  listeningAt: number;
  listen(): Promise<void>;
  ops(ops: SourceOp[]): void;
  flush(): Promise<void>;
  /**
   * Makes every read of a workspace fail this way from now on (null: read it as it is again); resolves with how many
   * reads the fault it replaces failed.
   */
  fault(workspaceId: string, fault: SourceFault | null): Promise<number>;
  /** One reconciliation pass over a project, awaited. */
  reconcile(projectId: string): Promise<void>;
  /** Every change applied: the epoch, seq and digest of each project it has loaded. */
  targets(projectIds: readonly string[]): Promise<ProjectTarget[]>;
  /** Now and the peaks since `sampleMemory`: RSS, the JS heap, and `external` (Buffers: what sockets queue). */
  memory(): Promise<MemoryFigures>;
  sampleMemory(everyMs: number): Promise<void>;
}

/** A server process seeded with `facts`, not yet listening. */
export async function prepareServer(config: ServerConfig, facts: Iterable<WorkspaceFacts>): Promise<ServerHandle> {
  const child = await startChild('./server-process.ts', { LIVESNAP_CHAOS_SERVER: JSON.stringify(config) });
  await child.request({ type: 'seed', facts: [...facts] });
  const handle: ServerHandle = {
    ...child,
    port: config.port,
    url: '',
    listeningAt: 0,
    async listen() {
      const answer = await child.request<{ type: string; port: number; at: number }>({ type: 'listen' });
      handle.port = answer.port;
      handle.url = `ws://127.0.0.1:${answer.port}/snapshots`;
      handle.listeningAt = answer.at;
    },
    ops: (ops) => child.send({ type: 'ops', ops }),
    flush: async () => {
      await child.request({ type: 'flush' });
    },
    fault: async (workspaceId, fault) =>
      (await child.request<{ type: string; reads: number }>({ type: 'fault', workspaceId, fault })).reads,
    reconcile: async (projectId) => {
      await child.request({ type: 'reconcile', projectId });
    },
    targets: async (projectIds) =>
      (await child.request<{ type: string; targets: ProjectTarget[] }>({ type: 'targets', projectIds })).targets,
    memory: async () => (await child.request({ type: 'memory' })) as never,
    sampleMemory: async (everyMs) => {
      await child.request({ type: 'sample-memory', everyMs });
    },
  };
  return handle;
}

/** A server process seeded with `facts`, listening. */
export async function startServer(config: ServerConfig, facts: Iterable<WorkspaceFacts>): Promise<ServerHandle> {
  const server = await prepareServer(config, facts);
  await server.listen();
  return server;
}

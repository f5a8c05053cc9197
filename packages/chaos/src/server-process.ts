// A snapshot server as a process of its own, for the chaos tests to kill, freeze and flood: the real service and
// endpoint on 127.0.0.1, over an in-memory copy of the tests' database that the parent seeds and changes over IPC.
// It loads everything first and listens only when told, so that a restart on the same port is as short as a real one.
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { WorkspaceFacts } from '@livesnap/protocol';
import {
  attachSnapshotEndpoint,
  createSnapshotService,
  type SnapshotEndpointOptions,
  type SnapshotServiceOptions,
  snapshotFeedOf,
} from '@livesnap/server';
import { digestOf } from './digest.js';
import { reply } from './ipc.js';
import type { SourceOp } from './model.js';

/** How the parent configures this process (JSON in LIVESNAP_CHAOS_SERVER). */
export interface ServerConfig {
  port: number;
  service?: Omit<SnapshotServiceOptions, 'source' | 'store' | 'logger' | 'scheduler' | 'now'>;
  endpoint?: Omit<SnapshotEndpointOptions, 'authorize' | 'allowedOrigins' | 'logger' | 'scheduler' | 'now'>;
  allowedOrigins?: string[];
  /** Token → the projects it may see; absent: everyone sees everything. */
  tokens?: Record<string, string[]>;
}

type Command =
  | { type: 'seed'; facts: WorkspaceFacts[]; id?: number }
  | { type: 'listen'; id?: number }
  | { type: 'ops'; ops: SourceOp[] }
  | { type: 'fault'; workspaceId: string; fault: SourceFault | null; id?: number }
  | { type: 'reconcile'; projectId: string; id?: number }
  | { type: 'flush'; id?: number }
  | { type: 'targets'; projectIds: string[]; id?: number }
  | { type: 'memory'; id?: number }
  | { type: 'sample-memory'; everyMs: number; id?: number };

/** How a workspace's reads fail when a test says so: the three faults of a data source the service must survive. */
export type SourceFault = 'throws' | 'hangs' | 'invalid';

const config = JSON.parse(process.env.LIVESNAP_CHAOS_SERVER ?? '{}') as ServerConfig;
const facts = new Map<string, WorkspaceFacts>();
const projects = new Set<string>();
/** Each failing workspace's fault, and how many reads it has failed so far. */
const faults = new Map<string, { fault: SourceFault; reads: number }>();

const source = {
  async loadProject(projectId: string) {
    if (!projects.has(projectId)) return null;
    return [...facts.values()].filter((f) => f.projectId === projectId);
  },
  async loadWorkspace(workspaceId: string) {
    const failing = faults.get(workspaceId);
    if (failing) failing.reads += 1;
    const fault = failing?.fault;
    if (fault === 'throws') throw new Error(`the database refused to read ${workspaceId}`);
    // Never settles: the service's sourceTimeoutMs must give up on it.
    if (fault === 'hangs') return new Promise<never>(() => {});
    // Facts that fail the schema (an unknown status), as a source with a bug or a migration half done would answer.
    if (fault === 'invalid') return { ...facts.get(workspaceId), status: 'HALF_MIGRATED' } as unknown as WorkspaceFacts;
    return facts.get(workspaceId) ?? null;
  },
};

const logger = {
  debug() {},
  info: (message: string, context?: object) => process.send?.({ type: 'log', level: 'info', message, context }),
  warn: (message: string, context?: object) => process.send?.({ type: 'log', level: 'warn', message, context }),
  error: (message: string, context?: object) => process.send?.({ type: 'log', level: 'error', message, context }),
};

const service = createSnapshotService({ source, logger, ...config.service });
const feed = snapshotFeedOf(service);
const http = createServer((_request, response) => response.writeHead(404).end());
const tokens = config.tokens;
attachSnapshotEndpoint(http, service, {
  logger,
  ...config.endpoint,
  ...(config.allowedOrigins ? { allowedOrigins: config.allowedOrigins } : {}),
  authorize: (request, projectId) => {
    if (!tokens) return true;
    const token = new URL(request.url ?? '/', 'http://x').searchParams.get('token');
    if (token === null || !(token in tokens)) return 401;
    return tokens[token]!.includes(projectId) ? { principal: token } : 403;
  },
});
service.start();

// Every TCP connection's end, with the client's port: how the half-open tests see the server drop a peer. And what
// each one holds queued in this process (its socket's `writableLength`, where `ws` writes every frame), sampled with
// the memory: the most any connection held is how a test sees a slow consumer's cost bounded.
const sockets = new Set<Socket>();
http.on('connection', (socket: Socket) => {
  const remotePort = socket.remotePort;
  sockets.add(socket);
  socket.on('close', () => {
    sockets.delete(socket);
    process.send?.({ type: 'socket-closed', remotePort, at: Date.now() });
  });
});

/** The peaks since sampling began: RSS, the JS heap, and memory outside it (Buffers: what sockets queue). */
let memory = { maxRss: 0, maxHeapUsed: 0, maxExternal: 0, maxQueuedPerConnection: 0 };
let sampler: NodeJS.Timeout | null = null;
function sample() {
  const { rss, heapUsed, external } = process.memoryUsage();
  let queued = 0;
  for (const socket of sockets) queued = Math.max(queued, socket.writableLength);
  memory = {
    maxRss: Math.max(memory.maxRss, rss),
    maxHeapUsed: Math.max(memory.maxHeapUsed, heapUsed),
    maxExternal: Math.max(memory.maxExternal, external),
    maxQueuedPerConnection: Math.max(memory.maxQueuedPerConnection, queued),
  };
  return { rss, heapUsed, external };
}

/** CPU time this process has used, user and system, in microseconds. */
function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

function apply(op: SourceOp): void {
  if (op.type === 'put') {
    projects.add(op.facts.projectId);
    facts.set(op.facts.workspaceId, op.facts);
    service.invalidate(op.facts.workspaceId, { projectId: op.facts.projectId });
  } else {
    facts.delete(op.workspaceId);
    service.invalidate(op.workspaceId, { projectId: op.projectId });
  }
}

process.on('message', async (command: Command) => {
  switch (command.type) {
    case 'seed':
      for (const f of command.facts) {
        projects.add(f.projectId);
        facts.set(f.workspaceId, f);
      }
      return reply(command, { type: 'seeded' });
    case 'listen':
      http.listen(config.port, '127.0.0.1', () => {
        reply(command, { type: 'listening', port: (http.address() as AddressInfo).port, at: Date.now() });
      });
      return;
    case 'ops':
      for (const op of command.ops) apply(op);
      return;
    case 'fault': {
      const reads = faults.get(command.workspaceId)?.reads ?? 0;
      if (command.fault === null) faults.delete(command.workspaceId);
      else faults.set(command.workspaceId, { fault: command.fault, reads: 0 });
      return reply(command, { type: 'faulted', reads });
    }
    case 'reconcile':
      await service.reconcile(command.projectId);
      return reply(command, { type: 'reconciled' });
    case 'flush':
      await service.flush();
      return reply(command, { type: 'flushed' });
    case 'targets': {
      await service.flush();
      const targets = [];
      for (const projectId of command.projectIds) {
        const state = await feed.state(projectId);
        if (state) targets.push({ projectId, epoch: state.epoch, seq: state.seq, digest: digestOf(state.snapshots) });
      }
      return reply(command, { type: 'targets', targets });
    }
    case 'memory':
      return reply(command, { type: 'memory', ...sample(), ...memory, cpuMicros: cpuMicros() });
    case 'sample-memory':
      if (sampler) clearInterval(sampler);
      memory = { maxRss: 0, maxHeapUsed: 0, maxExternal: 0, maxQueuedPerConnection: 0 };
      sample();
      sampler = setInterval(sample, command.everyMs);
      return reply(command, { type: 'sampling' });
  }
});
process.send?.({ type: 'ready' });

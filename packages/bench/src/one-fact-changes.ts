// The protocol rows of `pnpm bench`: what a change of one fact costs on the wire and in time in protocol version 2
// (patches) against version 1 (whole upserts) in the same run, and what a project's changes cost against polling it.
// Bytes are counted as the frames arrive at raw `ws` clients in this process; the time is this process's CPU time
// (server and clients alike, as client-state.ts does: on a shared machine, other processes' work does not count).
import { createServer } from 'node:http';
import type { ProtocolVersion, WorkspaceFacts } from '@livesnap/protocol';
import { makeBusyFacts } from '@livesnap/protocol/testing';
import { attachSnapshotEndpoint, createSnapshotService, type SnapshotSource, snapshotFeedOf } from '@livesnap/server';
import { WebSocket } from 'ws';
import { listen, quiet } from './livesnap-server.js';
import type { BenchGroup, BenchOptions, Row } from './row.js';
import { median } from './stats.js';

/** The project of the goal: 50 workspaces, as a user sees them (a PR, checks, git stats, activity). */
const WORKSPACES = 50;
/** Polling's interval in the comparison (the issue's: every 2 s, the whole project). */
const POLL_SECONDS = 2;

function workspaces(): Map<string, WorkspaceFacts> {
  return new Map(
    Array.from({ length: WORKSPACES }, (_, i) => {
      const f = makeBusyFacts({
        workspaceId: `w${i}`,
        name: `Workspace ${i}`,
        branchName: `feature/w${i}`,
        prUrl: `https://github.com/acme/app/pull/${100 + i}`,
        prNumber: 100 + i,
      });
      return [f.workspaceId, f] as const;
    }),
  );
}

async function startServer() {
  const held = workspaces();
  const source: SnapshotSource = {
    loadProject: async (projectId) => (projectId === 'p1' ? [...held.values()] : null),
    loadWorkspace: async (workspaceId) => held.get(workspaceId) ?? null,
  };
  const service = createSnapshotService({ source, logger: quiet, coalesceMs: 0 });
  const http = createServer();
  const endpoint = attachSnapshotEndpoint(http, service, { logger: quiet });
  const url = `${await listen(http)}/snapshots?projectId=p1`;
  const feed = snapshotFeedOf(service);
  const subscription = await feed.subscribe('p1');
  let changes = 0;
  return {
    url,
    /** The JSON of the whole project, as a polling endpoint would answer it (the body alone). */
    async projectBytes(): Promise<number> {
      const state = (await feed.state('p1'))!;
      return Buffer.byteLength(JSON.stringify(state.snapshots));
    },
    /** One fact: an agent starts or ends a turn (which also changes three derived fields), committed on its own. */
    async change() {
      const f = held.get(`w${changes++ % WORKSPACES}`)!;
      held.set(f.workspaceId, { ...f, isSessionWorking: !f.isSessionWorking });
      service.invalidate(f.workspaceId);
      await service.flush();
    },
    async close() {
      subscription?.release();
      await endpoint.close();
      await service.stop();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** `changes` one-fact changes to `clients` raw sockets of `version`: CPU µs a change until all have them, one's bytes. */
async function deliver(
  server: Awaited<ReturnType<typeof startServer>>,
  version: ProtocolVersion,
  clients: number,
  changes: number,
) {
  let waiting = clients;
  let onAll = () => {};
  const allReceived = new Promise<void>((resolve) => {
    onAll = resolve;
  });
  let bytes = 0;
  const sockets = await Promise.all(
    Array.from({ length: clients }, (_, i) => {
      const socket = new WebSocket(`${server.url}&protocol=${version}`);
      let messages = -1; // the hello
      return new Promise<WebSocket>((resolve, reject) => {
        socket.on('error', reject);
        socket.on('message', (data: Buffer) => {
          messages += 1;
          if (messages === 0) return resolve(socket);
          if (i === 0) bytes += data.length;
          if (messages === changes && --waiting === 0) onAll();
        });
      });
    }),
  );
  const started = process.cpuUsage();
  for (let i = 0; i < changes; i++) await server.change();
  await allReceived;
  const { user, system } = process.cpuUsage(started);
  for (const socket of sockets) socket.terminate();
  return { micros: (user + system) / changes, bytes };
}

async function oneFactRows(options: BenchOptions): Promise<Row[]> {
  const changes = options.quick ? 50 : 500;
  const clients = options.quick ? 5 : 50;
  const server = await startServer();
  try {
    const bytes = { 1: 0, 2: 0 };
    const times = { 1: [] as number[], 2: [] as number[] };
    // Round 0 warms up and is not timed; the bytes are the same every round.
    for (let repeat = 0; repeat <= options.repeats; repeat++) {
      for (const version of [1, 2] as const) {
        const run = await deliver(server, version, clients, changes);
        bytes[version] = run.bytes;
        if (repeat > 0) times[version].push(run.micros);
      }
    }
    const polled = (await server.projectBytes()) / POLL_SECONDS;
    const what = 'one-fact changes (isSessionWorking, and three derived fields with it)';
    return [
      {
        name: `bytes on the wire for ${changes} ${what}, protocol 2 (patches): ${(bytes[2] / changes).toFixed(0)} B a change`,
        livesnap: bytes[2],
        baselineName: `protocol 1 (whole upserts): ${(bytes[1] / changes).toFixed(0)} B a change`,
        baseline: bytes[1],
        unit: 'B',
      },
      {
        name: `CPU time of one of ${changes} ${what}, to ${clients} clients, protocol 2`,
        livesnap: median(times[2]),
        baselineName: 'the same in protocol 1',
        baseline: median(times[1]),
        unit: 'µs',
      },
      ...([2, 1] as const).map((version) => ({
        name: `bytes per second of a ${WORKSPACES}-workspace project at 1 one-fact change/s, protocol ${version}`,
        livesnap: bytes[version] / changes,
        baselineName: `polling the whole project every ${POLL_SECONDS} s (JSON bodies only, no HTTP headers)`,
        baseline: polled,
        unit: 'B/s',
      })),
    ];
  } finally {
    await server.close();
  }
}

export const oneFactGroup: BenchGroup = {
  id: 'one-fact',
  title: 'One fact changed: protocol 2 (patches) against protocol 1 (whole upserts)',
  measures:
    'A change of one fact (`isSessionWorking`, and the three fields derived from it) sent to real sockets that ask ' +
    'for protocol 2 and for protocol 1: the bytes on the wire, the server CPU time per change, and the bytes per ' +
    'second at one change a second against polling the whole project every 2 s.',
  run: async (options) => ({ rows: await oneFactRows(options) }),
};

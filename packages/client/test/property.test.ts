// Property: whatever the network and the server do (lost, duplicated, late and invalid frames, disconnects, restarts,
// silent peers), once the stream quiesces the client holds exactly the server's state. Against the mock, each run is
// made in protocol version 2 (a server of this release: patches) and in version 1 (a version-1-only server, which the
// client falls back to at its first connection and after every 1001: whole upserts).
//
// Runs: LIVESNAP_PROPERTY_RUNS (default 1,000) against the in-process fake socket on fake time,
// LIVESNAP_PROPERTY_WS_RUNS (default 50) over real sockets, and LIVESNAP_PROPERTY_REAL_RUNS (default 20) against the
// real @livesnap/server, which the mock server given the same changes must agree with. The long run:
// LIVESNAP_PROPERTY_RUNS=10000.
import {
  type ProtocolVersion,
  visibleFieldsEqual,
  type WorkspaceFacts,
  type WorkspaceSnapshot,
} from '@livesnap/protocol';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { createSnapshotClient, type SnapshotClient, type SnapshotClientState } from '../src/index.js';
import { MockSnapshotServer, waitForState } from '../src/testing/index.js';
import { createMockSnapshotServer } from '../src/testing/node.js';
import { RealSnapshotServer } from './real-server.js';
import { facts, settle } from './support.js';

const RUNS = Number(process.env.LIVESNAP_PROPERTY_RUNS ?? 1_000);
const WS_RUNS = Number(process.env.LIVESNAP_PROPERTY_WS_RUNS ?? 50);
const REAL_RUNS = Number(process.env.LIVESNAP_PROPERTY_REAL_RUNS ?? 20);

type Change = { type: 'upsert'; id: string; variant: number } | { type: 'remove'; id: string };

type Command =
  | Change
  | { type: 'batch'; changes: Change[] }
  /** The next stream frame is lost on the way (it stays in the replay log). */
  | { type: 'lose' }
  | { type: 'duplicate' }
  /** A frame from earlier in the log arrives late (out of order). */
  | { type: 'late'; pick: number }
  | { type: 'stale'; id: string }
  | { type: 'garbage' }
  | { type: 'drop'; code: 1001 | 1006 | 1011 | 4409 | 4503 }
  | { type: 'restart'; keepConnections: boolean }
  | { type: 'silence' }
  | { type: 'resync' }
  | { type: 'wait'; ms: number };

const ids = fc.constantFrom('w0', 'w1', 'w2', 'w3', 'w4', 'w5');
const change: fc.Arbitrary<Change> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ type: fc.constant('upsert' as const), id: ids, variant: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('remove' as const), id: ids }) },
);

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 8, arbitrary: change },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('batch' as const),
      changes: fc.array(change, { minLength: 1, maxLength: 4 }),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ type: 'lose' as const }) },
  { weight: 1, arbitrary: fc.constant({ type: 'duplicate' as const }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('late' as const), pick: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('stale' as const), id: ids }) },
  { weight: 1, arbitrary: fc.constant({ type: 'garbage' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('drop' as const), code: fc.constantFrom(1001, 1006, 1011, 4409, 4503) }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('restart' as const), keepConnections: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ type: 'silence' as const }) },
  { weight: 1, arbitrary: fc.constant({ type: 'resync' as const }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 12_000 }) }) },
);

const scenario = fc.record({
  initial: fc.uniqueArray(ids, { maxLength: 4 }),
  commands: fc.array(command, { maxLength: 40, size: 'max' }),
});

const STATUSES: WorkspaceFacts['status'][] = ['NEW', 'READY', 'READY', 'FAILED', 'ARCHIVED', 'READY'];

function variantFacts(id: string, variant: number): WorkspaceFacts {
  return facts(id, {
    name: `${id} v${variant}`,
    status: STATUSES[variant % STATUSES.length] ?? 'READY',
    hasHadSessions: variant % 2 === 0,
    createdAt: `2026-11-25T10:0${variant % 10}:00.000Z`,
  });
}

function applyChange(server: MockSnapshotServer, c: Change) {
  if (c.type === 'upsert') server.upsert(variantFacts(c.id, c.variant));
  else server.remove(c.id);
}

/** Runs one command against the server (or the client, for `resync`); `wait` is the caller's. */
function run(server: MockSnapshotServer, client: SnapshotClient, c: Command) {
  switch (c.type) {
    case 'upsert':
    case 'remove':
      return applyChange(server, c);
    case 'batch':
      server.batch(() => {
        for (const each of c.changes) applyChange(server, each);
      });
      return;
    case 'lose':
      return server.loseNext();
    case 'duplicate':
      if (server.log.length > 0) server.duplicateLast();
      return;
    case 'late': {
      const message = server.log[c.pick % Math.max(1, server.log.length)];
      if (message !== undefined) server.resend(message.seq);
      return;
    }
    case 'stale':
      if (server.workspaces.has(c.id)) server.sendStale(c.id);
      return;
    case 'garbage':
      return server.sendRaw('{"type":"upsert","seq":"not a number"}');
    case 'drop':
      return server.drop(c.code);
    case 'restart':
      return server.restart({ closeCode: c.keepConnections ? null : 1006 });
    case 'silence':
      return server.silence();
    case 'resync':
      return client.resync();
    case 'wait':
      return;
  }
}

/** The mock server of a run in `version`: one of this release, or one that speaks version 1 alone. */
function mockServer(version: ProtocolVersion, initial: readonly string[]): MockSnapshotServer {
  const workspaces = initial.map((id) => variantFacts(id, 0));
  return new MockSnapshotServer({ workspaces, protocols: version === 2 ? [1, 2] : [1] });
}

/**
 * The client holds exactly the server's state: same epoch and seq, same workspaces with the same visible fields, on a
 * connection of the version the run is in.
 */
function agreement(state: SnapshotClientState, server: MockSnapshotServer, version: ProtocolVersion): string | null {
  if (state.status !== 'open') return `status ${state.status}`;
  const protocol = server.openConnections.at(-1)?.protocol;
  if (protocol !== version) return `on a connection of version ${String(protocol)}`;
  if (state.epoch !== server.epoch || state.seq !== server.seq) {
    return `at ${state.epoch}/${state.seq}, server at ${server.epoch}/${server.seq}`;
  }
  return workspacesDiffer(state.workspaces, server.workspaces);
}

/** Why `held` is not `expected` (the same ids, each with the same visible fields), or null. */
function workspacesDiffer(
  held: ReadonlyMap<string, WorkspaceSnapshot>,
  expected: ReadonlyMap<string, WorkspaceSnapshot>,
): string | null {
  const heldIds = [...held.keys()].sort().join(',');
  const wanted = [...expected.keys()].sort().join(',');
  if (heldIds !== wanted) return `holds [${heldIds}], expected [${wanted}]`;
  for (const [id, snapshot] of expected) {
    const mine = held.get(id);
    if (mine === undefined || !visibleFieldsEqual(mine, snapshot)) return `workspace ${id} differs`;
  }
  return null;
}

/**
 * Runs one command against the real server and, for the changes, against the mock too. The faults only the mock can
 * script (lost, duplicated, late, stale and invalid frames, silent peers) are not the real server's to make.
 */
async function runOnReal(real: RealSnapshotServer, mock: MockSnapshotServer, client: SnapshotClient, c: Command) {
  const change = (each: Change) => {
    if (each.type === 'upsert') real.put(variantFacts(each.id, each.variant));
    else real.delete(each.id);
    applyChange(mock, each);
  };
  switch (c.type) {
    case 'upsert':
    case 'remove':
      return change(c);
    case 'batch':
      mock.batch(() => {
        for (const each of c.changes) change(each);
      });
      return;
    case 'drop':
      return real.restartEndpoint();
    case 'restart':
      mock.restart({ closeCode: c.keepConnections ? null : 1006 });
      return real.restartService();
    case 'resync':
      return client.resync();
    case 'wait':
      return new Promise((resolve) => setTimeout(resolve, c.ms % 30));
    default:
      return;
  }
}

/** A client over real sockets (`ws`) with short delays, so that a scenario runs in milliseconds. */
function socketClient(url: string, heartbeat: { intervalMs: number; timeoutMs: number }): SnapshotClient {
  return createSnapshotClient({
    url,
    projectId: 'p1',
    WebSocket,
    reconnect: { minDelayMs: 1, maxDelayMs: 20 },
    heartbeat,
  });
}

/** Resolves once `problem` finds none in the client's state; fails after 5 s, saying the one left. */
async function converge(client: SnapshotClient, problem: (state: SnapshotClientState) => string | null) {
  let deadline: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    deadline = setTimeout(
      () => reject(new Error(`did not converge within 5 s: ${problem(client.store.getState())}`)),
      5_000,
    );
  });
  try {
    await Promise.race([waitForState(client.store, (state) => problem(state) === null), timedOut]);
  } finally {
    clearTimeout(deadline);
  }
}

describe('the client converges on the server state', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([2, 1] as const)(
    `in-process fake socket on fake time, version %i (${RUNS} runs)`,
    {
      timeout: 600_000,
    },
    async (version) => {
      vi.useFakeTimers();
      await fc.assert(
        fc.asyncProperty(scenario, async ({ initial, commands }) => {
          const server = mockServer(version, initial);
          const client = createSnapshotClient({
            url: 'ws://mock.test/snapshots',
            projectId: 'p1',
            WebSocket: server.WebSocket,
          });
          try {
            await settle();
            for (const c of commands) {
              run(server, client, c);
              if (c.type === 'wait') await vi.advanceTimersByTimeAsync(c.ms);
              else await settle();
            }
            // The stream goes on: a lost frame is noticed by the next one (or by the next disconnect).
            server.heal();
            server.upsert(variantFacts('w0', 9));
            await vi.advanceTimersByTimeAsync(60_000);
            const problem = agreement(client.store.getState(), server, version);
            if (problem !== null) throw new Error(`did not converge: ${problem}`);
          } finally {
            client.close();
            await settle();
          }
          expect(vi.getTimerCount()).toBe(0);
        }),
        { numRuns: RUNS },
      );
    },
  );

  it.each([2, 1] as const)(
    `over real sockets, version %i (${WS_RUNS} runs)`,
    {
      timeout: 600_000,
    },
    async (version) => {
      await fc.assert(
        fc.asyncProperty(scenario, async ({ initial, commands }) => {
          const server = mockServer(version, initial);
          const node = await createMockSnapshotServer(server);
          const client = socketClient(node.url, { intervalMs: 20, timeoutMs: 40 });
          try {
            for (const c of commands) {
              run(server, client, c);
              // Real sockets run on real time: a `wait` lets up to 30 ms pass (the client may reconnect and catch up
              // meanwhile), any other command lets pending socket I/O run first.
              if (c.type === 'wait') await new Promise((resolve) => setTimeout(resolve, c.ms % 30));
              else await new Promise((resolve) => setImmediate(resolve));
            }
            server.heal();
            server.upsert(variantFacts('w0', 9));
            await converge(client, (state) => agreement(state, server, version));
          } finally {
            client.close();
            await node.close();
          }
        }),
        { numRuns: WS_RUNS },
      );
    },
  );

  it(`against the real @livesnap/server, with which the mock agrees (${REAL_RUNS} runs)`, {
    timeout: 600_000,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ initial, commands }) => {
        const start = initial.map((id) => variantFacts(id, 0));
        const real = await RealSnapshotServer.start('p1', start);
        const mock = new MockSnapshotServer({ workspaces: start });
        // The server drops a client that sends more than 20 frames a second: ping 5 times a second at most.
        const client = socketClient(real.url, { intervalMs: 200, timeoutMs: 400 });
        try {
          for (const c of commands) {
            await runOnReal(real, mock, client, c);
            await new Promise((resolve) => setImmediate(resolve));
          }
          await real.flush();
          await converge(client, (state) =>
            state.status === 'open' ? workspacesDiffer(state.workspaces, real.workspaces) : `status ${state.status}`,
          );
          const drift = workspacesDiffer(mock.workspaces, real.workspaces);
          if (drift !== null) throw new Error(`the mock server, given the same changes, drifted: ${drift}`);
        } finally {
          client.close();
          await real.close();
        }
      }),
      { numRuns: REAL_RUNS },
    );
  });
});

// The client's rows of `pnpm bench`: what one change, and a project's full hello, cost a real client (decode,
// validation, sequencing, store) as the project grows, each against the same with 50 workspaces in the same run.
// Frames are serialized before the clock starts and sent on the mock server's in-process socket, so the rows time the
// client alone, in this process's CPU time: on a shared machine, other processes' work does not count.
import { createSnapshotClient, createSnapshotSelectors, type SnapshotClient } from '@livesnap/client';
import { MockSnapshotServer, waitForState } from '@livesnap/client/testing';
import {
  type FullHelloMessage,
  PROTOCOL_VERSION,
  type UpsertMessage,
  type WorkspaceSnapshot,
} from '@livesnap/protocol';
import { makeSnapshot } from '@livesnap/protocol/testing';
import type { BenchGroup, Row } from './row.js';
import { median } from './stats.js';

const SMALL = 50;

/** This process's CPU time (user and system), in µs: the client's work is all in this process, on this thread. */
function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** Workspace `i` of a project: created one second after workspace `i - 1`, waiting on the board. */
function snapshot(i: number, changes: Partial<WorkspaceSnapshot> = {}, version = 0): WorkspaceSnapshot {
  return makeSnapshot(
    {
      workspaceId: `w${i}`,
      projectId: 'p1',
      name: `Workspace ${i}`,
      hasHadSessions: true,
      createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
      ...changes,
    },
    { version },
  );
}

function helloFrame(count: number): string {
  const hello: FullHelloMessage = {
    type: 'hello',
    protocol: PROTOCOL_VERSION,
    projectId: 'p1',
    epoch: 'e1',
    seq: 0,
    resumed: false,
    snapshots: Array.from({ length: count }, (_, i) => snapshot(i)),
  };
  return JSON.stringify(hello);
}

/**
 * `count` upserts of workspaces spread over the project: each renames one, and every other one also starts or stops
 * its session, which moves its card between the board's WAITING and WORKING columns.
 */
function upsertFrames(workspaces: number, count: number): string[] {
  return Array.from({ length: count }, (_, k) => {
    const seq = k + 1;
    const message: UpsertMessage = {
      type: 'upsert',
      seq,
      snapshot: snapshot((k * 7919) % workspaces, { name: `changed ${k}`, isSessionWorking: k % 4 === 1 }, seq),
    };
    return JSON.stringify(message);
  });
}

/** A client of a fresh mock server whose hello is withheld, and the connection to send it frames on. */
async function connectedClient(): Promise<{ client: SnapshotClient; send: (frame: string) => void }> {
  const server = new MockSnapshotServer();
  server.withholdHello();
  const connection = server.nextConnection();
  const client = createSnapshotClient({ url: 'ws://mock/snapshots', projectId: 'p1', WebSocket: server.WebSocket });
  const { sendRaw } = await connection;
  return { client, send: sendRaw };
}

/** CPU µs per workspace from sending a full hello until the store is open with it. */
async function helloToStore(hello: string, workspaces: number): Promise<number> {
  const { client, send } = await connectedClient();
  const started = cpuMicros();
  send(hello);
  await waitForState(client.store, (s) => s.status === 'open');
  const elapsed = cpuMicros() - started;
  client.close();
  return elapsed / workspaces;
}

/** CPU µs per upsert, with the list, sidebar and board read after each change when `withSelectors`. */
async function applyUpserts(hello: string, frames: readonly string[], withSelectors: boolean): Promise<number> {
  const { client, send } = await connectedClient();
  send(hello);
  await waitForState(client.store, (s) => s.status === 'open');
  if (withSelectors) {
    // What a UI reads after each change.
    const selectors = createSnapshotSelectors();
    client.store.subscribe((state) => {
      selectors.selectWorkspaceList(state);
      selectors.selectSidebar(state);
      selectors.selectKanbanColumns(state);
    });
  }
  const started = cpuMicros();
  for (const frame of frames) send(frame);
  await waitForState(client.store, (s) => s.seq === frames.length);
  const elapsed = cpuMicros() - started;
  client.close();
  return elapsed / frames.length;
}

/** Runs `measure` for 50 workspaces and for `size`, alternately, `repeats` times after a warm-up round. */
async function against50(
  sizes: readonly number[],
  repeats: number,
  measure: (workspaces: number) => Promise<number>,
): Promise<Map<number, number>> {
  const runs = new Map<number, number[]>([SMALL, ...sizes].map((size) => [size, []]));
  for (let repeat = 0; repeat <= repeats; repeat++) {
    for (const [size, values] of runs) {
      const value = await measure(size);
      if (repeat > 0) values.push(value);
    }
  }
  return new Map([...runs].map(([size, values]) => [size, median(values)]));
}

export async function clientStateRows(options: { quick: boolean; repeats: number }): Promise<Row[]> {
  const sizes = options.quick ? [500, 5_000] : [5_000, 50_000];
  const upserts = options.quick ? 200 : 1_000;
  const hellos = new Map([SMALL, ...sizes].map((size) => [size, helloFrame(size)]));
  const frames = new Map([SMALL, ...sizes].map((size) => [size, upsertFrames(size, upserts)]));
  const rows: Row[] = [];
  const baselineName = `the same with ${SMALL} workspaces`;
  // The client's code runs cold at first (tens of µs a frame more): warm it up once for every row.
  await applyUpserts(hellos.get(SMALL)!, upsertFrames(SMALL, 3_000), true);

  for (const withSelectors of [false, true]) {
    const perUpsert = await against50(sizes, options.repeats, (size) =>
      applyUpserts(hellos.get(size)!, frames.get(size)!, withSelectors),
    );
    for (const size of sizes) {
      rows.push({
        name: `client: apply one upsert to a store of ${size} workspaces${withSelectors ? ', then list + sidebar + board selectors' : ''}`,
        livesnap: perUpsert.get(size)!,
        baselineName,
        baseline: perUpsert.get(SMALL)!,
        unit: 'µs',
      });
    }
  }

  const perWorkspace = await against50(sizes, options.repeats, (size) => helloToStore(hellos.get(size)!, size));
  for (const size of sizes) {
    const total = (perWorkspace.get(size)! * size) / 1000;
    rows.push({
      name: `client: full hello of ${size} workspaces to a usable store (decode, validate, build: ${total.toFixed(0)} ms in all), per workspace`,
      livesnap: perWorkspace.get(size)!,
      baselineName,
      baseline: perWorkspace.get(SMALL)!,
      unit: 'µs',
    });
  }
  return rows;
}

export const clientStateGroup: BenchGroup = {
  id: 'client-state',
  title: 'Client cost: apply, selectors, hello to a usable store',
  measures:
    "A real client (decode, validation, sequencing, store) on the mock server's in-process socket, every frame serialized before the clock starts, timed in the process's CPU time (`process.cpuUsage()`: on a shared machine, other processes' work does not count). *Apply one upsert*: upserts of workspaces spread over the project (each a rename; every fourth also moves a card between two board columns), per upsert; *then list + sidebar + board selectors*: a store subscriber reads the three after every change, as a UI would. *Full hello to a usable store*: from sending the hello until the store is `open` with it, per workspace, so a ratio near 1× means linear (the total is in the row's name). Each against the same with 50 workspaces.",
  run: async ({ quick, repeats }) => ({ rows: await clientStateRows({ quick, repeats }) }),
};

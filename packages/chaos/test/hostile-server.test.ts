// Item 4 of RELIABILITY.md, the client's side: a hostile server (the client package's mock server, scripted by
// fast-check) sends real changes mixed with garbage, frames of another project or protocol, wrong types, lies that
// pass the schemas, and binary. Whatever it sends, the client's store always validates (every workspace a valid
// snapshot of its own project, seq a whole number), and after the next resync it equals the server's model.
import { createSnapshotClient, type SnapshotClientState, selectWorkspaceList } from '@livesnap/client';
import { MockSnapshotServer, waitForState } from '@livesnap/client/testing';
import { visibleFieldsEqual, WorkspaceSnapshotSchema } from '@livesnap/protocol';
import { makeFacts, makeSnapshot } from '@livesnap/protocol/testing';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { FULL } from '../src/sizes.js';
import { within } from '../src/time.js';

const RUNS = FULL ? 5000 : 500;

const ids = fc.constantFrom('w1', 'w2', 'w3', 'w4');
const valid = (server: MockSnapshotServer) => ({ seq: server.seq + 1, version: server.seq + 1 });

/** Frames a hostile or broken server sends, built from what the model holds now. */
type Hostile = (server: MockSnapshotServer) => string | Uint8Array;

const hostile: fc.Arbitrary<Hostile> = fc.oneof(
  fc.jsonValue().map((v) => () => JSON.stringify(v) ?? 'null'),
  fc.string({ maxLength: 100 }).map((s) => () => s),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => () => bytes),
  // A change of another project, with the next seq.
  ids.map((id) => (server: MockSnapshotServer) => {
    const { seq, version } = valid(server);
    return JSON.stringify({
      type: 'upsert',
      seq,
      snapshot: makeSnapshot({ workspaceId: id, projectId: 'p2' }, { version }),
    });
  }),
  // A hello of another project, of a protocol the client does not speak (it asks for 2, the newest), or with a
  // snapshot of another project.
  fc.constantFrom('p2', 'p1').chain((projectId) =>
    fc.constantFrom(2, 3).map(
      (protocol) => () =>
        JSON.stringify({
          type: 'hello',
          protocol,
          projectId,
          epoch: 'hostile',
          seq: 3,
          resumed: false,
          snapshots: [
            makeSnapshot({ workspaceId: 'w9', projectId: projectId === 'p1' && protocol === 2 ? 'p3' : 'p1' }),
          ],
        }),
    ),
  ),
  // A valid upsert with one field made wrong (a bad enum, a wrong type, a negative or fractional seq).
  fc
    .tuple(ids, fc.constantFrom('status', 'seq', 'version', 'createdAt', 'gitStats', 'workspaceId'))
    .map(([id, field]) => (server: MockSnapshotServer) => {
      const { seq, version } = valid(server);
      const snapshot: Record<string, unknown> = { ...makeSnapshot({ workspaceId: id }, { version }) };
      const frame: Record<string, unknown> = { type: 'upsert', seq, snapshot };
      if (field === 'seq') frame.seq = -seq - 0.5;
      else if (field === 'status') snapshot.status = 'EXPLODED';
      else if (field === 'version') snapshot.version = 'one';
      else if (field === 'createdAt') snapshot.createdAt = 'yesterday';
      else if (field === 'gitStats') snapshot.gitStats = { total: -1 };
      else snapshot.workspaceId = 42;
      return JSON.stringify(frame);
    }),
  // A batch with one invalid message inside.
  ids.map((id) => (server: MockSnapshotServer) => {
    const { seq, version } = valid(server);
    const good = { type: 'upsert', seq, snapshot: makeSnapshot({ workspaceId: id, name: 'batched lie' }, { version }) };
    return JSON.stringify({ type: 'batch', messages: [good, { type: 'remove', seq: seq + 1 }] });
  }),
  // Lies that pass the schemas: a change the model does not hold, a removal of a workspace it has, out of order.
  fc.tuple(ids, fc.integer({ min: -2, max: 3 })).map(([id, offset]) => (server: MockSnapshotServer) => {
    const { seq, version } = valid(server);
    return JSON.stringify({
      type: 'upsert',
      seq: Math.max(1, seq + offset),
      snapshot: makeSnapshot({ workspaceId: id, name: 'a lie' }, { version: version + 10 }),
    });
  }),
  ids.map(
    (id) => (server: MockSnapshotServer) => JSON.stringify({ type: 'remove', seq: valid(server).seq, workspaceId: id }),
  ),
);

type Step =
  | { kind: 'upsert'; id: string; name: string }
  | { kind: 'remove'; id: string }
  | { kind: 'hostile'; frame: Hostile };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('upsert' as const), id: ids, name: fc.string({ maxLength: 20 }) }),
  fc.record({ kind: fc.constant('remove' as const), id: ids }),
  fc.record({ kind: fc.constant('hostile' as const), frame: hostile }),
);

/** The store is whole: every workspace a valid snapshot of the client's project, seq null or a whole number. */
function validates(state: SnapshotClientState): boolean {
  const seqOk = state.seq === null || (Number.isInteger(state.seq) && state.seq >= 0);
  return (
    seqOk &&
    selectWorkspaceList(state).every(
      (workspace) => WorkspaceSnapshotSchema.safeParse(workspace).success && workspace.projectId === 'p1',
    )
  );
}

function equalsModel(state: SnapshotClientState, server: MockSnapshotServer): boolean {
  const held = selectWorkspaceList(state);
  const model = server.snapshots;
  return (
    state.epoch === server.epoch &&
    state.seq === server.seq &&
    held.length === model.length &&
    held.every((w, i) => w.workspaceId === model[i]!.workspaceId && visibleFieldsEqual(w, model[i]!))
  );
}

describe('a hostile server', () => {
  it(`never corrupts the client's store, which equals the model after the next resync (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
        const server = new MockSnapshotServer({ workspaces: [makeFacts({ workspaceId: 'w1' })] });
        const client = createSnapshotClient({
          url: 'ws://mock/snapshots',
          projectId: 'p1',
          WebSocket: server.WebSocket,
          reconnect: { minDelayMs: 0, maxDelayMs: 5 },
        });
        try {
          await waitForState(client.store, (s) => s.status === 'open');
          for (const s of steps) {
            if (s.kind === 'upsert') server.upsert(makeFacts({ workspaceId: s.id, name: s.name }));
            else if (s.kind === 'remove') {
              if (server.workspaces.has(s.id)) server.remove(s.id);
            } else server.sendRaw(s.frame(server));
            // Every frame is delivered as a microtask: two turns let the client take it.
            await new Promise((resolve) => setImmediate(resolve));
            if (!validates(client.store.getState())) return false;
          }
          // The next resync: a full hello on an open connection. A resume (after a reconnect the hostile frames caused)
          // trusts the state the client holds at its seq, lies included: only a full hello replaces it. A hello sent
          // while the client is between connections reaches nobody, so it is sent again, a bounded number of times.
          let resynced: SnapshotClientState | null = null;
          for (let attempt = 0; attempt < 5 && resynced === null; attempt += 1) {
            await waitForState(client.store, (s) => s.status === 'open');
            server.sendHello();
            resynced = await within(
              500,
              waitForState(client.store, (s) => equalsModel(s, server)),
            );
          }
          if (resynced === null)
            console.log('stuck at', JSON.stringify(client.store.getState()), server.epoch, server.seq);
          return resynced !== null && validates(resynced);
        } finally {
          client.close();
        }
      }),
      { numRuns: RUNS, seed: 23 },
    );
  });
});

// Access that ends, end to end (PROTOCOL.md): the client against the real @livesnap/server on 127.0.0.1. A token that
// expires is read again and the connection resumes with nothing missed and no full hello; a revoked user is cut off
// and stays out while `authorize` refuses.
import type { IncomingMessage } from 'node:http';
import { visibleFieldsEqual } from '@livesnap/protocol';
import type { AuthorizeResult } from '@livesnap/server';
import { FakeSource, facts, type Harness, manualScheduler, startHarness } from '@livesnap/server/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  createSnapshotClient,
  type SnapshotClient,
  type SnapshotClientState,
  selectWorkspace,
  selectWorkspaceList,
} from '../src/index.js';
import { waitForState } from '../src/testing/index.js';

let harness: Harness | null = null;
let client: SnapshotClient | null = null;
afterEach(async () => {
  client?.close();
  client = null;
  await harness?.close();
  harness = null;
});

const tokenOf = (request: IncomingMessage) => new URL(request.url ?? '/', 'http://x').searchParams.get('token');

/** Whether the client holds exactly the server's state: its epoch, seq and every workspace's visible fields. */
async function agreesWithServer(h: Harness, state: SnapshotClientState) {
  const served = await h.feed.state('p1');
  if (!served || state.epoch !== served.epoch || state.seq !== served.seq) return false;
  const held = selectWorkspaceList(state);
  const expected = new Map(served.snapshots.map((s) => [s.workspaceId, s]));
  return held.length === expected.size && held.every((s) => visibleFieldsEqual(s, expected.get(s.workspaceId)!));
}

describe('a token that expires', () => {
  it('is read again at each expiry, and the connection resumes with zero missed frames and no full hello', async () => {
    const clock = manualScheduler();
    const wall = () => 1_700_000_000_000 + clock.now;
    const seen: (string | null)[] = [];
    const source = new FakeSource([facts('w1'), facts('w2'), facts('w3')]);
    harness = await startHarness(
      source,
      { coalesceMs: 0 },
      {
        scheduler: clock.scheduler,
        now: wall,
        authorize: (request) => {
          seen.push(tokenOf(request));
          return { expiresAt: wall() + 1000, principal: 'u1' };
        },
      },
    );
    const h = harness;
    let issued = 0;
    client = createSnapshotClient({
      url: h.url({}).split('?')[0]!,
      projectId: 'p1',
      token: () => `token-${++issued}`,
      WebSocket,
      reconnect: { minDelayMs: 0, maxDelayMs: 0 },
    });
    const store = client.store;
    await waitForState(store, (s) => s.status === 'open');
    for (let expiry = 1; expiry <= 4; expiry += 1) {
      source.change('w1', { name: `before expiry ${expiry}` });
      h.service.invalidate('w1');
      await h.service.flush();
      await waitForState(store, (s) => selectWorkspace('w1')(s)?.name === `before expiry ${expiry}`);
      const closed = waitForState(store, (s) => s.status === 'reconnecting' && s.error?.code === 4401);
      await clock.advanceTo(expiry * 1000);
      await closed;
      // Committed while the client is away: it must come in the resume's replay.
      source.change(`w${(expiry % 3) + 1}`, { name: `while away ${expiry}` });
      h.service.invalidate(`w${(expiry % 3) + 1}`);
      await h.service.flush();
      await waitForState(store, (s) => s.status === 'open' && s.stats.resumed === expiry);
    }
    const state = await waitForState(store, (s) => s.seq === 8);
    expect(await agreesWithServer(h, state)).toBe(true);
    expect(state.stats).toMatchObject({ gaps: 0, resyncs: 0, invalidFrames: 0, resumed: 4 });
    expect(seen).toEqual(['token-1', 'token-2', 'token-3', 'token-4', 'token-5']);
    expect(state.error).toBeNull();
  });
});

describe('a revoked user', () => {
  it('is cut off at once (a bounded number of event-loop turns) and stays out while authorize refuses', async () => {
    const members = new Set(['good-token']);
    const authorize = (request: IncomingMessage): AuthorizeResult => {
      const token = tokenOf(request);
      return token !== null && members.has(token) ? { principal: token } : 403;
    };
    harness = await startHarness(new FakeSource([facts('w1')]), {}, { authorize });
    const h = harness;
    client = createSnapshotClient({ url: h.url({}).split('?')[0]!, projectId: 'p1', token: 'good-token', WebSocket });
    const store = client.store;
    await waitForState(store, (s) => s.status === 'open');

    members.delete('good-token');
    expect(h.endpoint.revoke((connection) => connection.principal === 'good-token')).toBe(1);
    let turns = 0;
    while (store.getState().status !== 'closed' && turns < 20) {
      turns += 1;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(store.getState()).toMatchObject({ status: 'closed', error: { code: 4403 } });

    client.connect();
    const refused = await waitForState(store, (s) => s.status === 'closed');
    expect(refused.error?.code).toBe(4403);
    expect(selectWorkspaceList(refused).map((w) => w.workspaceId)).toEqual(['w1']);
  });
});

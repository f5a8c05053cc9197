// The per-workspace subscriptions under useWorkspaceSnapshot: a change calls the listeners of the workspaces it
// touched, and no other, however many are subscribed.
import { MockSnapshotServer, waitForState } from '@livesnap/client/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { subscribeToWorkspace } from '../src/workspace-subscriptions.js';
import { board, card, clientOf } from './support.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function subscribedClient(count: number) {
  const server = new MockSnapshotServer({ projectId: 'p1', workspaces: board(count) });
  const client = clientOf(server);
  cleanups.push(() => client.close());
  await waitForState(client.store, (s) => s.status === 'open');
  const calls = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const id = `w${i}`;
    cleanups.push(subscribeToWorkspace(client, id, () => calls.set(id, (calls.get(id) ?? 0) + 1)));
  }
  return { server, client, calls };
}

describe('subscribeToWorkspace', () => {
  it('with 5,000 workspaces subscribed, calls only the listener of the one an upsert changed', async () => {
    const { server, client, calls } = await subscribedClient(5000);
    server.upsert(card('w1234', 'WAITING', 1234, { name: 'renamed' }));
    await waitForState(client.store, (s) => s.workspaces.get('w1234')?.name === 'renamed');
    expect([...calls]).toEqual([['w1234', 1]]);
  });

  it('calls the listeners of a removed and of a new workspace, and none for an upsert that changes nothing', async () => {
    const { server, client, calls } = await subscribedClient(50);
    cleanups.push(subscribeToWorkspace(client, 'fresh', () => calls.set('fresh', (calls.get('fresh') ?? 0) + 1)));
    server.upsert(card('w3', 'WORKING', 3)); // w3's facts as held (board() puts it in WORKING): no visible change
    server.remove('w7');
    server.upsert(card('fresh', 'WORKING', 99));
    await waitForState(client.store, (s) => s.workspaces.has('fresh'));
    expect(Object.fromEntries(calls)).toEqual({ w7: 1, fresh: 1 });
  });

  it('after a same-epoch full hello (a resync), calls only the listeners of workspaces that changed meanwhile', async () => {
    const { server, client, calls } = await subscribedClient(300);
    server.loseNext(1);
    server.upsert(card('w10', 'WORKING', 10, { name: 'missed' }));
    server.upsert(card('w11', 'WAITING', 11, { name: 'seen after the gap' }));
    await waitForState(client.store, (s) => s.workspaces.get('w11')?.name === 'seen after the gap');
    expect(client.store.getState().stats.resyncs).toBe(1);
    expect(Object.fromEntries(calls)).toEqual({ w10: 1, w11: 1 });
  });

  it('stops calling a listener once unsubscribed, and leaves the store when the last one goes', async () => {
    const server = new MockSnapshotServer({ projectId: 'p1', workspaces: board(3) });
    const client = clientOf(server);
    cleanups.push(() => client.close());
    await waitForState(client.store, (s) => s.status === 'open');
    let calls = 0;
    const unsubscribe = subscribeToWorkspace(client, 'w1', () => {
      calls += 1;
    });
    unsubscribe();
    server.upsert(card('w1', 'DONE', 1, { name: 'after' }));
    await waitForState(client.store, (s) => s.workspaces.get('w1')?.name === 'after');
    expect(calls).toBe(0);
  });
});

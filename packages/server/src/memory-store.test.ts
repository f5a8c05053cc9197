import type { CommittedMessage } from '@livesnap/protocol';
import { makeSnapshot } from '@livesnap/protocol/testing';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './memory-store.js';
import type { CommitEvent } from './store.js';

let epochs = 0;
const newEpoch = () => `e${++epochs}`;
const upsert = (workspaceId: string, name = workspaceId) =>
  ({ type: 'upsert', snapshot: makeSnapshot({ workspaceId, name }), ticket: 1 }) as const;
const remove = (workspaceId: string) => ({ type: 'remove', workspaceId, ticket: 1 }) as const;

describe('memory store', () => {
  it('starts an epoch at seq 0 with version 0 snapshots', async () => {
    const store = createMemoryStore({ newEpoch });
    const state = await store.load('p1', [makeSnapshot({ workspaceId: 'w1' }, { version: 7 })], 1);
    expect(state.seq).toBe(0);
    expect(state.snapshots.map((s) => s.version)).toEqual([0]);
    expect(state.joined).toBe(false);
    expect(await store.get('p1')).toEqual({ epoch: state.epoch, seq: 0, snapshots: state.snapshots });
  });

  it('hands out ever later tickets, and is one process: unshared, healthy, every lease its own', async () => {
    const store = createMemoryStore({ newEpoch });
    const first = await store.ticket();
    expect(await store.ticket()).toBeGreaterThan(first);
    expect(store.shared).toBe(false);
    expect(store.health()).toEqual({ ok: true });
    expect(await store.lease('p1', 1000)).toBe(true);
  });

  it('commits into the current epoch when given none, and nowhere when the project is not loaded', async () => {
    const store = createMemoryStore({ newEpoch });
    expect(await store.commit('p1', null, [upsert('w1')])).toEqual([]);
    await store.load('p1', [], 1);
    expect(await store.commit('p1', null, [upsert('w1')])).toMatchObject([{ seq: 1 }]);
  });

  it('gives each real change the next seq and an upsert that seq as its version', async () => {
    const store = createMemoryStore({ newEpoch });
    const { epoch } = await store.load('p1', [], 1);
    const messages = await store.commit('p1', epoch, [upsert('w1'), upsert('w2'), remove('w1')]);
    expect(messages.map((m) => [m.type, m.seq])).toEqual([
      ['upsert', 1],
      ['upsert', 2],
      ['remove', 3],
    ]);
    expect((await store.getWorkspace('p1', 'w2'))?.version).toBe(2);
    const [back] = await store.commit('p1', epoch, [upsert('w1')]);
    expect(back).toMatchObject({ seq: 4, snapshot: { workspaceId: 'w1', version: 4 } });
  });

  it('keeps with each upsert the visible fields it changed and the version it changed from, none for a first one', async () => {
    const store = createMemoryStore({ newEpoch, replayLimit: 10 });
    const { epoch } = await store.load('p1', [makeSnapshot({ workspaceId: 'w1' })], 1);
    const working = { ...upsert('w1'), snapshot: makeSnapshot({ workspaceId: 'w1', isSessionWorking: true }) };
    const [changed] = await store.commit('p1', epoch, [working]);
    expect(changed).toMatchObject({
      seq: 1,
      change: { fields: ['isSessionWorking', 'isWorking', 'sidebarStatus', 'kanbanColumn'], baseVersion: 0 },
    });
    const [renamed] = await store.commit('p1', epoch, [{ ...working, snapshot: { ...working.snapshot, name: 'n' } }]);
    expect(renamed).toMatchObject({ seq: 2, change: { fields: ['name'], baseVersion: 1 } });
    const [first] = await store.commit('p1', epoch, [upsert('w2')]);
    expect(first).toMatchObject({ seq: 3, change: null });
    // The log keeps them in the same form, for a resume in version 2.
    expect(await store.readSince('p1', epoch, 0)).toEqual([changed, renamed, first]);
  });

  it('commits nothing for an equal upsert or the removal of an absent workspace', async () => {
    const store = createMemoryStore({ newEpoch });
    const { epoch } = await store.load('p1', [makeSnapshot({ workspaceId: 'w1' })], 1);
    const events: CommitEvent[] = [];
    store.subscribe((event) => events.push(event));
    const equal = {
      type: 'upsert',
      snapshot: makeSnapshot({ workspaceId: 'w1' }, { source: 'event' }),
      ticket: 1,
    } as const;
    expect(await store.commit('p1', epoch, [equal, remove('w9')])).toEqual([]);
    expect(events).toEqual([]);
    expect((await store.get('p1'))?.seq).toBe(0);
  });

  it('commits nothing into an epoch that has ended', async () => {
    const store = createMemoryStore({ newEpoch });
    const old = await store.load('p1', [], 1);
    await store.unload('p1');
    expect(await store.commit('p1', old.epoch, [upsert('w1')])).toEqual([]);
    const fresh = await store.load('p1', [], 1);
    expect(fresh.epoch).not.toBe(old.epoch);
    expect(await store.commit('p1', old.epoch, [upsert('w1')])).toEqual([]);
  });

  it('tells subscribers each commit once, with its messages', async () => {
    const store = createMemoryStore({ newEpoch });
    const { epoch } = await store.load('p1', [], 1);
    const events: CommitEvent[] = [];
    const unsubscribe = store.subscribe((event) => events.push(event));
    await store.commit('p1', epoch, [upsert('w1'), upsert('w2')]);
    unsubscribe();
    await store.commit('p1', epoch, [upsert('w3')]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ projectId: 'p1', epoch });
    expect(events[0]!.messages.map((m) => m.seq)).toEqual([1, 2]);
  });

  it('replays what was missed inside the window, and says null outside it', async () => {
    const store = createMemoryStore({ newEpoch, replayLimit: 3 });
    const { epoch } = await store.load('p1', [], 1);
    for (let i = 1; i <= 5; i++) await store.commit('p1', epoch, [upsert('w1', `n${i}`)]);
    const seqs = (messages: readonly CommittedMessage[] | null) => messages?.map((m) => m.seq) ?? null;
    expect(seqs(await store.readSince('p1', epoch, 5))).toEqual([]);
    expect(seqs(await store.readSince('p1', epoch, 3))).toEqual([4, 5]);
    expect(seqs(await store.readSince('p1', epoch, 2))).toEqual([3, 4, 5]);
    expect(await store.readSince('p1', epoch, 1)).toBeNull();
    expect(await store.readSince('p1', epoch, 6)).toBeNull();
    expect(await store.readSince('p1', 'other', 4)).toBeNull();
    expect(await store.readSince('p9', epoch, 4)).toBeNull();
  });

  it('rejects a replay limit that is not a non-negative integer', () => {
    expect(() => createMemoryStore({ replayLimit: -1 })).toThrow(/replayLimit.*-1/);
  });
});

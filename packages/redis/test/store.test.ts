// The store's own contract against a real redis-server: epochs, seq and versions, tickets and tombstones decided in the
// commit script, the replay log, leases, the keys of a project on one hash tag, and its options.
import { makeSnapshot } from '@livesnap/protocol/testing';
import type { CommitEvent, StoreStatusEvent } from '@livesnap/server';
import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedisStore, type RedisSnapshotStore } from '../src/index.js';
import { redisPerFile } from './cluster.js';

const redis = redisPerFile();
const stores: RedisSnapshotStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

let prefixes = 0;
/** Stores sharing one key prefix, new for each test. */
function storesOnOnePrefix(count: number): RedisSnapshotStore[] {
  const keyPrefix = `store-${++prefixes}`;
  return Array.from({ length: count }, () => {
    const store = createRedisStore({ url: redis.server.url, keyPrefix, healthCheckMs: 100 });
    stores.push(store);
    return store;
  });
}

const upsert = (workspaceId: string, ticket: number, name = workspaceId) =>
  ({ type: 'upsert', snapshot: makeSnapshot({ workspaceId, name }), ticket }) as const;
const remove = (workspaceId: string, ticket: number) => ({ type: 'remove', workspaceId, ticket }) as const;

describe('the Redis store', () => {
  it('starts one epoch that every instance joins, with the snapshots at version 0', async () => {
    const [a, b] = storesOnOnePrefix(2);
    const first = await a!.load('p1', [makeSnapshot({ workspaceId: 'w1' }, { version: 7 })], await a!.ticket());
    expect(first).toMatchObject({ joined: false, seq: 0, snapshots: [{ workspaceId: 'w1', version: 0 }] });
    const second = await b!.load('p1', [], await b!.ticket());
    expect(second).toMatchObject({ joined: true, epoch: first.epoch, seq: 0, snapshots: [{ version: 0 }] });
    expect(await b!.get('p1')).toEqual({ epoch: first.epoch, seq: 0, snapshots: second.snapshots });
  });

  it('hands out ever later tickets across instances', async () => {
    const [a, b] = storesOnOnePrefix(2);
    const tickets = [await a!.ticket(), await b!.ticket(), await a!.ticket()];
    expect(tickets[1]).toBeGreaterThan(tickets[0]!);
    expect(tickets[2]).toBeGreaterThan(tickets[1]!);
  });

  it('gives each real change the next seq and an upsert that seq as its version; equal upserts commit nothing', async () => {
    const [a, b] = storesOnOnePrefix(2);
    const { epoch } = await a!.load('p1', [], await a!.ticket());
    await b!.load('p1', [], await b!.ticket());
    const events: CommitEvent[] = [];
    b!.subscribe((event) => events.push(event));
    const t = await a!.ticket();
    const messages = await a!.commit('p1', epoch, [upsert('w1', t), upsert('w2', t), remove('w1', t)]);
    expect(messages.map((m) => [m.type, m.seq])).toEqual([
      ['upsert', 1],
      ['upsert', 2],
      ['remove', 3],
    ]);
    expect(await a!.commit('p1', epoch, [upsert('w2', await a!.ticket()), remove('w9', await a!.ticket())])).toEqual(
      [],
    );
    const [back] = await b!.commit('p1', null, [upsert('w1', await b!.ticket())]);
    expect(back).toMatchObject({ seq: 4, snapshot: { workspaceId: 'w1', version: 4 } });
    expect(await b!.getWorkspace('p1', 'w2')).toMatchObject({ version: 2 });
    // B saw A's commit through the channel, and its own.
    expect(events.flatMap((e) => e.messages.map((m) => m.seq))).toEqual([1, 2, 3, 4]);
  });

  it('discards a change whose read began before one applied by another instance, or before the epoch', async () => {
    const [a, b] = storesOnOnePrefix(2);
    const early = await a!.ticket();
    const { epoch } = await a!.load('p1', [makeSnapshot({ workspaceId: 'w1' })], await a!.ticket());
    expect(await a!.commit('p1', epoch, [upsert('w1', early, 'began before the epoch')])).toEqual([]);
    const slow = await a!.ticket();
    const fast = await b!.ticket();
    expect(await b!.commit('p1', epoch, [upsert('w1', fast, 'newer')])).toHaveLength(1);
    expect(await a!.commit('p1', epoch, [upsert('w1', slow, 'older')])).toEqual([]);
    expect(await a!.getWorkspace('p1', 'w1')).toMatchObject({ name: 'newer' });
  });

  it('keeps a removal as a tombstone, so that an older read cannot bring the workspace back', async () => {
    const [a, b] = storesOnOnePrefix(2);
    const { epoch } = await a!.load('p1', [makeSnapshot({ workspaceId: 'w1' })], await a!.ticket());
    const older = await a!.ticket();
    expect(await b!.commit('p1', epoch, [remove('w1', await b!.ticket())])).toHaveLength(1);
    expect(await a!.commit('p1', epoch, [upsert('w1', older)])).toEqual([]);
    const [returned] = await a!.commit('p1', epoch, [upsert('w1', await a!.ticket())]);
    expect(returned).toMatchObject({ seq: 2, snapshot: { version: 2 } });
  });

  it('forgets a tombstone after tombstoneMs, and a workspace back then still gets a version above its last', async () => {
    const keyPrefix = `store-${++prefixes}`;
    const store = createRedisStore({ url: redis.server.url, keyPrefix, tombstoneMs: 1 });
    stores.push(store);
    const { epoch } = await store.load('p1', [], await store.ticket());
    const older = await store.ticket();
    await store.commit('p1', epoch, [upsert('w1', await store.ticket())]);
    await store.commit('p1', epoch, [remove('w1', await store.ticket())]);
    // The next commit finds the tombstone older than 1 ms (Redis's clock moved on while this one waited for it).
    const client = createClient({ url: redis.server.url });
    await client.connect();
    const redisMs = async () => {
      const [seconds, micros] = (await client.time()) as unknown as [string, string];
      return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    };
    const removedBy = await redisMs();
    while ((await redisMs()) <= removedBy + 1) await client.ping();
    await client.close();
    await store.commit('p1', epoch, [remove('w2', await store.ticket())]);
    const [back] = await store.commit('p1', epoch, [upsert('w1', older)]);
    expect(back).toMatchObject({ seq: 3, snapshot: { version: 3 } });
  });

  it('records in each log entry the visible fields that changed, for field-level patches', async () => {
    const [a] = storesOnOnePrefix(1);
    const { epoch } = await a!.load('p1', [makeSnapshot({ workspaceId: 'w1' })], await a!.ticket());
    const working = {
      ...makeSnapshot({ workspaceId: 'w1', isSessionWorking: true }),
      computedAt: new Date().toISOString(),
    };
    const [committed] = await a!.commit('p1', epoch, [
      { type: 'upsert', snapshot: working, ticket: await a!.ticket() },
    ]);
    await a!.commit('p1', epoch, [upsert('w2', await a!.ticket()), remove('w2', await a!.ticket())]);
    const client = createClient({ url: redis.server.url });
    await client.connect();
    const log = await client.xRange(`store-${prefixes}:{p1}:log`, '-', '+');
    await client.close();
    expect(log?.map((entry) => [entry.id, entry.message.c, entry.message.b])).toEqual([
      ['1-0', 'isSessionWorking,isWorking,sidebarStatus,kanbanColumn', '0'],
      ['2-0', '*', ''],
      ['3-0', '', ''],
    ]);
    // The commit, and the replay log read back, carry them as the server keeps every committed message.
    const change = { fields: ['isSessionWorking', 'isWorking', 'sidebarStatus', 'kanbanColumn'], baseVersion: 0 };
    expect(committed).toMatchObject({ seq: 1, change });
    expect(await a!.readSince('p1', epoch, 0)).toMatchObject([
      { type: 'upsert', seq: 1, change },
      { type: 'upsert', seq: 2, change: null },
      { type: 'remove', seq: 3 },
    ]);
    expect(JSON.parse(log?.[0]?.message.m ?? 'null')).toEqual({
      type: 'upsert',
      seq: 1,
      snapshot: { ...working, version: 1 },
    });
  });

  it('replays what was missed inside the window, and says null outside it', async () => {
    const keyPrefix = `store-${++prefixes}`;
    const store = createRedisStore({ url: redis.server.url, keyPrefix, replayLimit: 3 });
    stores.push(store);
    const { epoch } = await store.load('p1', [], await store.ticket());
    for (let i = 1; i <= 5; i++) await store.commit('p1', epoch, [upsert('w1', await store.ticket(), `n${i}`)]);
    const seqs = (messages: readonly { seq: number }[] | null) => messages?.map((m) => m.seq) ?? null;
    expect(seqs(await store.readSince('p1', epoch, 5))).toEqual([]);
    expect(seqs(await store.readSince('p1', epoch, 2))).toEqual([3, 4, 5]);
    expect(await store.readSince('p1', epoch, 1)).toBeNull();
    expect(await store.readSince('p1', epoch, 6)).toBeNull();
    expect(await store.readSince('p1', 'another epoch', 4)).toBeNull();
    expect(await store.readSince('p9', epoch, 4)).toBeNull();
  });

  it('reports the project lost when a commit finds its epoch ended, and commits nothing', async () => {
    const [a, b] = storesOnOnePrefix(2);
    const old = await a!.load('p1', [], await a!.ticket());
    const lost: StoreStatusEvent[] = [];
    a!.onStatus((event) => lost.push(event));
    await b!.load('p1', [], await b!.ticket());
    await b!.unload('p1', 'gone');
    expect(await a!.commit('p1', old.epoch, [upsert('w1', await a!.ticket())])).toEqual([]);
    expect(lost).toEqual([{ type: 'lost', projectId: 'p1', epoch: old.epoch }]);
    const fresh = await b!.load('p1', [], await b!.ticket());
    expect(fresh).toMatchObject({ joined: false });
    expect(fresh.epoch).not.toBe(old.epoch);
  });

  it('gives a project’s lease to one instance at a time, until it expires', async () => {
    const [a, b] = storesOnOnePrefix(2);
    expect(await a!.lease('p1', 60_000)).toBe(true);
    expect(await b!.lease('p1', 60_000)).toBe(false);
    expect(await a!.lease('p1', 60_000)).toBe(true);
    expect(await b!.lease('p2', 1)).toBe(true);
    const client = createClient({ url: redis.server.url });
    await client.connect();
    const leaseKey = `store-${prefixes}:{p2}:lease`;
    while ((await client.exists(leaseKey)) === 1) await client.ping();
    await client.close();
    expect(await a!.lease('p2', 60_000)).toBe(true);
  });

  it('keeps every key of a project on the hash tag {projectId}', async () => {
    const [a] = storesOnOnePrefix(1);
    const snapshots = [makeSnapshot({ workspaceId: 'w1' }), makeSnapshot({ workspaceId: 'w2' })];
    const { epoch } = await a!.load('p1', snapshots, await a!.ticket());
    await a!.commit('p1', epoch, [remove('w1', await a!.ticket())]);
    await a!.lease('p1', 60_000);
    const client = createClient({ url: redis.server.url });
    await client.connect();
    const keys = (await client.keys(`store-${prefixes}:*`)).sort();
    await client.close();
    expect(keys).toEqual(
      ['lease', 'log', 'meta', 'snapshots', 'tickets', 'tombstones']
        .map((name) => `store-${prefixes}:{p1}:${name}`)
        .concat(`store-${prefixes}:tickets`)
        .sort(),
    );
  });

  it('names a wrong option with its value', () => {
    expect(() => createRedisStore({} as never)).toThrow(
      'createRedisStore options must be an object with either url or client',
    );
    expect(() => createRedisStore({ url: 'http://127.0.0.1:6379' })).toThrow(
      'url must be a redis:// or rediss:// URL string, got "http://127.0.0.1:6379" (string)',
    );
    expect(() => createRedisStore({ url: redis.server.url, keyPrefix: 'a{b}' })).toThrow(
      'keyPrefix must be a non-empty string without { or }, got "a{b}" (string)',
    );
    expect(() => createRedisStore({ url: redis.server.url, replayLimit: -1 })).toThrow(
      'replayLimit must be an integer ≥ 0',
    );
  });
});

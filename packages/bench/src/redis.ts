// The Redis rows of `pnpm bench`: three server instances on one Redis (`@livesnap/redis`) against one in-memory
// instance, measured in the same run — a change's way to every client's store, fan-out to many clients, and commits per
// second through the commit script. Starts its own redis-server (a free port, no persistence) and stops it.
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSnapshotClient } from '@livesnap/client';
import { waitForState } from '@livesnap/client/testing';
import { PROTOCOL_VERSION, type WorkspaceFacts } from '@livesnap/protocol';
import { makeFacts, makeSnapshot } from '@livesnap/protocol/testing';
import { createRedisStore, type RedisSnapshotStore } from '@livesnap/redis';
import { startRedisServer } from '@livesnap/redis/redis-server';
import {
  attachSnapshotEndpoint,
  createMemoryStore,
  createSnapshotService,
  type SnapshotSource,
  type SnapshotStore,
  snapshotFeedOf,
} from '@livesnap/server';
import { WebSocket } from 'ws';
import type { BenchGroup, Row } from './row.js';
import { median } from './stats.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

function facts(count: number): Map<string, WorkspaceFacts> {
  return new Map(
    Array.from({ length: count }, (_, i) => {
      const f = makeFacts({ workspaceId: `w${i}`, projectId: 'p1', name: `Workspace ${i}` });
      return [f.workspaceId, f] as const;
    }),
  );
}

/** `count` instances (service + endpoint on their own HTTP server) on `stores`, over one in-memory source. */
async function startInstances(stores: SnapshotStore[], held: Map<string, WorkspaceFacts>) {
  const source: SnapshotSource = {
    loadProject: async (projectId) => (projectId === 'p1' ? [...held.values()] : null),
    loadWorkspace: async (workspaceId) => held.get(workspaceId) ?? null,
  };
  const instances = await Promise.all(
    stores.map(async (store) => {
      const service = createSnapshotService({ source, store, logger: quiet, coalesceMs: 0 });
      const http = createServer();
      const endpoint = attachSnapshotEndpoint(http, service, { logger: quiet });
      await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
      const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/snapshots`;
      const subscription = await snapshotFeedOf(service).subscribe('p1');
      return { service, url, http, endpoint, subscription };
    }),
  );
  let changes = 0;
  return {
    urls: instances.map((i) => i.url),
    /** A visible change of one workspace, invalidated on the instances in turn. */
    change() {
      changes += 1;
      const f = held.get(`w${changes % held.size}`)!;
      held.set(f.workspaceId, { ...f, name: `${f.name.split(' #')[0]} #${changes}` });
      instances[changes % instances.length]!.service.invalidate(f.workspaceId);
    },
    async close() {
      for (const { service, http, endpoint, subscription } of instances) {
        subscription?.release();
        await endpoint.close();
        await service.stop();
        await new Promise<void>((resolve) => http.close(() => resolve()));
      }
    },
  };
}

/** Milliseconds from `invalidate` to the change in every client's store (real clients, spread over the instances). */
async function changeToStores(urls: string[], instances: { change(): void }, clients: number, changes: number) {
  const all = Array.from({ length: clients }, (_, i) =>
    createSnapshotClient({ url: `${urls[i % urls.length]}`, projectId: 'p1', WebSocket }),
  );
  await Promise.all(all.map((client) => waitForState(client.store, (s) => s.status === 'open')));
  const times: number[] = [];
  for (let i = 0; i <= changes; i++) {
    const target = (all[0]!.store.getState().seq ?? 0) + 1;
    const started = performance.now();
    instances.change();
    await Promise.all(all.map((client) => waitForState(client.store, (s) => (s.seq ?? 0) >= target)));
    if (i > 0) times.push(performance.now() - started); // the first one warms up
  }
  for (const client of all) client.close();
  return median(times);
}

/** Milliseconds until `changes` frames reached every one of `clients` raw sockets (in a child process). */
async function fanOut(urls: string[], instances: { change(): void }, clients: number, changes: number) {
  const child = fork(new URL('./receivers.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'] });
  const ask = (command: object, answer: string) =>
    new Promise<void>((resolve, reject) => {
      const onMessage = (message: { type: string; message?: string }) => {
        if (message.type === 'error') reject(new Error(message.message));
        if (message.type !== answer) return;
        child.off('message', onMessage);
        resolve();
      };
      child.on('message', onMessage);
      child.send(command);
    });
  const query = `?projectId=p1&protocol=${PROTOCOL_VERSION}`;
  await ask({ type: 'connect', url: '', urls: urls.map((url) => url + query), clients }, 'greeted');
  const started = performance.now();
  const done = ask({ type: 'expect', messages: changes }, 'done');
  for (let i = 0; i < changes; i++) instances.change();
  await done;
  const ms = performance.now() - started;
  await ask({ type: 'close' }, 'closed');
  child.kill();
  return ms;
}

/** Commits per second of one-upsert commits, `inFlight` at a time. */
async function commitsPerSecond(store: SnapshotStore, commits: number, inFlight: number): Promise<number> {
  const { epoch } = await store.load('bench', [], await store.ticket());
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < commits) {
        next += 1;
        const snapshot = makeSnapshot({ workspaceId: `w${next % 100}`, projectId: 'bench', name: `n${next}` });
        await store.commit('bench', epoch, [{ type: 'upsert', snapshot, ticket: await store.ticket() }]);
      }
    }),
  );
  return (commits * 1000) / (performance.now() - started);
}

export async function redisRows(quick: boolean): Promise<Row[]> {
  const redis = await startRedisServer();
  const redisStores: RedisSnapshotStore[] = [];
  const redisStore = (keyPrefix: string) => {
    const store = createRedisStore({ url: redis.url, keyPrefix, logger: quiet });
    redisStores.push(store);
    return store;
  };
  try {
    const rows: Row[] = [];
    const clients = quick ? 6 : 30;
    // Sized so that the whole `pnpm bench` stays within 10 minutes on a loaded 2-core machine.
    const changes = quick ? 20 : 100;
    const measure = async (stores: SnapshotStore[], size: number, run: typeof changeToStores) => {
      const instances = await startInstances(stores, facts(size));
      try {
        return await run(instances.urls, instances, clients * (run === fanOut ? fanOutPerClient : 1), changes);
      } finally {
        await instances.close();
      }
    };
    const fanOutPerClient = quick ? 5 : 30;
    const latency = {
      redis: await measure(
        [1, 2, 3].map(() => redisStore('latency')),
        50,
        changeToStores,
      ),
      memory: await measure([createMemoryStore()], 50, changeToStores),
    };
    rows.push({
      name: `change → every client's store, p50 (${clients} clients on 3 instances on Redis)`,
      livesnap: latency.redis,
      baselineName: `the same ${clients} clients on one in-memory instance`,
      baseline: latency.memory,
      unit: 'ms',
    });
    const fan = {
      // One change per workspace: two changes of one workspace made at once merge into one commit (coalescing), and
      // the receivers would wait for a message that never comes.
      redis: await measure(
        [1, 2, 3].map(() => redisStore('fan-out')),
        changes,
        fanOut,
      ),
      memory: await measure([createMemoryStore()], changes, fanOut),
    };
    rows.push({
      name: `${changes} changes to ${clients * fanOutPerClient} clients on 3 instances on Redis`,
      livesnap: fan.redis,
      baselineName: 'the same clients on one in-memory instance',
      baseline: fan.memory,
      unit: 'ms',
    });
    const commits = quick ? 300 : 5000;
    for (const inFlight of [1, 64]) {
      rows.push({
        name: `commits per second through the commit script, ${inFlight} at a time (ticket + commit each)`,
        livesnap: await commitsPerSecond(redisStore(`commits-${inFlight}`), commits, inFlight),
        baselineName: 'the memory store',
        baseline: await commitsPerSecond(createMemoryStore(), commits, inFlight),
        unit: 'commits/s',
      });
    }
    return rows;
  } finally {
    await Promise.all(redisStores.map((store) => store.close()));
    await redis.stop();
  }
}

export const redisGroup: BenchGroup = {
  id: 'redis',
  title: 'Several instances on Redis',
  measures:
    'Three server instances on one Redis (`@livesnap/redis`, its own redis-server on a free port, no persistence) against one in-memory instance, in the same run: a change on the way to every client, fan-out to many clients, and commits per second through the commit script.',
  run: async ({ quick }) => ({ rows: await redisRows(quick) }),
};

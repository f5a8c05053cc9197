// What the Redis tests share: a redis-server per test file (started before, stopped after), and instances of the
// server (service + endpoint on their own HTTP server) on it, each with its own Redis store.
import type { SnapshotEndpointOptions, SnapshotServiceOptions, SnapshotSource } from '@livesnap/server';
import { type Harness, recordingLogger, startHarness } from '@livesnap/server/testing';
import { afterAll, beforeAll } from 'vitest';
import { createRedisStore, type RedisSnapshotStore, type RedisStoreOptions } from '../src/index.js';
import { type RedisServer, startRedisServer } from '../src/redis-server.js';

/** The file's redis-server, started before its tests and stopped after them. */
export function redisPerFile(): { readonly server: RedisServer } {
  const holder = {} as { server: RedisServer };
  beforeAll(async () => {
    holder.server = await startRedisServer();
  });
  afterAll(() => holder.server?.stop());
  return holder;
}

export interface Instance {
  readonly name: string;
  readonly harness: Harness;
  readonly store: RedisSnapshotStore;
}

/** Instances A, B, C… of the server on one Redis, under a key prefix of their own (so tests do not share state). */
export async function startInstances(
  redis: RedisServer,
  source: SnapshotSource,
  count: number,
  options: {
    /** The service's options, the same for every instance, or per instance (by its index). */
    service?: Partial<SnapshotServiceOptions> | ((index: number) => Partial<SnapshotServiceOptions>);
    endpoint?: SnapshotEndpointOptions;
    store?: Partial<RedisStoreOptions>;
  } = {},
) {
  const keyPrefix = `test-${Math.random().toString(36).slice(2)}`;
  const instances: Instance[] = [];
  for (let i = 0; i < count; i++) {
    const name = String.fromCharCode(65 + i);
    const logger = recordingLogger();
    const store = createRedisStore({ url: redis.url, keyPrefix, logger, healthCheckMs: 100, ...options.store });
    await store.ready();
    const service = typeof options.service === 'function' ? options.service(i) : options.service;
    const harness = await startHarness(source, { store, ...service }, { instance: name, ...options.endpoint });
    instances.push({ name, harness, store });
  }
  return {
    instances,
    keyPrefix,
    async close() {
      for (const { harness, store } of instances) {
        await harness.close();
        await store.close();
      }
    },
  };
}

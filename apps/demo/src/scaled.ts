// The demo scaled out: one redis-server (a free port, its folder under the data folder, stopped with the demo) and
// three demo instances on it, each with its own HTTP server, snapshot endpoint and Redis store, on the same SQLite
// file; only the first runs the simulation and seeds the worktrees. Each names itself `host:port` in its hellos.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createRedisStore, type RedisSnapshotStore } from '@livesnap/redis';
import { freePort, type RedisServer, startRedisServer } from '@livesnap/redis/redis-server';
import { consoleLogger } from '@livesnap/server';
import { prepareDataFolder, REDIS_FOLDER } from './data-folder.js';
import { type DemoServer, type DemoServerOptions, startDemoServer } from './demo-server.js';

export const SCALED_INSTANCES = 3;

export interface ScaledDemo {
  readonly redis: RedisServer;
  readonly instances: readonly DemoServer[];
  close(): Promise<void>;
}

/** Starts Redis and the instances; `options` are the first instance's (the others run no simulation). */
export async function startScaledDemo(options: DemoServerOptions): Promise<ScaledDemo> {
  // Reset (when asked) before Redis makes its folder in the data folder.
  await prepareDataFolder(options.dataDir, options.reset === true);
  const redisDir = join(options.dataDir, REDIS_FOLDER);
  const logger = options.logger ?? consoleLogger;
  const host = options.host ?? '127.0.0.1';
  const instances: DemoServer[] = [];
  const stores: RedisSnapshotStore[] = [];
  let redis: RedisServer | null = null;
  const close = async () => {
    for (const instance of instances) await instance.close();
    await Promise.all(stores.map((store) => store.close()));
    await redis?.stop();
  };
  try {
    for (let i = 0; i < SCALED_INSTANCES; i++) {
      const port = i === 0 && options.port ? options.port : await freePort();
      if (!redis) {
        await mkdir(redisDir, { recursive: true });
        redis = await startRedisServer({ dir: redisDir });
      }
      const store = createRedisStore({ url: redis.url, keyPrefix: 'livesnap-demo', logger });
      stores.push(store);
      const first = i === 0;
      instances.push(
        await startDemoServer({
          ...options,
          reset: false,
          port,
          store,
          instance: `${host}:${port}`,
          ...(first ? {} : { eventsPerSecond: 0, seedWorktreesPerProject: 0 }),
        }),
      );
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { redis: redis!, instances, close };
}

// @livesnap/redis: the server's SnapshotStore on Redis, for several server instances serving one stream per project.
export type { RedisClient, RedisStoreOptions } from './options.js';
export { REDIS_STORE_DEFAULTS } from './options.js';
export type { RedisSnapshotStore } from './redis-store.js';
export { createRedisStore, RedisUnavailableError } from './redis-store.js';

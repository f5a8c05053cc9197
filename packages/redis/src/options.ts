// The options of `createRedisStore`: their defaults (documented in the package README) and their check when the store
// is created, with the server's option checks (an error names the option, the expectation and the value).
import { randomUUID } from 'node:crypto';
import { consoleLogger, type Logger } from '@livesnap/server';
import {
  durationOption,
  functionOption,
  integerOption,
  methodsOption,
  optionError,
  optionsObject,
} from '@livesnap/server/options';
import type { RedisClientType } from 'redis';

/** A node-redis client (`createClient()` of `redis`), connected or not. */
export type RedisClient = RedisClientType;

export interface RedisStoreOptions {
  /** `redis://host:port` or `rediss://…`: the store makes its own clients, and closes them in `close()`. */
  url?: string;
  /**
   * A node-redis client of yours instead of `url` (connected by the store when it is not); the store also makes a
   * `duplicate()` of it for pub/sub, and `close()` closes only that one.
   */
  client?: RedisClient;
  /** Prefix of every key and channel. Default `livesnap`. */
  keyPrefix?: string;
  /** Messages per project kept for resuming clients (the stream's cap). Default 1,000. */
  replayLimit?: number;
  /** How long a removed workspace's tombstone is kept: longer than any read of the source takes. Default 10 min. */
  tombstoneMs?: number;
  /** A project that no instance holds any more expires this long after the last one let go. Default 10 min. */
  projectTtlMs?: number;
  /** Interval of the PING that checks Redis answers, and its deadline. Default 1 s. */
  healthCheckMs?: number;
  /** Names this instance as a lease owner. Default a random UUID. */
  instanceId?: string;
  /** A new epoch id. Default `crypto.randomUUID`. */
  newEpoch?: () => string;
  /** Default: warnings and errors to the console. */
  logger?: Logger;
}

export const REDIS_STORE_DEFAULTS = {
  keyPrefix: 'livesnap',
  replayLimit: 1000,
  tombstoneMs: 600_000,
  projectTtlMs: 600_000,
  healthCheckMs: 1000,
} as const;

export interface ResolvedRedisStoreOptions extends Required<Omit<RedisStoreOptions, 'url' | 'client'>> {
  url: string | undefined;
  client: RedisClient | undefined;
}

export function resolveRedisStoreOptions(input: unknown): ResolvedRedisStoreOptions {
  const options = optionsObject<RedisStoreOptions>('createRedisStore', input, false);
  const defaults = REDIS_STORE_DEFAULTS;
  const { url, client } = options;
  if ((url === undefined) === (client === undefined)) {
    throw optionError('createRedisStore options', 'an object with either url or client (one of them)', input);
  }
  if (url !== undefined && (typeof url !== 'string' || !/^rediss?:\/\//.test(url))) {
    throw optionError('url', 'a redis:// or rediss:// URL string', url);
  }
  if (client !== undefined) methodsOption('client', client, undefined, ['sendCommand', 'duplicate', 'connect', 'on']);
  const keyPrefix = options.keyPrefix ?? defaults.keyPrefix;
  if (typeof keyPrefix !== 'string' || keyPrefix === '' || /[{}]/.test(keyPrefix)) {
    // A brace would make the prefix the hash tag of every key, putting every project on one Redis Cluster shard.
    throw optionError('keyPrefix', 'a non-empty string without { or }', keyPrefix);
  }
  const instanceId = options.instanceId ?? randomUUID();
  if (typeof instanceId !== 'string' || instanceId === '')
    throw optionError('instanceId', 'a non-empty string', instanceId);
  return {
    url,
    client,
    keyPrefix,
    replayLimit: integerOption('replayLimit', options.replayLimit, defaults.replayLimit, 0),
    tombstoneMs: durationOption('tombstoneMs', options.tombstoneMs, defaults.tombstoneMs, 1),
    projectTtlMs: durationOption('projectTtlMs', options.projectTtlMs, defaults.projectTtlMs, 1),
    healthCheckMs: durationOption('healthCheckMs', options.healthCheckMs, defaults.healthCheckMs, 1),
    instanceId,
    newEpoch: functionOption('newEpoch', options.newEpoch, randomUUID),
    logger: methodsOption('logger', options.logger, consoleLogger, ['debug', 'info', 'warn', 'error']),
  };
}

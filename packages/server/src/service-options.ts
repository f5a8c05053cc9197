// The options of `createSnapshotService`: their defaults (documented in the server README), their bounds, and their
// check when the service is created.

import { createMemoryStore, DEFAULT_REPLAY_LIMIT } from './memory-store.js';
import {
  durationOption,
  type EffectOptions,
  integerOption,
  methodsOption,
  optionError,
  optionsObject,
  resolveEffects,
} from './options.js';
import type { SnapshotSource } from './source-reader.js';
import type { SnapshotStore } from './store.js';

export interface SnapshotServiceOptions extends EffectOptions {
  source: SnapshotSource;
  /** Default: an in-memory store with `replayLimit`. */
  store?: SnapshotStore;
  /** Minimum time between two recompute starts of one workspace. Default 100 ms. */
  coalesceMs?: number;
  /** Interval of the safety-net reload of every loaded project. Default 60 s. */
  reconcileIntervalMs?: number;
  /** Projects a reconciliation pass reloads at once. Default 4. */
  reconcileConcurrency?: number;
  /** Concurrent `loadGitStats` calls. Default 3. */
  gitConcurrency?: number;
  /** A source call slower than this counts as failed. Default 10 s. */
  sourceTimeoutMs?: number;
  /** A project without subscribers for this long is unloaded, which ends its epoch. Default 5 min. */
  idleUnloadMs?: number;
  /** Messages kept per project for resuming clients (only for the default store). Default 1,000. */
  replayLimit?: number;
}

/** The service's defaults, each overridable by the option of the same name. */
export const SERVICE_DEFAULTS = {
  coalesceMs: 100,
  reconcileIntervalMs: 60_000,
  reconcileConcurrency: 4,
  gitConcurrency: 3,
  sourceTimeoutMs: 10_000,
  idleUnloadMs: 300_000,
  replayLimit: DEFAULT_REPLAY_LIMIT,
} as const;

export type ResolvedServiceOptions = Required<Omit<SnapshotServiceOptions, 'replayLimit'>>;

const SOURCE_METHODS = ['loadProject', 'loadWorkspace'] as const;
const STORE_METHODS = [
  'ticket',
  'load',
  'get',
  'getWorkspace',
  'commit',
  'readSince',
  'unload',
  'lease',
  'health',
  'subscribe',
  'onStatus',
] as const;

/** A store of one's own: its methods, and whether it is `shared`. */
function storeOption(value: unknown): SnapshotStore {
  const store = methodsOption<SnapshotStore>('store', value, undefined, STORE_METHODS);
  if (typeof store.shared !== 'boolean') throw optionError('store.shared', 'a boolean', store.shared);
  return store;
}

/** Every option checked, defaults filled in; a wrong one throws an error that names it. */
export function resolveServiceOptions(input: unknown): ResolvedServiceOptions {
  const options = optionsObject<SnapshotServiceOptions>('createSnapshotService', input, false);
  const defaults = SERVICE_DEFAULTS;
  const source = methodsOption<SnapshotSource>('source', options.source, undefined, SOURCE_METHODS, ['loadGitStats']);
  if (options.store !== undefined && options.replayLimit !== undefined) {
    throw optionError(
      'replayLimit',
      'left out when a store is given (give it to the store: createMemoryStore({ replayLimit }))',
      options.replayLimit,
    );
  }
  const replayLimit = integerOption('replayLimit', options.replayLimit, defaults.replayLimit, 0);
  return {
    source,
    coalesceMs: durationOption('coalesceMs', options.coalesceMs, defaults.coalesceMs, 0),
    reconcileIntervalMs: durationOption(
      'reconcileIntervalMs',
      options.reconcileIntervalMs,
      defaults.reconcileIntervalMs,
      1,
    ),
    reconcileConcurrency: integerOption(
      'reconcileConcurrency',
      options.reconcileConcurrency,
      defaults.reconcileConcurrency,
      1,
    ),
    gitConcurrency: integerOption('gitConcurrency', options.gitConcurrency, defaults.gitConcurrency, 1),
    sourceTimeoutMs: durationOption('sourceTimeoutMs', options.sourceTimeoutMs, defaults.sourceTimeoutMs, 1),
    idleUnloadMs: durationOption('idleUnloadMs', options.idleUnloadMs, defaults.idleUnloadMs, 0),
    store: options.store === undefined ? createMemoryStore({ replayLimit }) : storeOption(options.store),
    ...resolveEffects(options),
  };
}

// Every option of createSnapshotService, attachSnapshotEndpoint and createMemoryStore is checked when the part is
// created, and a wrong one is named with what was expected and the value it had, with its type.
import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  attachSnapshotEndpoint,
  createMemoryStore,
  createSnapshotService,
  type SnapshotEndpointOptions,
  type SnapshotServiceOptions,
  type SnapshotSource,
} from '../src/index.js';

const source: SnapshotSource = { loadProject: async () => null, loadWorkspace: async () => null };
const logger = { debug() {}, info() {}, warn() {}, error() {} };
const MAX = 2_147_483_647;
const THIRTY_DAYS = 30 * 24 * 3600 * 1000;
const timerLimit = `${MAX} (the longest delay a timer takes; about 24.8 days)`;

const serviceCases: [string, Record<string, unknown>, string][] = [
  ['coalesceMs as a string', { coalesceMs: '100' }, 'coalesceMs must be an integer ≥ 0, got "100" (string)'],
  ['coalesceMs below 0', { coalesceMs: -1 }, 'coalesceMs must be an integer ≥ 0, got -1 (number)'],
  [
    'coalesceMs past the timer limit',
    { coalesceMs: MAX + 1 },
    `coalesceMs must be an integer ≤ ${timerLimit}, got 2147483648 (number)`,
  ],
  ['reconcileIntervalMs 0', { reconcileIntervalMs: 0 }, 'reconcileIntervalMs must be an integer ≥ 1, got 0 (number)'],
  [
    'reconcileIntervalMs Infinity',
    { reconcileIntervalMs: Infinity },
    'reconcileIntervalMs must be an integer ≥ 1, got Infinity (number)',
  ],
  [
    'reconcileConcurrency 0',
    { reconcileConcurrency: 0 },
    'reconcileConcurrency must be an integer ≥ 1, got 0 (number)',
  ],
  ['gitConcurrency a fraction', { gitConcurrency: 1.5 }, 'gitConcurrency must be an integer ≥ 1, got 1.5 (number)'],
  ['sourceTimeoutMs null', { sourceTimeoutMs: null }, 'sourceTimeoutMs must be an integer ≥ 1, got null (null)'],
  [
    'sourceTimeoutMs past the timer limit',
    { sourceTimeoutMs: 2 ** 32 },
    `sourceTimeoutMs must be an integer ≤ ${timerLimit}, got 4294967296 (number)`,
  ],
  [
    'idleUnloadMs of 30 days',
    { idleUnloadMs: THIRTY_DAYS },
    `idleUnloadMs must be an integer ≤ ${timerLimit}, got 2592000000 (number)`,
  ],
  ['replayLimit NaN', { replayLimit: Number.NaN }, 'replayLimit must be an integer ≥ 0, got NaN (number)'],
  [
    'replayLimit beside a store of your own',
    { replayLimit: 5, store: createMemoryStore() },
    'replayLimit must be left out when a store is given (give it to the store: createMemoryStore({ replayLimit })), got 5 (number)',
  ],
  [
    'no source',
    { source: undefined },
    'source must be an object with loadProject and loadWorkspace methods, got undefined (undefined)',
  ],
  [
    'source without loadWorkspace',
    { source: { loadProject: async () => null } },
    'source.loadWorkspace must be a function, got undefined (undefined)',
  ],
  [
    'source.loadGitStats not a function',
    { source: { ...source, loadGitStats: true } },
    'source.loadGitStats must be a function when present, got true (boolean)',
  ],
  [
    'store without commit',
    { store: { ...createMemoryStore(), commit: undefined } },
    'store.commit must be a function, got undefined (undefined)',
  ],
  [
    'store without shared',
    { store: { ...createMemoryStore(), shared: 'no' } },
    'store.shared must be a boolean, got "no" (string)',
  ],
  [
    'logger without warn',
    { logger: { ...logger, warn: 'loud' } },
    'logger.warn must be a function, got "loud" (string)',
  ],
  ['now a number', { now: 5 }, 'now must be a function, got 5 (number)'],
  [
    'scheduler without schedule',
    { scheduler: { now: () => 0 } },
    'scheduler.schedule must be a function, got undefined (undefined)',
  ],
];

const endpointCases: [string, Record<string, unknown>, string][] = [
  [
    'path without a leading slash',
    { path: 'snapshots' },
    'path must be a string starting with "/" (no query or fragment), got "snapshots" (string)',
  ],
  [
    'path with a query',
    { path: '/snapshots?x=1' },
    'path must be a string starting with "/" (no query or fragment), got "/snapshots?x=1" (string)',
  ],
  ['authorize not a function', { authorize: true }, 'authorize must be a function, got true (boolean)'],
  ['authorizeTimeoutMs 0', { authorizeTimeoutMs: 0 }, 'authorizeTimeoutMs must be an integer ≥ 1, got 0 (number)'],
  [
    'authorizeTimeoutMs past the timer limit',
    { authorizeTimeoutMs: THIRTY_DAYS },
    `authorizeTimeoutMs must be an integer ≤ ${timerLimit}, got 2592000000 (number)`,
  ],
  [
    'heartbeatMs past the timer limit',
    { heartbeatMs: MAX + 1 },
    `heartbeatMs must be an integer ≤ ${timerLimit}, got 2147483648 (number)`,
  ],
  ['heartbeatMs as a string', { heartbeatMs: '30s' }, 'heartbeatMs must be an integer ≥ 1, got "30s" (string)'],
  ['maxBufferedBytes below 0', { maxBufferedBytes: -1 }, 'maxBufferedBytes must be an integer ≥ 0, got -1 (number)'],
  ['maxPayload 0', { maxPayload: 0 }, 'maxPayload must be an integer ≥ 1, got 0 (number)'],
  [
    'maxFramesPerSecond a fraction',
    { maxFramesPerSecond: 0.5 },
    'maxFramesPerSecond must be an integer ≥ 1, got 0.5 (number)',
  ],
  [
    'allowedOrigins a string',
    { allowedOrigins: 'https://a.test' },
    'allowedOrigins must be an array of origins or a function, got "https://a.test" (string)',
  ],
  [
    'logger without debug',
    { logger: { ...logger, debug: undefined } },
    'logger.debug must be a function, got undefined (undefined)',
  ],
  ['now a Date', { now: new Date(0) }, 'now must be a function, got "1970-01-01T00:00:00.000Z" (object)'],
  [
    'scheduler a function',
    { scheduler: () => 0 },
    'scheduler must be an object with now and schedule methods, got function scheduler (function)',
  ],
];

describe('createSnapshotService options', () => {
  it.each(serviceCases)('refuses %s', (_name, patch, message) => {
    expect(() => createSnapshotService({ source, ...patch } as unknown as SnapshotServiceOptions)).toThrow(message);
  });

  it('refuses options that are not an object', () => {
    expect(() => createSnapshotService(undefined as unknown as SnapshotServiceOptions)).toThrow(
      'createSnapshotService options must be an object, got undefined (undefined)',
    );
  });

  it('accepts every option at its bounds', () => {
    const service = createSnapshotService({
      source: { ...source, loadGitStats: async () => null },
      store: createMemoryStore(),
      coalesceMs: 0,
      reconcileIntervalMs: MAX,
      reconcileConcurrency: 1,
      gitConcurrency: 1,
      sourceTimeoutMs: MAX,
      idleUnloadMs: 0,
      logger,
      now: () => 0,
      scheduler: { now: () => 0, schedule: () => () => {} },
    });
    expect(Object.keys(service).sort()).toEqual(['flush', 'health', 'invalidate', 'reconcile', 'start', 'stop']);
  });
});

describe('attachSnapshotEndpoint options', () => {
  const attach = (options: unknown) => () =>
    attachSnapshotEndpoint(createServer(), createSnapshotService({ source }), options as SnapshotEndpointOptions);

  it.each(endpointCases)('refuses %s', (_name, options, message) => {
    expect(attach(options)).toThrow(message);
  });

  it('refuses a server that is not an HTTP server and a service not made by createSnapshotService', () => {
    const service = createSnapshotService({ source });
    expect(() => attachSnapshotEndpoint({} as never, service)).toThrow(
      'server must be a node:http or node:https Server, got {} (object)',
    );
    expect(() => attachSnapshotEndpoint(createServer(), { ...service })).toThrow(
      'service must be a SnapshotService made by createSnapshotService, got {} (object)',
    );
  });

  it('refuses options that are not an object', () => {
    expect(attach('fast')).toThrow('attachSnapshotEndpoint options must be an object, got "fast" (string)');
  });

  it('adds no upgrade listener when an option is refused', () => {
    const server = createServer();
    expect(() => attachSnapshotEndpoint(server, createSnapshotService({ source }), { heartbeatMs: 0 })).toThrow();
    expect(server.listenerCount('upgrade')).toBe(0);
  });
});

describe('createMemoryStore options', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['replayLimit below 0', { replayLimit: -1 }, 'replayLimit must be an integer ≥ 0, got -1 (number)'],
    ['replayLimit a string', { replayLimit: '10' }, 'replayLimit must be an integer ≥ 0, got "10" (string)'],
    ['newEpoch not a function', { newEpoch: 'e1' }, 'newEpoch must be a function, got "e1" (string)'],
  ])('refuses %s', (_name, options, message) => {
    expect(() => createMemoryStore(options as never)).toThrow(message);
  });
});

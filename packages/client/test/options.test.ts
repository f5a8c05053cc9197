// Every option of createSnapshotClient is checked when the client is created; an error names the option, what it must
// be, and the value it got with its type.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSnapshotClient, type SnapshotClientOptions } from '../src/index.js';
import { persistence } from '../src/persist.js';
import { createMemoryStorage, MockSnapshotServer } from '../src/testing/index.js';

const WebSocket = new MockSnapshotServer().WebSocket;
const base: SnapshotClientOptions = { url: 'ws://mock.test/snapshots', projectId: 'p1', WebSocket, startClosed: true };
const MAX = 2_147_483_647;

/** Creates a client from `base` with `override` (any value, as plain JavaScript could pass). */
function create(override: Record<string, unknown>) {
  return createSnapshotClient({ ...base, ...override } as SnapshotClientOptions);
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('options checked at creation', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['url', { url: 42 }, 'url must be a URL string or a function returning one, got 42 (number)'],
    ['url', { url: 'ftp://mock.test/x' }, 'url must use ws:, wss:, http: or https:, got "ftp://mock.test/x" (string)'],
    [
      'url',
      { url: '/snapshots' },
      'url must be an absolute ws:, wss:, http: or https: URL (or relative in a browser), got "/snapshots" (string)',
    ],
    [
      'url',
      { url: 'ws://mock.test/snapshots#live' },
      'url must not have a #fragment (a WebSocket URL cannot carry one), got "ws://mock.test/snapshots#live" (string)',
    ],
    ['projectId', { projectId: '' }, 'projectId must be a non-empty string, got "" (string)'],
    ['projectId', { projectId: 7 }, 'projectId must be a non-empty string, got 7 (number)'],
    ['token', { token: 5 }, 'token must be a string or a function, got 5 (number)'],
    [
      'WebSocket',
      { WebSocket: {} },
      'WebSocket must be a WebSocket class (a constructor with CLOSING === 2), got {} (object)',
    ],
    ['reconnect', { reconnect: 5 }, 'reconnect must be an object, got 5 (number)'],
    [
      'reconnect.minDelayMs',
      { reconnect: { minDelayMs: -1 } },
      `reconnect.minDelayMs must be an integer ≥ 0 and ≤ ${MAX}, got -1 (number)`,
    ],
    [
      'reconnect.minDelayMs',
      { reconnect: { minDelayMs: 2 ** 31 } },
      `reconnect.minDelayMs must be an integer ≥ 0 and ≤ ${MAX}, got 2147483648 (number)`,
    ],
    [
      'reconnect.maxDelayMs',
      { reconnect: { maxDelayMs: 100 } },
      `reconnect.maxDelayMs must be an integer ≥ 250 (reconnect.minDelayMs) and ≤ ${MAX}, got 100 (number)`,
    ],
    [
      'reconnect.maxDelayMs',
      { reconnect: { maxDelayMs: 30 * 24 * 3_600_000 } },
      `reconnect.maxDelayMs must be an integer ≥ 250 (reconnect.minDelayMs) and ≤ ${MAX}, got 2592000000 (number)`,
    ],
    [
      'reconnect.growFactor',
      { reconnect: { growFactor: 0.5 } },
      'reconnect.growFactor must be a finite number ≥ 1, got 0.5 (number)',
    ],
    ['reconnect.jitter', { reconnect: { jitter: 2 } }, 'reconnect.jitter must be a number ≥ 0 and ≤ 1, got 2 (number)'],
    ['heartbeat', { heartbeat: 'often' }, 'heartbeat must be an object, got "often" (string)'],
    [
      'heartbeat.intervalMs',
      { heartbeat: { intervalMs: 1.5 } },
      `heartbeat.intervalMs must be an integer ≥ 1 and ≤ ${MAX}, got 1.5 (number)`,
    ],
    [
      'heartbeat.intervalMs',
      { heartbeat: { intervalMs: 2 ** 32 } },
      `heartbeat.intervalMs must be an integer ≥ 1 and ≤ ${MAX}, got 4294967296 (number)`,
    ],
    [
      'heartbeat.timeoutMs',
      { heartbeat: { timeoutMs: Number.NaN } },
      `heartbeat.timeoutMs must be an integer ≥ 1 and ≤ ${MAX}, got NaN (number)`,
    ],
    [
      'connectTimeoutMs',
      { connectTimeoutMs: '100' },
      `connectTimeoutMs must be an integer ≥ 1 and ≤ ${MAX}, got "100" (string)`,
    ],
    [
      'connectTimeoutMs',
      { connectTimeoutMs: 2 ** 31 },
      `connectTimeoutMs must be an integer ≥ 1 and ≤ ${MAX}, got 2147483648 (number)`,
    ],
    ['staleAfterMs', { staleAfterMs: -1 }, `staleAfterMs must be an integer ≥ 0 and ≤ ${MAX}, got -1 (number)`],
    ['startClosed', { startClosed: 'yes' }, 'startClosed must be a boolean, got "yes" (string)'],
    ['onError', { onError: 'log' }, 'onError must be a function, got "log" (string)'],
    ['now', { now: 5 }, 'now must be a function, got 5 (number)'],
    ['random', { random: null }, 'random must be a function, got null'],
    ['timers', { timers: 5 }, 'timers must be an object, got 5 (number)'],
    ['timers.setTimeout', { timers: { clearTimeout() {} } }, 'timers.setTimeout must be a function, got undefined'],
    [
      'timers.clearTimeout',
      { timers: { setTimeout() {}, clearTimeout: 1 } },
      'timers.clearTimeout must be a function, got 1 (number)',
    ],
    [
      'persist',
      { persist: { storage: {}, namespace: 'u' } },
      'persist must be made by persistence() of @livesnap/client/persist, got { storage, namespace } (object)',
    ],
  ])('refuses a wrong %s, naming it, the expectation and the value', (_name, override, message) => {
    expect(() => create(override)).toThrow(message);
  });

  it('refuses options that are not an object', () => {
    expect(() => createSnapshotClient(null as unknown as SnapshotClientOptions)).toThrow(
      'options must be an object, got null',
    );
  });

  it('takes a relative url in a browser (where `location` exists)', () => {
    vi.stubGlobal('location', new URL('https://app.example.com/board'));
    expect(() => create({ url: '/snapshots' })).not.toThrow();
    expect(() => create({ url: '/snapshots#live' })).toThrow(/url must not have a #fragment/);
  });

  it('takes the longest duration timers keep, 2^31 - 1 ms', () => {
    expect(() =>
      create({
        reconnect: { minDelayMs: MAX, maxDelayMs: MAX },
        heartbeat: { intervalMs: MAX, timeoutMs: MAX },
        connectTimeoutMs: MAX,
        staleAfterMs: MAX,
      }),
    ).not.toThrow();
  });
});

describe('persistence() options, checked when it is called', () => {
  const storage = createMemoryStorage();
  it.each<[string, unknown, string]>([
    ['options', null, 'persistence options must be an object, got null'],
    ['storage', { namespace: 'u' }, 'storage must be an object, got undefined'],
    [
      'storage.save',
      { storage: { load() {}, remove() {} }, namespace: 'u' },
      'storage.save must be a function, got undefined',
    ],
    ['namespace', { storage, namespace: '' }, 'namespace must be a non-empty string, got "" (string)'],
    [
      'maxChars',
      { storage, namespace: 'u', maxChars: 0 },
      'maxChars must be an integer ≥ 1 and ≤ 9007199254740991, got 0 (number)',
    ],
  ])('refuses a wrong %s', (_name, options, message) => {
    expect(() => persistence(options as Parameters<typeof persistence>[0])).toThrow(message);
  });

  it('is taken by the client, which keeps its namespace', () => {
    const persist = persistence({ storage, namespace: 'user-1' });
    expect(persist.namespace).toBe('user-1');
    expect(() => create({ persist })).not.toThrow();
  });
});

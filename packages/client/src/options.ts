// The options of createSnapshotClient, checked field by field when the client is created: a wrong value throws an
// error that names it, instead of failing at the first drop or firing a timer at once.
import { type BackoffOptions, resolveBackoffOptions } from './backoff.js';
import {
  checkBoolean,
  checkFunction,
  checkInteger,
  checkNonEmptyString,
  checkObject,
  MAX_DELAY_MS,
  optional,
  refuse,
} from './check.js';
import { DEFAULT_CONNECT_TIMEOUT_MS } from './connection.js';
import { type HeartbeatOptions, resolveHeartbeatOptions } from './heartbeat.js';
import type { Persistence } from './persistence.js';
import { parseSnapshotUrl } from './snapshot-url.js';
import type { WebSocketConstructor } from './socket-factory.js';
import type { SnapshotClientError } from './store.js';
import { globalNow, globalTimers, type Timers } from './timers.js';

export interface SnapshotClientOptions {
  /** The endpoint (`ws[s]://HOST/snapshots`), or a function read before every (re)connect. */
  url: string | (() => string);
  projectId: string;
  /** Sent as the `token` query parameter (browsers cannot set headers); a function is called before every (re)connect. */
  token?: string | (() => string | Promise<string>);
  /** The WebSocket class; defaults to `globalThis.WebSocket` when connecting (pass `ws`'s `WebSocket` in Node 20). */
  WebSocket?: WebSocketConstructor;
  /** Backoff between attempts (defaults: 250 ms, 10 s, ×1.5, jitter 0.5: a random factor in [0.5, 1]). */
  reconnect?: Partial<BackoffOptions>;
  /** Application-level ping (defaults: every 15 s, dead after 10 s without pong). */
  heartbeat?: Partial<HeartbeatOptions>;
  /**
   * An attempt that has not opened within this long (getting the token and URL included) is abandoned and counts as a
   * failure (default 10 s).
   */
  connectTimeoutMs?: number;
  /**
   * How long the client must be not open (or silent while open, beyond the heartbeat) before `isStale` turns true
   * (default 5 s): a brief blip shows nothing.
   */
  staleAfterMs?: number;
  /** Do not connect until `connect()` is called. */
  startClosed?: boolean;
  /** Invalid frames, `error` frames from the server, failures that retrying will not mend, and closes that stop. */
  onError?: (error: SnapshotClientError) => void;
  /** The clock (ms), for stats and the time windows of the close and resync rules. */
  now?: () => number;
  /** The client's timers (heartbeat, backoff, deadlines): every timer it sets. */
  timers?: Timers;
  /** Random numbers in [0, 1) for the backoff's jitter. */
  random?: () => number;
  /**
   * Keep the state between page loads (off by default): `persistence({ storage, namespace })` of
   * `@livesnap/client/persist`. The saved state is shown at once on the next start, with `isStale`, while the client
   * asks to resume from it (README, *Persistence*).
   */
  persist?: Persistence;
}

/** How long the client may be not open before its data counts as stale (`isStale`). */
export const DEFAULT_STALE_AFTER_MS = 5_000;

/** The options with their defaults, every one checked. */
export interface ResolvedOptions {
  readonly url: string | (() => string);
  readonly projectId: string;
  readonly token: string | (() => string | Promise<string>) | undefined;
  /** Undefined: the global one, looked up when connecting. */
  readonly WebSocket: WebSocketConstructor | undefined;
  readonly backoff: BackoffOptions;
  readonly heartbeat: HeartbeatOptions;
  readonly connectTimeoutMs: number;
  readonly staleAfterMs: number;
  readonly startClosed: boolean;
  readonly onError: ((error: SnapshotClientError) => void) | undefined;
  readonly now: () => number;
  readonly timers: Timers;
  readonly random: () => number;
  readonly persist: Persistence | undefined;
}

/** The page's address in a browser (a relative `url` resolves against it), else undefined. */
export function pageHref(): string | undefined {
  return typeof location !== 'undefined' ? String(location.href) : undefined;
}

export function resolveClientOptions(input: SnapshotClientOptions): ResolvedOptions {
  const options = checkObject('options', input);
  return {
    url: checkUrl(options.url),
    projectId: checkNonEmptyString('projectId', options.projectId),
    token: optional(options.token, undefined, (v) =>
      typeof v === 'string' || typeof v === 'function'
        ? (v as ResolvedOptions['token'])
        : refuse('token', 'be a string or a function', v),
    ),
    WebSocket: optional(options.WebSocket, undefined, checkWebSocketClass),
    backoff: resolveBackoffOptions(options.reconnect),
    heartbeat: resolveHeartbeatOptions(options.heartbeat),
    connectTimeoutMs: optional(options.connectTimeoutMs, DEFAULT_CONNECT_TIMEOUT_MS, (v) =>
      checkInteger('connectTimeoutMs', v, 1, MAX_DELAY_MS),
    ),
    staleAfterMs: optional(options.staleAfterMs, DEFAULT_STALE_AFTER_MS, (v) =>
      checkInteger('staleAfterMs', v, 0, MAX_DELAY_MS),
    ),
    startClosed: optional(options.startClosed, false, (v) => checkBoolean('startClosed', v)),
    onError: optional(options.onError, undefined, (v) =>
      checkFunction<(error: SnapshotClientError) => void>('onError', v),
    ),
    now: optional(options.now, globalNow, (v) => checkFunction<() => number>('now', v)),
    timers: optional(options.timers, globalTimers, checkTimers),
    random: optional(options.random, Math.random, (v) => checkFunction<() => number>('random', v)),
    persist: optional(options.persist, undefined, checkPersist),
  };
}

function checkPersist(value: unknown): Persistence {
  if (typeof (value as Partial<Persistence> | null)?.attach !== 'function') {
    refuse('persist', 'be made by persistence() of @livesnap/client/persist', value);
  }
  return value as Persistence;
}

function checkUrl(value: unknown): string | (() => string) {
  if (typeof value === 'function') return value as () => string;
  if (typeof value !== 'string') refuse('url', 'be a URL string or a function returning one', value);
  parseSnapshotUrl(value, pageHref());
  return value;
}

function checkWebSocketClass(value: unknown): WebSocketConstructor {
  // Every WebSocket class (the browser's, `ws`'s, the testing fake) has the static CLOSING of the standard.
  if (typeof value !== 'function' || (value as { CLOSING?: unknown }).CLOSING !== 2) {
    refuse('WebSocket', 'be a WebSocket class (a constructor with CLOSING === 2)', value);
  }
  return value as WebSocketConstructor;
}

function checkTimers(value: unknown): Timers {
  const timers = checkObject('timers', value);
  checkFunction('timers.setTimeout', timers.setTimeout);
  checkFunction('timers.clearTimeout', timers.clearTimeout);
  return timers as unknown as Timers;
}

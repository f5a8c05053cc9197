// The application-level ping of PROTOCOL.md: browsers cannot see WebSocket pings, so a missing pong means a dead peer.
import { checkInteger, checkObject, MAX_DELAY_MS, optional } from './check.js';
import type { TimerHandle, Timers } from './timers.js';

export interface HeartbeatOptions {
  /** How often to ping an open connection (default 15 s). */
  intervalMs: number;
  /** How long a ping may wait for its pong before the connection counts as dead (default 10 s). */
  timeoutMs: number;
}

export const DEFAULT_HEARTBEAT: Readonly<HeartbeatOptions> = { intervalMs: 15_000, timeoutMs: 10_000 };

export interface Heartbeat {
  /** Starts pinging (after `intervalMs`); a no-op if running. */
  start(): void;
  /** Stops pinging and forgets the outstanding ping. */
  stop(): void;
  /** A pong arrived; only the answer to the outstanding ping counts. */
  pong(id: string): void;
  /** Pings at once (unless a ping is already outstanding): the page became visible or the browser came online. */
  checkNow(): void;
}

export function createHeartbeat(
  options: HeartbeatOptions,
  timers: Timers,
  effects: { sendPing(id: string): void; onDead(): void },
): Heartbeat {
  let running = false;
  let counter = 0;
  let outstanding: string | null = null;
  let tick: TimerHandle | null = null;
  let deadline: TimerHandle | null = null;

  const clear = () => {
    if (tick !== null) timers.clearTimeout(tick);
    if (deadline !== null) timers.clearTimeout(deadline);
    tick = deadline = null;
    outstanding = null;
  };

  const schedule = () => {
    tick = timers.setTimeout(() => {
      tick = null;
      ping();
      if (running) schedule();
    }, options.intervalMs);
  };

  const ping = () => {
    if (!running || outstanding !== null) return;
    counter += 1;
    const id = String(counter);
    outstanding = id;
    deadline = timers.setTimeout(() => {
      deadline = null;
      if (outstanding !== id) return;
      running = false;
      clear();
      effects.onDead();
    }, options.timeoutMs);
    effects.sendPing(id);
  };

  return {
    start() {
      if (running) return;
      running = true;
      schedule();
    },
    stop() {
      running = false;
      clear();
    },
    pong(id) {
      if (id !== outstanding) return;
      outstanding = null;
      if (deadline !== null) timers.clearTimeout(deadline);
      deadline = null;
    },
    checkNow() {
      ping();
    },
  };
}

/** Checks the `heartbeat` option field by field. */
export function resolveHeartbeatOptions(input: unknown): HeartbeatOptions {
  if (input === undefined) return { ...DEFAULT_HEARTBEAT };
  const given = checkObject('heartbeat', input);
  const duration = (key: keyof HeartbeatOptions) =>
    optional(given[key], DEFAULT_HEARTBEAT[key], (v) => checkInteger(`heartbeat.${key}`, v, 1, MAX_DELAY_MS));
  return { intervalMs: duration('intervalMs'), timeoutMs: duration('timeoutMs') };
}

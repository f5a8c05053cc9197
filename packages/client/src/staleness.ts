// Whether the client's data may be behind the server's (`isStale`): the client has not been open, or has heard
// nothing while open for longer than the heartbeat allows, for a grace period, so that a brief blip shows nothing.
import { MAX_DELAY_MS } from './check.js';
import type { TimerHandle, Timers } from './timers.js';

export interface StalenessLimits {
  /** How long an open connection may be silent: the heartbeat's interval plus its timeout. */
  readonly silenceMs: number;
  /** The grace period (`staleAfterMs`). */
  readonly graceMs: number;
}

export interface StalenessFacts {
  readonly open: boolean;
  /** When the last valid frame arrived, or null. */
  readonly heardAt: number | null;
  /** When the client left `open` (or started connecting without having been open), or null. */
  readonly downSince: number | null;
}

/**
 * When the data becomes stale if nothing more is heard and nothing changes (Infinity: never by itself): the grace
 * period after it became suspect, that is after the client left `open`, or after silence beyond the heartbeat.
 */
export function staleAt(facts: StalenessFacts, limits: StalenessLimits): number {
  const silentFrom = facts.heardAt === null ? Number.POSITIVE_INFINITY : facts.heardAt + limits.silenceMs;
  const suspectFrom = facts.open ? silentFrom : Math.min(facts.downSince ?? Number.POSITIVE_INFINITY, silentFrom);
  return suspectFrom + limits.graceMs;
}

export interface StalenessWatch {
  /** A valid hello arrived: the client is open and its data fresh. */
  opened(at: number): void;
  /** Another valid frame arrived: the data is fresh (no timer is set for it). */
  heard(at: number): void;
  /** The client is not open (a connection was lost, or `connect()` started): the grace period runs from the first. */
  down(at: number): void;
  /** The client closed: its data is stale at once, and nothing is watched any more. */
  closed(): void;
}

/**
 * Calls `onStale` when the data becomes stale. One timer at most, set for the earliest moment it could be: frames that
 * arrive meanwhile only move a time it checks when it fires, so a steady stream costs no timer per frame. None while
 * the data is stale (only a valid frame makes it fresh again) or the client is closed.
 */
export function createStalenessWatch(
  deps: { readonly timers: Timers; readonly now: () => number; readonly limits: StalenessLimits },
  onStale: () => void,
): StalenessWatch {
  const { timers, now, limits } = deps;
  let facts: StalenessFacts = { open: false, heardAt: null, downSince: null };
  let stale = false;
  let timer: TimerHandle | null = null;
  let timerAt = Number.POSITIVE_INFINITY;

  const cancel = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    timerAt = Number.POSITIVE_INFINITY;
  };

  const check = () => {
    timer = null;
    timerAt = Number.POSITIVE_INFINITY;
    if (now() < staleAt(facts, limits)) {
      watch();
      return;
    }
    stale = true;
    onStale();
  };

  function watch() {
    if (stale) return;
    const at = staleAt(facts, limits);
    if (at === Number.POSITIVE_INFINITY) cancel();
    else if (timer === null || at < timerAt) {
      cancel();
      timerAt = at;
      timer = timers.setTimeout(check, Math.min(Math.max(0, at - now()), MAX_DELAY_MS));
    }
  }

  return {
    opened(at) {
      stale = false;
      facts = { open: true, heardAt: at, downSince: null };
      watch();
    },
    heard(at) {
      stale = false;
      facts = { ...facts, heardAt: at };
      watch();
    },
    down(at) {
      facts = { open: false, heardAt: facts.heardAt, downSince: facts.downSince ?? at };
      watch();
    },
    closed() {
      cancel();
      stale = true;
    },
  };
}

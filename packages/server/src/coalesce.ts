// Per-key scheduling of recomputes: the first request after a quiet period runs on the next tick; requests while a
// run is in flight or within `coalesceMs` of its start merge into one trailing run; one key never runs twice at once.
import type { Scheduler } from './scheduler.js';

export interface CoalesceRequest {
  /** Also recompute the expensive git stats; merged by OR into the pending run. */
  readonly git: boolean;
}

export interface CoalescerOptions<K> {
  coalesceMs: number;
  run(key: K, request: CoalesceRequest): Promise<void>;
  scheduler: Scheduler;
  /** Called with a run's rejection; a run should handle its own errors, this is the last resort. */
  onError(key: K, error: unknown): void;
}

export interface Coalescer<K> {
  request(key: K, request: CoalesceRequest): void;
  /** Resolves once nothing is scheduled or running. */
  idle(): Promise<void>;
  /** Cancels every scheduled run, refuses new requests, and resolves once the running ones have finished. */
  stop(): Promise<void>;
}

type Phase =
  | { readonly name: 'quiet' }
  | { readonly name: 'scheduled'; git: boolean; readonly cancel: () => void }
  | { readonly name: 'running'; trailing: CoalesceRequest | null };

interface Entry {
  phase: Phase;
  /** When the last run started; starts of one key are at least `coalesceMs` apart. */
  lastStart: number;
}

/** How long to wait before the next run of a key whose last run started at `lastStart`. */
export function delayUntilNextRun(lastStart: number, now: number, coalesceMs: number): number {
  return Math.max(0, lastStart + coalesceMs - now);
}

export function createCoalescer<K>(options: CoalescerOptions<K>): Coalescer<K> {
  const { coalesceMs, run, scheduler, onError } = options;
  const entries = new Map<K, Entry>();
  let busy = 0;
  let stopped = false;
  let idleWaiters: (() => void)[] = [];
  let sweepAt = 1024;

  function schedule(key: K, entry: Entry, git: boolean): void {
    if (entry.phase.name === 'quiet') busy += 1;
    const delay = delayUntilNextRun(entry.lastStart, scheduler.now(), coalesceMs);
    entry.phase = { name: 'scheduled', git, cancel: scheduler.schedule(() => start(key, entry), delay) };
  }

  function start(key: K, entry: Entry): void {
    if (entry.phase.name !== 'scheduled') return;
    const { git } = entry.phase;
    // Timers may fire a little early by this clock; the spacing of starts is a promise, so wait out the rest.
    const early = delayUntilNextRun(entry.lastStart, scheduler.now(), coalesceMs);
    if (early > 0) {
      entry.phase = { name: 'scheduled', git, cancel: scheduler.schedule(() => start(key, entry), early) };
      return;
    }
    entry.phase = { name: 'running', trailing: null };
    entry.lastStart = scheduler.now();
    let running: Promise<void>;
    try {
      running = run(key, { git });
    } catch (error) {
      running = Promise.reject(error);
    }
    running.catch((error: unknown) => onError(key, error)).finally(() => finish(key, entry));
  }

  function finish(key: K, entry: Entry): void {
    const trailing = entry.phase.name === 'running' ? entry.phase.trailing : null;
    if (trailing && !stopped) {
      entry.phase = { name: 'quiet' };
      busy -= 1;
      schedule(key, entry, trailing.git);
      return;
    }
    entry.phase = { name: 'quiet' };
    busy -= 1;
    wakeIdleWaiters();
  }

  function wakeIdleWaiters(): void {
    if (busy !== 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Forgets keys that have been quiet for a whole window: they behave exactly like keys never seen. */
  function sweep(): void {
    const now = scheduler.now();
    for (const [key, entry] of entries) {
      if (entry.phase.name === 'quiet' && delayUntilNextRun(entry.lastStart, now, coalesceMs) === 0)
        entries.delete(key);
    }
    sweepAt = Math.max(1024, entries.size * 2);
  }

  function idle(): Promise<void> {
    return busy === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve));
  }

  return {
    request(key, request) {
      if (stopped) return;
      let entry = entries.get(key);
      if (!entry) {
        if (entries.size >= sweepAt) sweep();
        entry = { phase: { name: 'quiet' }, lastStart: Number.NEGATIVE_INFINITY };
        entries.set(key, entry);
      }
      const { phase } = entry;
      if (phase.name === 'scheduled') phase.git ||= request.git;
      else if (phase.name === 'running') phase.trailing = { git: (phase.trailing?.git ?? false) || request.git };
      else schedule(key, entry, request.git);
    },
    idle,
    stop() {
      stopped = true;
      for (const entry of entries.values()) {
        if (entry.phase.name !== 'scheduled') continue;
        entry.phase.cancel();
        entry.phase = { name: 'quiet' };
        busy -= 1;
      }
      wakeIdleWaiters();
      return idle();
    },
  };
}

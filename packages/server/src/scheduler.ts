// The clock and timers the server runs on, one injectable `Scheduler`, so that tests run on manual time.

export interface Scheduler {
  /** Monotonic milliseconds. */
  now(): number;
  /** Runs `fn` after `ms` (on the next tick when `ms` is 0); returns the cancel function. */
  schedule(fn: () => void, ms: number): () => void;
}

/** Node's timers, looked up at call time so that fake timers installed later are honoured. */
export const systemScheduler: Scheduler = {
  now: () => performance.now(),
  schedule(fn, ms) {
    if (ms <= 0) {
      const handle = setImmediate(fn);
      return () => clearImmediate(handle);
    }
    const handle = setTimeout(fn, ms);
    return () => clearTimeout(handle);
  },
};

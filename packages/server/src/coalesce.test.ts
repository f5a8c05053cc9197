import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type CoalesceRequest, createCoalescer, delayUntilNextRun } from './coalesce.js';
import { systemScheduler } from './scheduler.js';

interface Run {
  key: string;
  git: boolean;
  at: number;
  finish: () => void;
}

function setup(coalesceMs = 100) {
  const runs: Run[] = [];
  let running = 0;
  let maxRunning = 0;
  const coalescer = createCoalescer<string>({
    coalesceMs,
    scheduler: { now: () => Date.now(), schedule: systemScheduler.schedule },
    onError: () => {},
    run: (key: string, request: CoalesceRequest) =>
      new Promise<void>((resolve) => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        runs.push({
          key,
          git: request.git,
          at: Date.now(),
          finish: () => {
            running -= 1;
            resolve();
          },
        });
      }),
  });
  return { coalescer, runs, maxRunning: () => maxRunning };
}

describe('coalesce', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits until the last start plus the window, and no longer', () => {
    expect(delayUntilNextRun(Number.NEGATIVE_INFINITY, 5, 100)).toBe(0);
    expect(delayUntilNextRun(0, 30, 100)).toBe(70);
    expect(delayUntilNextRun(0, 250, 100)).toBe(0);
  });

  it('runs the first request after a quiet period on the next tick', async () => {
    const { coalescer, runs } = setup();
    coalescer.request('w1', { git: false });
    expect(runs).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(runs.map((r) => [r.key, r.at])).toEqual([['w1', 0]]);
  });

  it('merges requests made while a run is in flight into one trailing run a window after the start', async () => {
    const { coalescer, runs, maxRunning } = setup();
    coalescer.request('w1', { git: false });
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 50; i++) coalescer.request('w1', { git: false });
    await vi.advanceTimersByTimeAsync(300);
    expect(runs).toHaveLength(1);
    runs[0]!.finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toHaveLength(2);
    expect(runs[1]!.at).toBe(300);
    expect(maxRunning()).toBe(1);
  });

  it('merges requests within the window after a start into one run at the window end', async () => {
    const { coalescer, runs } = setup();
    coalescer.request('w1', { git: false });
    await vi.advanceTimersByTimeAsync(0);
    runs[0]!.finish();
    await vi.advanceTimersByTimeAsync(10);
    coalescer.request('w1', { git: false });
    await vi.advanceTimersByTimeAsync(20);
    coalescer.request('w1', { git: false });
    await vi.advanceTimersByTimeAsync(69);
    expect(runs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs.map((r) => r.at)).toEqual([0, 100]);
  });

  it('ORs the git flag of merged requests into the pending run', async () => {
    const { coalescer, runs } = setup();
    coalescer.request('w1', { git: false });
    coalescer.request('w1', { git: true });
    coalescer.request('w1', { git: false });
    await vi.advanceTimersByTimeAsync(0);
    coalescer.request('w1', { git: true });
    coalescer.request('w1', { git: false });
    runs[0]!.finish();
    await vi.advanceTimersByTimeAsync(100);
    expect(runs.map((r) => r.git)).toEqual([true, true]);
  });

  it('schedules each key on its own', async () => {
    const { coalescer, runs } = setup();
    coalescer.request('w1', { git: false });
    coalescer.request('w2', { git: false });
    await vi.advanceTimersByTimeAsync(0);
    expect(runs.map((r) => r.key)).toEqual(['w1', 'w2']);
  });

  it('starts runs of one key at least a window apart under a storm, never two at once', async () => {
    const { coalescer, runs, maxRunning } = setup();
    for (let t = 0; t < 1000; t += 7) {
      coalescer.request('w1', { git: false });
      coalescer.request('w2', { git: false });
      for (const run of runs) run.finish();
      await vi.advanceTimersByTimeAsync(7);
    }
    for (const run of runs) run.finish();
    await vi.advanceTimersByTimeAsync(200);
    for (const key of ['w1', 'w2']) {
      const starts = runs.filter((r) => r.key === key).map((r) => r.at);
      expect(starts.length).toBeLessThanOrEqual(11);
      for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(100);
    }
    expect(maxRunning()).toBe(2);
  });

  it('resolves idle() once nothing is scheduled or running', async () => {
    const { coalescer, runs } = setup();
    let idle = false;
    coalescer.request('w1', { git: false });
    void coalescer.idle().then(() => {
      idle = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(idle).toBe(false);
    runs[0]!.finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(idle).toBe(true);
  });

  it('cancels scheduled runs and refuses new requests once stopped', async () => {
    const { coalescer, runs } = setup();
    coalescer.request('w1', { git: false });
    await coalescer.stop();
    coalescer.request('w2', { git: false });
    await vi.advanceTimersByTimeAsync(500);
    expect(runs).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps starts a window apart even when its timers fire early', async () => {
    const starts: number[] = [];
    const coalescer = createCoalescer<string>({
      coalesceMs: 100,
      scheduler: {
        now: () => Date.now(),
        schedule: (fn, ms) => systemScheduler.schedule(fn, Math.max(0, ms - 3)),
      },
      onError: () => {},
      run: async () => {
        starts.push(Date.now());
      },
    });
    coalescer.request('w1', { git: false });
    await vi.advanceTimersByTimeAsync(0);
    coalescer.request('w1', { git: false });
    await vi.advanceTimersByTimeAsync(200);
    expect(starts).toEqual([0, 100]);
  });
});

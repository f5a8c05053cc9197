import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStalenessWatch, staleAt } from './staleness.js';
import { globalTimers, type Timers } from './timers.js';

const limits = { silenceMs: 25_000, graceMs: 5_000 };

describe('staleAt', () => {
  it('is the grace period after the client left open', () => {
    expect(staleAt({ open: false, heardAt: 100_000, downSince: 110_000 }, limits)).toBe(115_000);
  });

  it('is the grace period after silence beyond the heartbeat while open', () => {
    expect(staleAt({ open: true, heardAt: 100_000, downSince: null }, limits)).toBe(130_000);
  });

  it('counts from the silence when it began before the client left open', () => {
    expect(staleAt({ open: false, heardAt: 100_000, downSince: 140_000 }, limits)).toBe(130_000);
  });

  it('never comes by itself before the client connects', () => {
    expect(staleAt({ open: false, heardAt: null, downSince: null }, limits)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('createStalenessWatch', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function watch() {
    const set = vi.fn(globalTimers.setTimeout);
    const timers: Timers = { setTimeout: set, clearTimeout: globalTimers.clearTimeout };
    const onStale = vi.fn();
    return { watch: createStalenessWatch({ timers, now: Date.now, limits }, onStale), onStale, set };
  }

  it('calls onStale after the grace period once down, and not before', () => {
    const { watch: w, onStale } = watch();
    w.down(Date.now());
    vi.advanceTimersByTime(4_999);
    expect(onStale).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onStale).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('sets no timer for a frame while open: the one set moves when it fires', () => {
    const { watch: w, onStale, set } = watch();
    w.opened(Date.now());
    expect(set).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 100; i++) w.heard(Date.now());
    expect(set).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10_000);
    w.heard(Date.now());
    vi.advanceTimersByTime(20_000);
    expect(onStale).not.toHaveBeenCalled();
    expect(set).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(10_000);
    expect(onStale).toHaveBeenCalledTimes(1);
  });

  it('sets no timer while stale or closed', () => {
    const { watch: w, set } = watch();
    w.down(Date.now());
    vi.advanceTimersByTime(5_000);
    w.down(Date.now());
    w.closed();
    w.down(Date.now());
    expect(set).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});

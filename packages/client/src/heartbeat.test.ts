import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHeartbeat, resolveHeartbeatOptions } from './heartbeat.js';
import { globalTimers } from './timers.js';

describe('createHeartbeat', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup() {
    const pings: string[] = [];
    const onDead = vi.fn();
    const heartbeat = createHeartbeat({ intervalMs: 15_000, timeoutMs: 10_000 }, globalTimers, {
      sendPing: (id) => pings.push(id),
      onDead,
    });
    return { heartbeat, pings, onDead };
  }

  it('pings every interval while pongs come back', () => {
    const { heartbeat, pings, onDead } = setup();
    heartbeat.start();
    vi.advanceTimersByTime(14_999);
    expect(pings).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(pings).toEqual(['1']);
    heartbeat.pong('1');
    vi.advanceTimersByTime(15_000);
    expect(pings).toEqual(['1', '2']);
    heartbeat.pong('2');
    for (let i = 3; i < 10; i++) {
      vi.advanceTimersByTime(15_000);
      heartbeat.pong(String(i));
    }
    expect(pings).toHaveLength(9);
    expect(onDead).not.toHaveBeenCalled();
    heartbeat.stop();
  });

  it('declares the connection dead when no pong comes within the timeout', () => {
    const { heartbeat, onDead } = setup();
    heartbeat.start();
    vi.advanceTimersByTime(15_000 + 9_999);
    expect(onDead).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onDead).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ignores a pong with another id', () => {
    const { heartbeat, onDead } = setup();
    heartbeat.start();
    vi.advanceTimersByTime(15_000);
    heartbeat.pong('other');
    vi.advanceTimersByTime(10_000);
    expect(onDead).toHaveBeenCalledTimes(1);
  });

  it('pings at once on checkNow, but not twice while a ping is outstanding', () => {
    const { heartbeat, pings } = setup();
    heartbeat.start();
    heartbeat.checkNow();
    heartbeat.checkNow();
    expect(pings).toEqual(['1']);
    heartbeat.stop();
  });

  it('leaves no timer after stop', () => {
    const { heartbeat, onDead } = setup();
    heartbeat.start();
    vi.advanceTimersByTime(15_000);
    heartbeat.stop();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(100_000);
    expect(onDead).not.toHaveBeenCalled();
  });
});

describe('resolveHeartbeatOptions', () => {
  it('defaults to a ping every 15 s and a 10 s timeout', () => {
    expect(resolveHeartbeatOptions(undefined)).toEqual({ intervalMs: 15_000, timeoutMs: 10_000 });
  });
  it('names the wrong value', () => {
    expect(() => resolveHeartbeatOptions({ timeoutMs: 0 })).toThrow(/timeoutMs.*0/);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHelloDeadline, HELLO_WAIT_MAX_FACTOR, nextHelloWaitMs } from './hello-wait.js';
import { globalTimers } from './timers.js';

const arrived = (tookMs: number, full = true, progressVisible = false) =>
  ({ type: 'arrived', tookMs, full, progressVisible }) as const;

describe('nextHelloWaitMs', () => {
  it('doubles the wait after a hello that did not come, up to 16 times the timeout', () => {
    expect(nextHelloWaitMs(10_000, { type: 'timed-out' }, 10_000)).toBe(20_000);
    expect(nextHelloWaitMs(80_000, { type: 'timed-out' }, 10_000)).toBe(160_000);
    expect(nextHelloWaitMs(160_000, { type: 'timed-out' }, 10_000)).toBe(10_000 * HELLO_WAIT_MAX_FACTOR);
  });

  it('never waits longer than timers can count', () => {
    expect(nextHelloWaitMs(2 ** 31 - 1, { type: 'timed-out' }, 2 ** 31 - 1)).toBe(2 ** 31 - 1);
  });

  it('waits twice what the last full hello took, at least the timeout, where the download cannot be seen', () => {
    expect(nextHelloWaitMs(20_000, arrived(13_000), 10_000)).toBe(26_000);
    expect(nextHelloWaitMs(20_000, arrived(50), 10_000)).toBe(10_000);
    expect(nextHelloWaitMs(20_000, arrived(900_000), 10_000)).toBe(160_000);
  });

  it('goes back to the timeout where the download could be seen, and keeps the wait for a resumed hello', () => {
    expect(nextHelloWaitMs(40_000, arrived(30_000, true, true), 10_000)).toBe(10_000);
    expect(nextHelloWaitMs(40_000, arrived(10, false), 10_000)).toBe(40_000);
  });
});

describe('createHelloDeadline', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function deadline(receivedBytes: () => number | null) {
    const expired: { code: string; reason: string }[] = [];
    const hello = createHelloDeadline(
      { timers: globalTimers, now: Date.now, timeoutMs: 1_000, receivedBytes },
      (failure) => expired.push(failure),
    );
    return { hello, expired };
  }

  it('gives up after the wait when nothing can be seen arriving, and waits twice as long next time', () => {
    const { hello, expired } = deadline(() => null);
    hello.arm('hello');
    vi.advanceTimersByTime(999);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual([
      { code: 'hello_timeout', reason: 'no hello within 1000 ms of the socket opening; the next wait is 2000 ms' },
    ]);
    expect(hello.armed).toBe(false);
    hello.arm('resync');
    vi.advanceTimersByTime(1_999);
    expect(expired).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(expired[1]).toMatchObject({ code: 'resync_timeout', reason: expect.stringMatching(/of a resync/) });
  });

  it('waits as long as bytes keep arriving, and gives up after a timeout without any', () => {
    let bytes = 100;
    const { hello, expired } = deadline(() => bytes);
    hello.arm('hello');
    for (let i = 0; i < 10; i++) {
      bytes += 64 * 1024;
      vi.advanceTimersByTime(1_000);
    }
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(expired).toEqual([
      {
        code: 'hello_timeout',
        reason: 'the hello stopped arriving: nothing for 1000 ms after 655360 bytes; the next wait is 2000 ms',
      },
    ]);
  });

  it('says when nothing at all arrived where it could be seen', () => {
    const { hello, expired } = deadline(() => 100);
    hello.arm('hello');
    vi.advanceTimersByTime(1_000);
    expect(expired[0]?.reason).toBe(
      'no hello within 1000 ms of the socket opening, and nothing arrived; the next wait is 2000 ms',
    );
  });

  it('stops on a hello, learning from how long a full one took', () => {
    const { hello, expired } = deadline(() => null);
    hello.arm('hello');
    vi.advanceTimersByTime(800);
    hello.arrived(true);
    expect(hello.armed).toBe(false);
    hello.arm('resync');
    vi.advanceTimersByTime(1_599);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('leaves no timer once cleared', () => {
    const { hello } = deadline(() => null);
    hello.arm('hello');
    hello.clear();
    expect(hello.armed).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });
});

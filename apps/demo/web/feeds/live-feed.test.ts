import { describe, expect, it } from 'vitest';
import { liveConnectionView } from './live-feed.js';

const open = {
  status: 'open',
  error: null,
  nextAttemptAt: null,
  epoch: 'e1a2b3c4d5',
  seq: 42,
  lastMessageAt: 1,
  isStale: false,
} as const;

describe('liveConnectionView', () => {
  it('shows an open client as live, with its epoch and seq', () => {
    expect(liveConnectionView(open)).toEqual({
      state: 'live',
      isStale: false,
      reason: null,
      detail: 'epoch e1a2b3c4 · seq 42',
      retryAt: null,
    });
  });

  it('shows a lost connection as reconnecting, with the close that caused it and whether the data may be behind', () => {
    const error = { code: 1001, message: 'the server is going away' };
    expect(liveConnectionView({ ...open, status: 'reconnecting', error, isStale: true })).toMatchObject({
      state: 'reconnecting',
      isStale: true,
      reason: '1001: the server is going away',
    });
  });

  it("carries the client's nextAttemptAt while reconnecting, and never otherwise", () => {
    const error = { code: 1006, message: 'connection lost' };
    expect(liveConnectionView({ ...open, status: 'reconnecting', error, nextAttemptAt: 12_500 }).retryAt).toBe(12_500);
    expect(liveConnectionView({ ...open, nextAttemptAt: 12_500 }).retryAt).toBeNull();
  });

  it('shows a stopped client with the reason it stopped, and a first connection as connecting', () => {
    const error = { code: 4404, message: 'no project "nope"' };
    expect(liveConnectionView({ ...open, status: 'closed', error, epoch: null, seq: null })).toEqual({
      state: 'stopped',
      isStale: false,
      reason: '4404: no project "nope"',
      detail: null,
      retryAt: null,
    });
    expect(liveConnectionView({ ...open, status: 'connecting', epoch: null }).state).toBe('connecting');
  });
});

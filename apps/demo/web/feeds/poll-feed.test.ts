import { describe, expect, it } from 'vitest';
import { pollConnectionView } from './poll-feed.js';

describe('pollConnectionView', () => {
  it('shows polling with both intervals and the time of the last answer', () => {
    const at = new Date(2026, 0, 1, 9, 5, 7).getTime();
    expect(pollConnectionView({ dataUpdatedAt: at, error: null })).toEqual({
      state: 'polling',
      isStale: false,
      reason: null,
      detail: 'sidebar every 2 s, board every 15 s · last answer 09:05:07',
    });
  });

  it('marks the data as stale with the reason while the polls fail', () => {
    const view = pollConnectionView({ dataUpdatedAt: 0, error: new Error('the demo is stopping') });
    expect(view).toMatchObject({ isStale: true, reason: 'the demo is stopping' });
    expect(view.detail).toBe('sidebar every 2 s, board every 15 s');
  });
});

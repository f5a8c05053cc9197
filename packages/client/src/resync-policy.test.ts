import { describe, expect, it } from 'vitest';
import { decideResync, INITIAL_RESYNC_STATE } from './resync-policy.js';

describe('decideResync', () => {
  it('sends a resync when none is pending', () => {
    const { decision, state } = decideResync(INITIAL_RESYNC_STATE, 0);
    expect(decision).toBe('send');
    expect(state).toEqual({ pending: true, sentAt: [0] });
  });

  it('sends one resync at a time', () => {
    const first = decideResync(INITIAL_RESYNC_STATE, 0);
    expect(decideResync(first.state, 1).decision).toBe('pending');
  });

  it('reconnects instead when a third resync is needed within 30 s', () => {
    let state = INITIAL_RESYNC_STATE;
    const decisions = [0, 10_000, 29_999].map((now) => {
      const result = decideResync(state, now);
      state = { ...result.state, pending: false }; // each hello came
      return result.decision;
    });
    expect(decisions).toEqual(['send', 'send', 'reconnect']);
  });

  it('sends again once the older resyncs are 30 s old', () => {
    let state = INITIAL_RESYNC_STATE;
    const decisions = [0, 10_000, 30_000, 39_999, 40_000].map((now) => {
      const result = decideResync(state, now);
      state = { ...result.state, pending: false };
      return result.decision;
    });
    expect(decisions).toEqual(['send', 'send', 'send', 'reconnect', 'send']);
  });
});

import { describe, expect, it } from 'vitest';
import { type ClosePolicyState, decideAfterClose, INITIAL_CLOSE_POLICY_STATE } from './close-policy.js';

function closes(codes: readonly [code: number, at: number][]) {
  let state: ClosePolicyState = INITIAL_CLOSE_POLICY_STATE;
  return codes.map(([code, at]) => {
    const result = decideAfterClose(state, code, at);
    state = result.state;
    return result.decision;
  });
}

describe('decideAfterClose', () => {
  it.each([4400, 4403, 4404])('stops on %i', (code) => {
    expect(closes([[code, 0]])).toEqual([{ action: 'stop' }]);
  });

  it.each([1000, 1001, 1006, 1009, 1011, 4429, 4503, 4000, 3000])('reconnects with backoff on %i', (code) => {
    expect(closes([[code, 0]])).toEqual([{ action: 'reconnect', delay: 'backoff' }]);
  });

  it('backs off on the first two 4401 in a row and stops at the third', () => {
    expect(
      closes([
        [4401, 0],
        [4401, 1],
        [4401, 2],
      ]),
    ).toEqual([
      { action: 'reconnect', delay: 'backoff' },
      { action: 'reconnect', delay: 'backoff' },
      { action: 'stop' },
    ]);
  });

  it('counts 4401 only in a row: another close code resets the count', () => {
    const decisions = closes([
      [4401, 0],
      [4401, 1],
      [1006, 2],
      [4401, 3],
      [4401, 4],
    ]);
    expect(decisions.every((d) => d.action === 'reconnect')).toBe(true);
  });

  it('reconnects at once on a 4409, and backs off on a second one within 30 s', () => {
    expect(
      closes([
        [4409, 0],
        [4409, 29_999],
      ]),
    ).toEqual([
      { action: 'reconnect', delay: 'immediate' },
      { action: 'reconnect', delay: 'backoff' },
    ]);
  });

  it('reconnects at once again on a 4409 that comes 30 s or more after the previous one', () => {
    expect(
      closes([
        [4409, 0],
        [1006, 10_000],
        [4409, 30_000],
      ]),
    ).toEqual([
      { action: 'reconnect', delay: 'immediate' },
      { action: 'reconnect', delay: 'backoff' },
      { action: 'reconnect', delay: 'immediate' },
    ]);
  });
});

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

  describe('the protocol version (PROTOCOL.md, Versions)', () => {
    const asking = (protocol: 1 | 2): ClosePolicyState => ({ ...INITIAL_CLOSE_POLICY_STATE, protocol });

    it('asks for the newest version first', () => {
      expect(INITIAL_CLOSE_POLICY_STATE.protocol).toBe(2);
    });

    it('falls back at once to the highest version a refusal lists that it speaks, and stays on it', () => {
      const { decision, state } = decideAfterClose(asking(2), 4400, 0, 'unsupported protocol; supported: 1');
      expect(decision).toEqual({ action: 'reconnect', delay: 'immediate' });
      expect(state.protocol).toBe(1);
      for (const code of [1006, 1011, 4409, 4401, 4503])
        expect(decideAfterClose(state, code, 1).state.protocol).toBe(1);
    });

    it('reads the first release’s refusal, which listed no versions, as version 1', () => {
      const { decision, state } = decideAfterClose(asking(2), 4400, 0, 'protocol 2 is not supported');
      expect([decision.action, state.protocol]).toEqual(['reconnect', 1]);
    });

    it('asks for the newest again once a server goes away (1001), as the next may be a newer one', () => {
      expect(decideAfterClose(asking(1), 1001, 0)).toEqual({
        decision: { action: 'reconnect', delay: 'backoff' },
        state: asking(2),
      });
    });

    it('moves up to a listed version with backoff, so that servers that disagree cannot make it spin', () => {
      const up = decideAfterClose(asking(1), 4400, 0, 'unsupported protocol; supported: 2, 3');
      expect(up).toEqual({ decision: { action: 'reconnect', delay: 'backoff' }, state: asking(2) });
      // Down at once, up with backoff: a pair of servers that refuse each other's version alternate with a delay.
      const down = decideAfterClose(up.state, 4400, 1, 'unsupported protocol; supported: 1');
      expect(down.decision).toEqual({ action: 'reconnect', delay: 'immediate' });
    });

    it.each([
      ['a 4400 about something else', 'projectId is required'],
      ['a refusal that lists no version it speaks', 'unsupported protocol; supported: 3, 4'],
      ['a refusal that lists only the version it asked for', 'unsupported protocol; supported: 2'],
    ])('stops on %s, as for any bad request', (_name, reason) => {
      expect(decideAfterClose(asking(2), 4400, 0, reason)).toEqual({ decision: { action: 'stop' }, state: asking(2) });
    });
  });
});

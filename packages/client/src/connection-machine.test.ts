import { describe, expect, it } from 'vitest';
import { type Effect, IDLE, type MachineEvent, type MachineState, transition } from './connection-machine.js';

/** Runs `events` from `state`, returning the last state and every effect in order. */
function run(state: MachineState, ...events: MachineEvent[]) {
  const effects: Effect[] = [];
  for (const event of events) {
    const next = transition(state, event);
    state = next.state;
    effects.push(...next.effects);
  }
  return { state, effects };
}

const open = () => run(IDLE, { type: 'start' }, { type: 'opened' }).state;
const greeted = (at = 0) => run(open(), { type: 'hello', at }).state;
const closed = (code: number, at = 1) =>
  ({ type: 'closed', code, reason: '', error: null, httpStatus: null, at }) as const;

describe('the connection machine', () => {
  it('keeps reconnecting after a 4401 on every connection that had a hello (a token that expires and is refreshed)', () => {
    let state = greeted();
    for (let expiry = 1; expiry <= 5; expiry += 1) {
      const after = run(state, closed(4401, expiry * 10_000));
      expect(after.state).toMatchObject({ phase: 'waiting', policy: { unauthorizedInARow: 1 } });
      expect(after.effects.at(-1)).toMatchObject({ type: 'report', close: { code: 4401, stopped: false } });
      state = run(
        after.state,
        { type: 'delay-over' },
        { type: 'opened' },
        { type: 'hello', at: expiry * 10_000 + 1 },
      ).state;
      expect(state.policy.unauthorizedInARow).toBe(0);
    }
  });

  it('stops at the third 4401 with no hello between them', () => {
    const first = run(greeted(), closed(4401)).state;
    const second = run(first, { type: 'delay-over' }, { type: 'opened' }, closed(4401, 2)).state;
    const third = run(second, { type: 'delay-over' }, { type: 'opened' }, closed(4401, 3));
    expect(third.state.phase).toBe('idle');
    expect(third.effects.at(-1)).toMatchObject({ type: 'report', close: { code: 4401, stopped: true } });
  });

  it('starts with a fresh transport and a first attempt that is not a reconnect', () => {
    expect(run(IDLE, { type: 'start' })).toEqual({
      state: { ...IDLE, phase: 'connecting', attempts: 1 },
      effects: [{ type: 'create-transport' }, { type: 'begin-attempt', reconnect: false }],
    });
  });

  it('backs off after an attempt that failed before its socket, with the failures so far, and counts one more', () => {
    const { state, effects } = run(
      IDLE,
      { type: 'start' },
      {
        type: 'attempt-failed',
        failure: { code: 'token', reason: 'auth down' },
      },
    );
    expect(state).toMatchObject({ phase: 'waiting', failures: 1 });
    expect(effects.slice(2)).toEqual([
      { type: 'cancel-attempt' },
      {
        type: 'report',
        close: { code: 'token', reason: 'auth down', stopped: false },
        retry: { after: 'backoff', failures: 0 },
      },
    ]);
  });

  it('starts a reconnect attempt when the delay is over', () => {
    const waiting = run(IDLE, { type: 'start' }, closed(1006)).state;
    expect(transition(waiting, { type: 'delay-over' })).toEqual({
      state: { ...waiting, phase: 'connecting', attempts: 2 },
      effects: [{ type: 'cancel-delay' }, { type: 'begin-attempt', reconnect: true }],
    });
  });

  it('reports a socket that closed before it opened as connect_failed, with the reason', () => {
    const { effects } = run(
      IDLE,
      { type: 'start' },
      { type: 'closed', code: 1006, reason: 'blocked port', error: null, httpStatus: null, at: 1 },
    );
    expect(effects.at(-1)).toMatchObject({
      close: { code: 'connect_failed', reason: 'the connection could not be made: blocked port', stopped: false },
    });
  });

  it('reports an upgrade the server refused with an HTTP status as upgrade_refused, and backs off', () => {
    const { state, effects } = run(
      IDLE,
      { type: 'start' },
      {
        type: 'closed',
        code: 1006,
        reason: '',
        error: 'Unexpected server response: 431',
        httpStatus: 431,
        at: 1,
      },
    );
    expect(state).toMatchObject({ phase: 'waiting', failures: 1 });
    expect(effects.at(-1)).toMatchObject({
      close: { code: 'upgrade_refused', reason: expect.stringMatching(/HTTP 431 .*token/), stopped: false },
      retry: { after: 'backoff', failures: 0 },
    });
  });

  it('abandons a socket once, and reports its close with the client code and a backoff', () => {
    const failure = { code: 'heartbeat_timeout', reason: 'no pong' };
    const abandoned = run(
      open(),
      { type: 'abandon', failure },
      { type: 'abandon', failure: { code: 'x', reason: '' } },
    );
    expect(abandoned.effects).toEqual([{ type: 'abandon-socket', reason: 'no pong' }]);
    const { state, effects } = run(abandoned.state, closed(1006));
    expect(state).toMatchObject({ phase: 'waiting', abandoned: null, failures: 1 });
    expect(effects.at(-1)).toEqual({
      type: 'report',
      close: { code: 'heartbeat_timeout', reason: 'no pong', stopped: false },
      retry: { after: 'backoff', failures: 0 },
    });
  });

  it('resets the backoff for a connection that closes 5 s after its first valid hello', () => {
    const failing = { ...greeted(1_000), failures: 4 };
    expect(run(failing, closed(1006, 5_999)).state.failures).toBe(5);
    expect(run(failing, closed(1006, 6_000)).state.failures).toBe(1);
    expect(run(failing, closed(1006, 6_000)).effects.at(-1)).toMatchObject({ retry: { failures: 0 } });
  });

  it('does not reset it for a socket that stayed open without a hello, however long', () => {
    const silent = { ...open(), failures: 4 };
    expect(run(silent, closed(1006, 3_600_000)).state.failures).toBe(5);
  });

  it('counts only the first hello of a connection', () => {
    const state = run(greeted(1_000), { type: 'hello', at: 9_000 }).state;
    expect(state.helloAt).toBe(1_000);
  });

  it('stops on a terminal close code: the transport is retired and the report says stopped', () => {
    const { state, effects } = run(open(), closed(4404));
    expect(state.phase).toBe('idle');
    expect(effects).toEqual([
      { type: 'retire-transport' },
      { type: 'report', close: { code: 4404, reason: '', stopped: true }, retry: null },
    ]);
  });

  it('reconnects at once on a first 4409 without counting a failure', () => {
    const { state, effects } = run(open(), closed(4409));
    expect(state).toMatchObject({ phase: 'waiting', failures: 0 });
    expect(effects.at(-1)).toMatchObject({ retry: { after: 'immediate' } });
  });

  it('ignores an open of a socket it already abandoned', () => {
    const connecting = run(
      IDLE,
      { type: 'start' },
      {
        type: 'abandon',
        failure: { code: 'connect_timeout', reason: 'slow' },
      },
    ).state;
    expect(transition(connecting, { type: 'opened' })).toEqual({ state: connecting, effects: [] });
  });

  it('stops from any running phase, cancelling the delay, the attempt and the transport', () => {
    for (const state of [run(IDLE, { type: 'start' }).state, open(), run(open(), closed(1006)).state]) {
      expect(transition(state, { type: 'stop' })).toEqual({
        state: expect.objectContaining({ phase: 'idle' }),
        effects: [{ type: 'cancel-delay' }, { type: 'cancel-attempt' }, { type: 'retire-transport' }],
      });
    }
  });

  it('changes nothing for events that do not apply to the phase', () => {
    const events: MachineEvent[] = [
      { type: 'stop' },
      { type: 'delay-over' },
      { type: 'opened' },
      { type: 'hello', at: 0 },
      closed(1006),
      { type: 'abandon', failure: { code: 'x', reason: '' } },
      { type: 'attempt-failed', failure: { code: 'x', reason: '' } },
    ];
    for (const event of events) expect(transition(IDLE, event)).toEqual({ state: IDLE, effects: [] });
  });

  it('falls back at once on a 4400 that lists another protocol version, and stops on any other 4400', () => {
    const refused = { ...closed(4400), reason: 'unsupported protocol; supported: 1' };
    const { state, effects } = run(open(), refused);
    expect(state).toMatchObject({ phase: 'waiting', failures: 0, policy: { protocol: 1 } });
    expect(effects).toEqual([
      {
        type: 'report',
        close: { code: 4400, reason: 'unsupported protocol; supported: 1', stopped: false },
        retry: { after: 'immediate' },
      },
    ]);
    expect(run(open(), { ...closed(4400), reason: 'projectId is required' }).state.phase).toBe('idle');
  });

  it('forgets a fallback when started anew', () => {
    const fellBack = run(open(), { ...closed(4400), reason: 'unsupported protocol; supported: 1' }, { type: 'stop' });
    expect(fellBack.state.policy.protocol).toBe(1);
    expect(run(fellBack.state, { type: 'start' }).state.policy.protocol).toBe(2);
  });
});

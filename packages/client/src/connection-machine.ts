// The connection's lifecycle as a pure transition function: a state and an event give the next state and the effects
// to run (timers, sockets, reports). `connection.ts` runs the effects; nothing here touches a timer, socket or clock.
import { BACKOFF_RESET_AFTER_MS } from './backoff.js';
import {
  type ClosePolicyState,
  credentialsAccepted,
  decideAfterClose,
  INITIAL_CLOSE_POLICY_STATE,
} from './close-policy.js';

/**
 * - `idle`: nothing runs (never started, stopped, or ended by a terminal close code);
 * - `waiting`: the delay before the next attempt is running;
 * - `connecting`: an attempt is under way: its URL (token included) is being built, or its socket is CONNECTING;
 * - `open`: the socket is open.
 */
export type ConnectionPhase = 'idle' | 'waiting' | 'connecting' | 'open';

/** A failure the client found itself (its own code: `connect_timeout`, `heartbeat_timeout`, `token`, …). */
export interface ClientFailure {
  readonly code: string;
  readonly reason: string;
}

export interface MachineState {
  readonly phase: ConnectionPhase;
  /** Consecutive failures: the exponent of the next backoff delay. */
  readonly failures: number;
  /** Attempts since `start`; every one after the first is a reconnect. */
  readonly attempts: number;
  readonly policy: ClosePolicyState;
  /**
   * When the current connection had its first valid hello: PROTOCOL.md's "open". A connection that stays open 5 s
   * past it resets the backoff; one that never greets (an overloaded server) does not, however long its socket lived.
   */
  readonly helloAt: number | null;
  /** The client gave up the current socket: its close is reported with this failure, and backs off. */
  readonly abandoned: ClientFailure | null;
}

export const IDLE: MachineState = {
  phase: 'idle',
  failures: 0,
  attempts: 0,
  policy: INITIAL_CLOSE_POLICY_STATE,
  helloAt: null,
  abandoned: null,
};

export type MachineEvent =
  | { readonly type: 'start' }
  | { readonly type: 'stop' }
  /** The delay is over (its timer fired, or the page woke up). */
  | { readonly type: 'delay-over' }
  | { readonly type: 'opened' }
  /** The connection's first valid hello arrived (later ones change nothing). */
  | { readonly type: 'hello'; readonly at: number }
  /** The client gives up the socket of the current attempt or connection (a socket exists). */
  | { readonly type: 'abandon'; readonly failure: ClientFailure }
  /** The attempt failed before it had a socket: its token, its URL, or its deadline. */
  | { readonly type: 'attempt-failed'; readonly failure: ClientFailure }
  /** The current socket closed (see transport.ts's SocketClose). */
  | {
      readonly type: 'closed';
      readonly code: number;
      readonly reason: string;
      readonly error: string | null;
      readonly httpStatus: number | null;
      readonly at: number;
    };

/** How a close is reported: the code (a close code, or the client's own), and whether the client stopped. */
export interface CloseReport {
  readonly code: number | string;
  readonly reason: string;
  readonly stopped: boolean;
}

/** When to try again: at once, or after the backoff delay for this many consecutive failures. */
export type Retry = { readonly after: 'immediate' } | { readonly after: 'backoff'; readonly failures: number };

export type Effect =
  /** A fresh transport for the session: nothing of a stopped one can reach it. */
  | { readonly type: 'create-transport' }
  | { readonly type: 'retire-transport' }
  | { readonly type: 'begin-attempt'; readonly reconnect: boolean }
  | { readonly type: 'cancel-attempt' }
  | { readonly type: 'socket-opened' }
  | { readonly type: 'abandon-socket'; readonly reason: string }
  | { readonly type: 'cancel-delay' }
  /** Arms the delay of `retry` (when there is one), then reports the close: always the last effect. */
  | { readonly type: 'report'; readonly close: CloseReport; readonly retry: Retry | null };

export interface Transition {
  readonly state: MachineState;
  readonly effects: readonly Effect[];
}

const unchanged = (state: MachineState): Transition => ({ state, effects: [] });

export function transition(state: MachineState, event: MachineEvent): Transition {
  switch (event.type) {
    case 'start':
      if (state.phase !== 'idle') return unchanged(state);
      return {
        state: { ...IDLE, phase: 'connecting', attempts: 1 },
        effects: [{ type: 'create-transport' }, { type: 'begin-attempt', reconnect: false }],
      };
    case 'stop':
      if (state.phase === 'idle') return unchanged(state);
      return {
        state: { ...state, phase: 'idle', helloAt: null, abandoned: null },
        effects: [{ type: 'cancel-delay' }, { type: 'cancel-attempt' }, { type: 'retire-transport' }],
      };
    case 'delay-over':
      if (state.phase !== 'waiting') return unchanged(state);
      return {
        state: { ...state, phase: 'connecting', attempts: state.attempts + 1 },
        effects: [{ type: 'cancel-delay' }, { type: 'begin-attempt', reconnect: state.attempts + 1 > 1 }],
      };
    case 'opened':
      if (state.phase !== 'connecting' || state.abandoned !== null) return unchanged(state);
      return { state: { ...state, phase: 'open', helloAt: null }, effects: [{ type: 'socket-opened' }] };
    case 'hello':
      if (state.phase !== 'open' || state.helloAt !== null) return unchanged(state);
      return { state: { ...state, helloAt: event.at, policy: credentialsAccepted(state.policy) }, effects: [] };
    case 'abandon':
      if ((state.phase !== 'open' && state.phase !== 'connecting') || state.abandoned !== null) return unchanged(state);
      return {
        state: { ...state, abandoned: event.failure },
        effects: [{ type: 'abandon-socket', reason: event.failure.reason }],
      };
    case 'attempt-failed':
      if (state.phase !== 'connecting') return unchanged(state);
      return backOff(state, { code: event.failure.code, reason: event.failure.reason, stopped: false });
    case 'closed':
      return onClosed(state, event);
  }
}

function onClosed(state: MachineState, event: Extract<MachineEvent, { type: 'closed' }>): Transition {
  if (state.phase !== 'open' && state.phase !== 'connecting') return unchanged(state);
  const stayedOpen = state.helloAt !== null && event.at - state.helloAt >= BACKOFF_RESET_AFTER_MS;
  const rested: MachineState = { ...state, failures: stayedOpen ? 0 : state.failures, helloAt: null };
  if (state.abandoned !== null) {
    const { code, reason } = state.abandoned;
    return backOff(
      { ...rested, abandoned: null, policy: { ...state.policy, unauthorizedInARow: 0 } },
      { code, reason, stopped: false },
    );
  }
  if (state.phase === 'connecting') {
    if (event.httpStatus !== null) return backOff(rested, refusedUpgrade(event.httpStatus));
    // The socket never opened, so no server sent this close: the platform's code says nothing more than a failure.
    const detail = event.reason || event.error;
    return backOff(rested, {
      code: 'connect_failed',
      reason: `the connection could not be made${detail ? `: ${detail}` : ''}`,
      stopped: false,
    });
  }
  const { decision, state: policy } = decideAfterClose(state.policy, event.code, event.at, event.reason);
  // A close without a reason of the server's may still have one of the platform's (`ws` names a protocol error).
  const close = { code: event.code, reason: event.reason || (event.error ?? '') };
  if (decision.action === 'stop') {
    return {
      state: { ...rested, phase: 'idle', policy },
      effects: [{ type: 'retire-transport' }, { type: 'report', close: { ...close, stopped: true }, retry: null }],
    };
  }
  if (decision.delay === 'immediate') {
    return {
      state: { ...rested, phase: 'waiting', policy },
      effects: [{ type: 'report', close: { ...close, stopped: false }, retry: { after: 'immediate' } }],
    };
  }
  return backOff({ ...rested, policy }, { ...close, stopped: false });
}

/** An upgrade the server answered with an HTTP status (seen with `ws` only): retrying the same request will not help. */
function refusedUpgrade(status: number): CloseReport {
  const hint =
    status === 431
      ? ' (request header fields too large: the URL, token included, is longer than the server takes; shorten the token)'
      : status === 414
        ? ' (URI too long: shorten the token)'
        : '';
  return {
    code: 'upgrade_refused',
    reason: `the server refused the WebSocket upgrade with HTTP ${status}${hint}`,
    stopped: false,
  };
}

/** Waits the backoff delay for the failures so far, and counts one more. */
function backOff(state: MachineState, close: CloseReport): Transition {
  return {
    state: { ...state, phase: 'waiting', failures: state.failures + 1, helloAt: null, abandoned: null },
    effects: [
      { type: 'cancel-attempt' },
      { type: 'report', close, retry: { after: 'backoff', failures: state.failures } },
    ],
  };
}

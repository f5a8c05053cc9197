// What the client does after its socket closed: PROTOCOL.md's close-code table plus the client's own counters, and
// the protocol version it asks for next (PROTOCOL.md's Versions).
import {
  CloseCode,
  closeCodeInfo,
  PROTOCOL_VERSION,
  type ProtocolVersion,
  supportedProtocolsIn,
} from '@livesnap/protocol';

/** A 4409 within this long of the previous one backs off instead of reconnecting at once. */
export const SLOW_CONSUMER_WINDOW_MS = 30_000;
/**
 * This many 4401 closes in a row stop the client. "In a row" means with no valid hello between them: a token that
 * expires on an open connection (the server closes it with 4401 at the grant's `expiresAt`) and is refreshed by the
 * reconnect starts the count afresh, however many times that happens.
 */
export const MAX_UNAUTHORIZED_IN_A_ROW = 3;

/** What the policy remembers from one close to the next. */
export interface ClosePolicyState {
  readonly unauthorizedInARow: number;
  readonly lastSlowConsumerAt: number | null;
  /** The protocol version the next connection asks for: the newest, or a fallback's. */
  readonly protocol: ProtocolVersion;
}

export const INITIAL_CLOSE_POLICY_STATE: ClosePolicyState = {
  unauthorizedInARow: 0,
  lastSlowConsumerAt: null,
  protocol: PROTOCOL_VERSION,
};

export type CloseDecision =
  | { readonly action: 'stop' }
  | { readonly action: 'reconnect'; readonly delay: 'immediate' | 'backoff' };

/** A valid hello arrived: the credentials were accepted, so a run of 4401 closes is over. */
export function credentialsAccepted(state: ClosePolicyState): ClosePolicyState {
  return state.unauthorizedInARow === 0 ? state : { ...state, unauthorizedInARow: 0 };
}

/**
 * The decision for a close with `code` (and the server's `reason`) at time `now`:
 * 4400/4403/4404 stop, but a 4400 whose reason lists protocol versions, one of which the client speaks other than the
 * one it asked for, reconnects with the highest of them: at once when it is lower than the one refused, with backoff
 * when higher (so that servers that disagree cannot make it spin); 4401 reconnects with backoff (the token is read
 * again before every attempt) and stops at the third in a row; 4409 reconnects at once unless another came within
 * 30 s; everything else backs off and resumes. The version asked for stays until a server goes away (1001: the next may
 * be a newer one, asked for the newest version again) or the client is started anew.
 */
export function decideAfterClose(
  state: ClosePolicyState,
  code: number,
  now: number,
  reason = '',
): { decision: CloseDecision; state: ClosePolicyState } {
  const { action } = closeCodeInfo(code);
  const unauthorizedInARow = code === CloseCode.Unauthorized ? state.unauthorizedInARow + 1 : 0;
  // A 4400 that lists versions the client speaks: the highest of them other than the one refused (0: none).
  const listed = (code === CloseCode.BadRequest && supportedProtocolsIn(reason)) || [];
  const fallback = Math.max(0, ...listed.filter((v) => v <= PROTOCOL_VERSION && v !== state.protocol));
  if (fallback > 0) {
    return {
      decision: { action: 'reconnect', delay: fallback < state.protocol ? 'immediate' : 'backoff' },
      state: { ...state, unauthorizedInARow, protocol: fallback as ProtocolVersion },
    };
  }
  // A server going away may be followed by a newer one: the next connection asks for the newest version again.
  const kept: ClosePolicyState = code === CloseCode.GoingAway ? { ...state, protocol: PROTOCOL_VERSION } : state;
  switch (action) {
    case 'stop':
      return { decision: { action: 'stop' }, state: { ...kept, unauthorizedInARow } };
    case 'reauthorize':
      return {
        decision:
          unauthorizedInARow >= MAX_UNAUTHORIZED_IN_A_ROW
            ? { action: 'stop' }
            : { action: 'reconnect', delay: 'backoff' },
        state: { ...kept, unauthorizedInARow },
      };
    case 'immediate': {
      const recent = state.lastSlowConsumerAt !== null && now - state.lastSlowConsumerAt < SLOW_CONSUMER_WINDOW_MS;
      return {
        decision: { action: 'reconnect', delay: recent ? 'backoff' : 'immediate' },
        state: { ...kept, unauthorizedInARow, lastSlowConsumerAt: now },
      };
    }
    case 'backoff':
      return { decision: { action: 'reconnect', delay: 'backoff' }, state: { ...kept, unauthorizedInARow } };
  }
}

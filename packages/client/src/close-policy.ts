// What the client does after its socket closed: PROTOCOL.md's close-code table plus the client's own counters.
import { CloseCode, closeCodeInfo } from '@livesnap/protocol';

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
}

export const INITIAL_CLOSE_POLICY_STATE: ClosePolicyState = { unauthorizedInARow: 0, lastSlowConsumerAt: null };

export type CloseDecision =
  | { readonly action: 'stop' }
  | { readonly action: 'reconnect'; readonly delay: 'immediate' | 'backoff' };

/** A valid hello arrived: the credentials were accepted, so a run of 4401 closes is over. */
export function credentialsAccepted(state: ClosePolicyState): ClosePolicyState {
  return state.unauthorizedInARow === 0 ? state : { ...state, unauthorizedInARow: 0 };
}

/**
 * The decision for a close with `code` at time `now`:
 * 4400/4403/4404 stop; 4401 reconnects with backoff (the token is read again before every attempt) and stops at the
 * third in a row (no valid hello between them: `credentialsAccepted`); 4409 reconnects at once unless another came within 30 s; everything else backs off and resumes.
 */
export function decideAfterClose(
  state: ClosePolicyState,
  code: number,
  now: number,
): { decision: CloseDecision; state: ClosePolicyState } {
  const { action } = closeCodeInfo(code);
  const unauthorizedInARow = code === CloseCode.Unauthorized ? state.unauthorizedInARow + 1 : 0;
  switch (action) {
    case 'stop':
      return { decision: { action: 'stop' }, state: { ...state, unauthorizedInARow } };
    case 'reauthorize':
      return {
        decision:
          unauthorizedInARow >= MAX_UNAUTHORIZED_IN_A_ROW
            ? { action: 'stop' }
            : { action: 'reconnect', delay: 'backoff' },
        state: { ...state, unauthorizedInARow },
      };
    case 'immediate': {
      const recent = state.lastSlowConsumerAt !== null && now - state.lastSlowConsumerAt < SLOW_CONSUMER_WINDOW_MS;
      return {
        decision: { action: 'reconnect', delay: recent ? 'backoff' : 'immediate' },
        state: { unauthorizedInARow, lastSlowConsumerAt: now },
      };
    }
    case 'backoff':
      return { decision: { action: 'reconnect', delay: 'backoff' }, state: { ...state, unauthorizedInARow } };
  }
}

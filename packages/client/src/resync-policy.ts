// Whether the client may ask for a resync now, or must reconnect instead so that a broken peer cannot make it spin.

/** At most this many resyncs within `RESYNC_WINDOW_MS`; the next one reconnects with backoff instead. */
export const MAX_RESYNCS_IN_WINDOW = 2;
export const RESYNC_WINDOW_MS = 30_000;

export interface ResyncState {
  /** A resync was sent and its hello has not come yet. */
  readonly pending: boolean;
  /** When the recent resyncs were sent (only those within the window are kept). */
  readonly sentAt: readonly number[];
}

export const INITIAL_RESYNC_STATE: ResyncState = { pending: false, sentAt: [] };

/** `send`: send a resync now; `pending`: one is already on its way, wait for it; `reconnect`: too many, reconnect. */
export type ResyncDecision = 'send' | 'pending' | 'reconnect';

export function decideResync(state: ResyncState, now: number): { decision: ResyncDecision; state: ResyncState } {
  if (state.pending) return { decision: 'pending', state };
  const recent = state.sentAt.filter((at) => now - at < RESYNC_WINDOW_MS);
  if (recent.length >= MAX_RESYNCS_IN_WINDOW)
    return { decision: 'reconnect', state: { pending: false, sentAt: recent } };
  return { decision: 'send', state: { pending: true, sentAt: [...recent, now] } };
}

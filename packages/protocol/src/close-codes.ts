// The close codes of PROTOCOL.md, with what each means and what a client does about it: one table for all sides.

export const CloseCode = {
  Normal: 1000,
  GoingAway: 1001,
  Abnormal: 1006,
  MessageTooBig: 1009,
  InternalError: 1011,
  BadRequest: 4400,
  Unauthorized: 4401,
  Forbidden: 4403,
  NotFound: 4404,
  SlowConsumer: 4409,
  RateLimited: 4429,
  TryLater: 4503,
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/**
 * What a client does after a close:
 * - `stop`: do not reconnect, surface the error;
 * - `backoff`: reconnect with backoff and resume;
 * - `immediate`: reconnect at once and resume (a second within 30 s backs off);
 * - `reauthorize`: refresh the token and reconnect with backoff; stop after 3 in a row.
 */
export type CloseAction = 'stop' | 'backoff' | 'immediate' | 'reauthorize';

export interface CloseCodeInfo {
  readonly meaning: string;
  readonly action: CloseAction;
}

export const CLOSE_CODES: Readonly<Record<CloseCode, CloseCodeInfo>> = {
  1000: { meaning: 'normal close', action: 'backoff' },
  1001: { meaning: 'server shutting down', action: 'backoff' },
  1006: { meaning: 'connection lost without a close frame', action: 'backoff' },
  1009: { meaning: "frame larger than the server's maxPayload", action: 'backoff' },
  1011: { meaning: 'server error', action: 'backoff' },
  4400: { meaning: 'bad request: missing or invalid projectId, or unsupported protocol', action: 'stop' },
  4401: { meaning: 'no or bad credentials', action: 'reauthorize' },
  4403: { meaning: 'not allowed to see this project', action: 'stop' },
  4404: { meaning: 'project does not exist', action: 'stop' },
  4409: { meaning: 'slow consumer: the client fell too far behind and was dropped', action: 'immediate' },
  4429: { meaning: 'too many frames from the client', action: 'backoff' },
  4503: { meaning: 'try later: the data source cannot serve the project now', action: 'backoff' },
};

/** The table's entry for a code; any code it does not list reconnects with backoff. */
export function closeCodeInfo(code: number): CloseCodeInfo {
  return (CLOSE_CODES as Record<number, CloseCodeInfo | undefined>)[code] ?? { meaning: 'unknown', action: 'backoff' };
}

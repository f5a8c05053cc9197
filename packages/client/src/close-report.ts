// How the client tells of a close: the message `state.error` carries, and which of its own failures `onError` hears
// although the client keeps retrying.
import { closeCodeInfo } from '@livesnap/protocol';
import type { ConnectionClose } from './connection.js';

/**
 * The client's own failures passed to `onError` although the client keeps retrying: those that retrying the same
 * request will not mend (a token function that throws, a URL it cannot use, an upgrade the server refused), and a
 * hello that did not come (a silent server, or a download too slow for the wait: the next wait is longer). A lost
 * connection, a failed attempt, a dead heartbeat and a `drop()` are not: they are what reconnecting is for.
 */
const REPORTED: ReadonlySet<string> = new Set(['token', 'url', 'upgrade_refused', 'hello_timeout', 'resync_timeout']);

/** Whether `onError` hears of a close after which the client keeps retrying. */
export function reportedWhileRetrying(code: number | string): boolean {
  return typeof code === 'string' && REPORTED.has(code);
}

/** What `state.error.message` says of a close: the close code's meaning and the reason, or the client's own reason. */
export function describeClose(close: Pick<ConnectionClose, 'code' | 'reason'>): string {
  if (typeof close.code === 'string') return close.reason;
  const meaning = closeCodeInfo(close.code).meaning;
  return `${meaning} (${close.code})${close.reason ? `: ${close.reason}` : ''}`;
}

// What goes to Redis and comes back, as text: a change as the commit script's arguments, a snapshot's JSON without its
// `version` (the script appends the seq it assigns), the commit payload a channel carries, and the replay log's
// entries. Redis holds only what this package wrote, so what comes back is parsed, not validated again.
import type { CommittedMessage, FieldChange, StreamMessage, VisibleField, WorkspaceSnapshot } from '@livesnap/protocol';
import type { Change, UnversionedSnapshot } from '@livesnap/server';

/** The snapshot's JSON without `version`, ending in `}` (the scripts append `,"version":<seq>}`). */
export function unversionedJson(snapshot: UnversionedSnapshot): string {
  const { version: _version, ...rest } = snapshot as UnversionedSnapshot & { version?: number };
  return JSON.stringify(rest);
}

/** The commit script's four arguments for a change. */
export function changeArgs(change: Change): string[] {
  return change.type === 'upsert'
    ? ['u', change.snapshot.workspaceId, String(change.ticket), unversionedJson(change.snapshot)]
    : ['r', change.workspaceId, String(change.ticket), ''];
}

/**
 * What a message's log entry and channel payload say it changed: `c`, the changed visible fields comma-separated (`*`
 * for a first appearance, '' for a remove), and `b`, the version they changed from ('' when not known: an entry or
 * payload written by an instance from before the log kept it).
 */
interface ChangeText {
  readonly c: string;
  readonly b: string;
}

/** What a project's channel carries: one commit's messages, or the news that the project was deleted. */
export type ChannelPayload = { epoch: string; messages: CommittedMessage[] } | { ended: true };

export function parsePayload(text: string): ChannelPayload {
  const payload = JSON.parse(text) as
    | { epoch: string; messages: StreamMessage[]; changes?: ChangeText[] }
    | { ended: true };
  if ('ended' in payload) return payload;
  const { epoch, messages, changes = [] } = payload;
  return { epoch, messages: messages.map((message, i) => committed(message, changes[i])) };
}

export function parseSnapshots(jsons: readonly string[]): WorkspaceSnapshot[] {
  return jsons.map((json) => JSON.parse(json) as WorkspaceSnapshot);
}

/** The replay log's entries as the SINCE script returns them: each its message's JSON, `c` and `b`. */
export function parseLogEntries(entries: readonly (readonly [string, string, string])[]): CommittedMessage[] {
  return entries.map(([json, c, b]) => committed(JSON.parse(json) as StreamMessage, { c, b }));
}

/** A message as the log wrote it, with what it changed: the one form the server keeps committed messages in. */
function committed(message: StreamMessage, change: ChangeText | undefined): CommittedMessage {
  if (message.type !== 'upsert') return message as CommittedMessage;
  return { ...message, change: fieldChange(change) };
}

function fieldChange(change: ChangeText | undefined): FieldChange | null {
  if (change === undefined || change.c === '*' || change.c === '' || change.b === '') return null;
  return { fields: change.c.split(',') as VisibleField[], baseVersion: Number(change.b) };
}

// What goes to Redis and comes back, as text: a change as the commit script's arguments, a snapshot's JSON without its
// `version` (the script appends the seq it assigns), and the commit payload a channel carries. Redis holds only what
// this package wrote, so what comes back is parsed, not validated again.
import type { StreamMessage, WorkspaceSnapshot } from '@livesnap/protocol';
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

/** What a project's channel carries: one commit's messages, or the news that the project was deleted. */
export type ChannelPayload = { epoch: string; messages: StreamMessage[] } | { ended: true };

export function parsePayload(text: string): ChannelPayload {
  return JSON.parse(text) as ChannelPayload;
}

export function parseSnapshots(jsons: readonly string[]): WorkspaceSnapshot[] {
  return jsons.map((json) => JSON.parse(json) as WorkspaceSnapshot);
}

export function parseMessages(jsons: readonly string[]): StreamMessage[] {
  return jsons.map((json) => JSON.parse(json) as StreamMessage);
}

// Version 2's `patch`: made from the one form a server keeps a committed message in (the whole snapshot, and the names
// of the visible fields that changed), and applied by a client to the snapshot it is based on. The server, the mock
// server and the client share these, so that what one writes is what the other reads.
import type { VisibleField } from './derive.js';
import type {
  PatchFields,
  PatchMessage,
  ProtocolVersion,
  RemoveMessage,
  StreamMessage,
  UpsertMessage,
} from './messages.js';
import type { WorkspaceSnapshot } from './snapshot.js';

/** What an upsert changed in a workspace the project held: the visible fields, and the version they changed from. */
export interface FieldChange {
  readonly fields: readonly VisibleField[];
  readonly baseVersion: number;
}

/**
 * A committed stream message in the one form a server keeps it in, whatever its clients speak: a remove, or an upsert
 * with the whole snapshot and its `change` (null for a workspace's first appearance, or when the changed fields are
 * not known: it is then sent whole in every version).
 */
export type CommittedMessage = RemoveMessage | (UpsertMessage & { readonly change: FieldChange | null });

/** The identity of a workspace is never patched: a change of it is sent whole. */
const IDENTITY: ReadonlySet<string> = new Set(['workspaceId', 'projectId']);

/**
 * The message as a connection of `version` receives it: version 1 gets every upsert whole; version 2 gets a `patch`
 * for an upsert whose changed fields are known, and the message as it is otherwise.
 */
export function messageInVersion(message: CommittedMessage, version: ProtocolVersion): StreamMessage {
  if (message.type === 'remove') return message;
  const { seq, snapshot, change } = message;
  if (version === 1 || change === null || change.fields.some((field) => IDENTITY.has(field))) {
    return { type: 'upsert', seq, snapshot };
  }
  return patchOf(seq, snapshot, change);
}

function patchOf(seq: number, snapshot: WorkspaceSnapshot, change: FieldChange): PatchMessage {
  const set: Record<string, unknown> = {};
  for (const field of change.fields) set[field] = snapshot[field];
  return {
    type: 'patch',
    seq,
    workspaceId: snapshot.workspaceId,
    baseVersion: change.baseVersion,
    version: snapshot.version,
    computedAt: snapshot.computedAt,
    source: snapshot.source,
    set: set as PatchFields,
  };
}

/**
 * `held` with the patch applied: the fields of `set` replaced, and the patch's metadata. The caller has checked that
 * `held` is the patch's base (its workspace, at `baseVersion`); `held` itself is left as it was.
 */
export function applyPatch(held: WorkspaceSnapshot, patch: PatchMessage): WorkspaceSnapshot {
  return { ...held, ...patch.set, version: patch.version, computedAt: patch.computedAt, source: patch.source };
}

// The saved form of a client's state (README, *Persistence*): a resume request written as JSON text, and the checks
// that decide whether a saved text may be shown at all. The snapshots are saved, never the wire form, so an entry
// serves a client of either protocol version.
import {
  describeIssues,
  type FullHelloMessage,
  PROTOCOL_VERSION,
  ServerMessageSchema,
  type WorkspaceSnapshot,
} from '@livesnap/protocol';
import { frameProblem } from './frame-check.js';
import type { SequenceState } from './sequence.js';
import { buildWorkspaceMap } from './workspace-map.js';

/** This package's version (package.json's, checked by a test): an entry written by another release is dropped. */
export const CLIENT_VERSION = '0.1.0';

/**
 * The entry's format, the client's release and the newest protocol version, in one string: an entry with any other is
 * dropped whole, never half-read.
 */
export const PERSIST_VERSION = `livesnap-client/1 ${CLIENT_VERSION} protocol/${PROTOCOL_VERSION}`;

/** The storage key: the user-chosen namespace and the project, each encoded so that no two pairs share a key. */
export function persistKey(namespace: string, projectId: string): string {
  return `livesnap/${encodeURIComponent(namespace)}/${encodeURIComponent(projectId)}`;
}

/** The saved form: a full hello's fields (checked by the protocol's own schema) and the client's own. */
export interface PersistedEntry {
  readonly version: string;
  readonly namespace: string;
  readonly projectId: string;
  /** When it was saved (the client's `now()`). */
  readonly savedAt: number;
  readonly epoch: string;
  readonly seq: number;
  readonly snapshots: readonly WorkspaceSnapshot[];
  /** SequenceState's `versions`: kept objects' newer versions and the tombstones of removed workspaces. */
  readonly versions: readonly (readonly [string, number])[];
}

/** Who an entry is for: the client that reads it must be the one that wrote it. */
export interface EntryOwner {
  readonly namespace: string;
  readonly projectId: string;
}

/** The entry of `sequence` as saved at `savedAt` (the client's `now()`). */
export function encodeEntry(owner: EntryOwner, sequence: SequenceState, savedAt: number): string {
  const entry: PersistedEntry = {
    version: PERSIST_VERSION,
    namespace: owner.namespace,
    projectId: owner.projectId,
    savedAt,
    epoch: sequence.epoch!,
    seq: sequence.seq!,
    snapshots: [...sequence.workspaces.values()],
    versions: [...sequence.versions],
  };
  return JSON.stringify(entry);
}

export type DecodedEntry =
  | { readonly ok: true; readonly sequence: SequenceState; readonly savedAt: number }
  | { readonly ok: false; readonly reason: string };

/**
 * The sequencing state an entry restores, awaiting a hello (the URL asks to resume from its epoch and `seq`), or why
 * it cannot be used: not JSON, another version, another namespace or project than its key says, or anything the
 * protocol's schemas or a hello's rules refuse.
 */
export function decodeEntry(text: unknown, owner: EntryOwner): DecodedEntry {
  let entry: Partial<Record<keyof PersistedEntry, unknown>> | null;
  try {
    entry = JSON.parse(text as string);
  } catch {
    return fail('it is not JSON text');
  }
  if (entry?.version !== PERSIST_VERSION) return fail(`its version is ${JSON.stringify(entry?.version)}`);
  if (entry.namespace !== owner.namespace || entry.projectId !== owner.projectId) {
    return fail(`it is for namespace ${JSON.stringify(entry.namespace)}, project ${JSON.stringify(entry.projectId)}`);
  }
  if (typeof entry.savedAt !== 'number' || !Array.isArray(entry.versions) || !entry.versions.every(isVersionPair)) {
    return fail('its savedAt or versions are invalid');
  }
  // The workspaces, epoch and seq are what a full hello carries: the protocol's schema and a hello's rules check them.
  const parsed = ServerMessageSchema.safeParse(
    {
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      projectId: entry.projectId,
      epoch: entry.epoch,
      seq: entry.seq,
      resumed: false,
      snapshots: entry.snapshots,
    },
    { reportInput: true },
  );
  if (!parsed.success) return fail(describeIssues(parsed.error.issues));
  const hello = parsed.data as FullHelloMessage;
  const problem = frameProblem(hello, owner.projectId);
  if (problem !== null) return fail(problem);
  return {
    ok: true,
    savedAt: entry.savedAt,
    sequence: {
      epoch: hello.epoch,
      seq: hello.seq,
      awaitingHello: true,
      resumeAsked: false,
      workspaces: buildWorkspaceMap(hello.snapshots),
      versions: new Map(entry.versions as [string, number][]),
    },
  };
}

/** `[workspaceId, version]`. */
function isVersionPair(pair: unknown): boolean {
  return Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && Number.isInteger(pair[1]);
}

const fail = (reason: string): DecodedEntry => ({ ok: false, reason });

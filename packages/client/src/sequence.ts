// The client's duty of PROTOCOL.md as pure functions: which frames apply, which are duplicates, gaps or stale, and
// which patches have their base.
import type { HelloMessage, StreamMessage, WorkspaceSnapshot } from '@livesnap/protocol';
import { applyPatch, visibleFieldsEqual } from '@livesnap/protocol';
import {
  buildWorkspaceMap,
  EMPTY_WORKSPACES,
  type PersistentWorkspaceMap,
  WorkspaceMapDraft,
} from './workspace-map.js';

export interface SequenceState {
  readonly epoch: string | null;
  /** The `seq` of the last message applied (`lastSeq`), or of the last hello. */
  readonly seq: number | null;
  /** After a (re)connect, a gap or an invalid frame, stream frames are ignored until a hello arrives. */
  readonly awaitingHello: boolean;
  /**
   * The current connection asked to resume from `epoch` and `seq` and has not had a hello yet: only that first hello
   * may be a resumed one. A resync asks for the full state, and a hello that comes unasked is never a resume.
   */
  readonly resumeAsked: boolean;
  readonly workspaces: PersistentWorkspaceMap;
  /**
   * The versions the held objects do not tell (read them with `versionOf`): a workspace whose object was kept because
   * its visible fields were equal (the object keeps its older `version`, so that nothing re-renders), and removed
   * workspaces (tombstones). Every other workspace's version is its object's.
   *
   * Unlike the rest of the state this is private bookkeeping, never published: `receiveStream` changes it in place
   * (O(1) a message, where a copy per remove made a long epoch of creates and removes quadratic), so a state it was
   * given must not be used again. A hello starts a new one.
   */
  readonly versions: Map<string, number>;
}

/** The highest version of `workspaceId` seen in this epoch (removed ones included), if any. */
export function versionOf(
  state: { readonly workspaces: Pick<PersistentWorkspaceMap, 'get'>; readonly versions: Map<string, number> },
  workspaceId: string,
): number | undefined {
  return state.versions.get(workspaceId) ?? state.workspaces.get(workspaceId)?.version;
}

/** A new client's state (a function: each state owns its record of versions). */
export function initialSequenceState(): SequenceState {
  return {
    epoch: null,
    seq: null,
    awaitingHello: true,
    resumeAsked: false,
    workspaces: EMPTY_WORKSPACES,
    versions: new Map(),
  };
}

export type StreamDecision = 'apply' | 'duplicate' | 'gap' | 'awaiting-hello';

/** `lastSeq + 1` applies, `<= lastSeq` is a duplicate, anything later is a gap; nothing applies while awaiting a hello. */
export function decideStreamMessage(state: Pick<SequenceState, 'seq' | 'awaitingHello'>, seq: number): StreamDecision {
  if (state.awaitingHello || state.seq === null) return 'awaiting-hello';
  if (seq <= state.seq) return 'duplicate';
  if (seq === state.seq + 1) return 'apply';
  return 'gap';
}

export type HelloOutcome =
  | { readonly kind: 'replaced' | 'resumed'; readonly state: SequenceState }
  | { readonly kind: 'rejected'; readonly reason: string };

/**
 * A full hello replaces everything, `seq` included, whatever the epoch; a workspace whose visible fields are equal to
 * the one held keeps its object (and if all do, the whole map keeps its identity; else each ordered view that holds the
 * same objects keeps its own). A resumed hello is accepted only as the first hello of a connection that asked to
 * resume, for the epoch and `seq` the client holds. (Whether the hello is about the client's project at all is
 * frame-check.ts's rule, checked before.)
 */
export function receiveHello(state: SequenceState, hello: HelloMessage): HelloOutcome {
  if (hello.resumed) {
    if (!state.resumeAsked) {
      return {
        kind: 'rejected',
        reason: `resumed hello at epoch ${hello.epoch} seq ${hello.seq}, but the client did not ask to resume`,
      };
    }
    if (hello.epoch !== state.epoch || hello.seq !== state.seq) {
      return {
        kind: 'rejected',
        reason: `resumed hello at epoch ${hello.epoch} seq ${hello.seq}, but the client holds epoch ${String(state.epoch)} seq ${String(state.seq)}`,
      };
    }
    return { kind: 'resumed', state: { ...state, awaitingHello: false, resumeAsked: false } };
  }
  const versions = new Map<string, number>();
  let unchanged = hello.snapshots.length === state.workspaces.size;
  const snapshots = hello.snapshots.map((snapshot): WorkspaceSnapshot => {
    const held = state.workspaces.get(snapshot.workspaceId);
    if (held === undefined || !visibleFieldsEqual(held, snapshot)) {
      unchanged = false;
      return snapshot;
    }
    if (held.version !== snapshot.version) versions.set(snapshot.workspaceId, snapshot.version);
    return held;
  });
  return {
    kind: 'replaced',
    state: {
      epoch: hello.epoch,
      seq: hello.seq,
      awaitingHello: false,
      resumeAsked: false,
      workspaces: unchanged ? state.workspaces : buildWorkspaceMap(snapshots, state.workspaces),
      versions,
    },
  };
}

export interface StreamOutcome {
  readonly state: SequenceState;
  /** Messages that took the next `seq` (stale upserts included: their `seq` counts, their snapshot does not). */
  readonly applied: number;
  readonly duplicates: number;
  /** Upserts and patches whose version was not above the one held: their snapshot was dropped. */
  readonly stale: number;
  /** Messages ignored because a hello is awaited. */
  readonly ignored: number;
  /**
   * A message skipped a `seq`, or was a patch whose base the client does not hold: it and everything after it were not
   * applied, and the client now awaits a hello.
   */
  readonly gap: boolean;
}

/**
 * Applies the messages of one frame (a single upsert/remove/patch, or a batch) in order, exactly as if they had come
 * one by one, and returns one new state: the caller makes it one store update. `state.versions` is changed in place.
 */
export function receiveStream(state: SequenceState, messages: readonly StreamMessage[]): StreamOutcome {
  let seq = state.seq;
  let draft: WorkspaceMapDraft | null = null;
  const versions = state.versions;
  let applied = 0;
  let duplicates = 0;
  let stale = 0;
  let ignored = 0;
  let gap = false;
  for (const message of messages) {
    const decision = decideStreamMessage({ seq, awaitingHello: state.awaitingHello }, message.seq);
    if (decision === 'awaiting-hello') {
      ignored++;
      continue;
    }
    if (decision === 'duplicate') {
      duplicates++;
      continue;
    }
    const current = { workspaces: draft ?? state.workspaces, versions };
    // A patch applies only to the snapshot it is based on: the workspace held at exactly `baseVersion` (a kept object's
    // version included). Applied to anything else it would leave a snapshot the server never had, which no later patch
    // repairs: it is a gap.
    const unbased =
      message.type === 'patch' &&
      (current.workspaces.get(message.workspaceId) === undefined ||
        versionOf(current, message.workspaceId) !== message.baseVersion);
    if (decision === 'gap' || unbased) {
      gap = true;
      break;
    }
    seq = message.seq;
    applied++;
    if (message.type === 'remove') {
      const id = message.workspaceId;
      if (current.workspaces.get(id) !== undefined) {
        // The tombstone: a later upsert must still beat the version the removed workspace had.
        versions.set(id, versionOf(current, id)!);
        draft ??= new WorkspaceMapDraft(state.workspaces);
        draft.delete(id);
      }
      continue;
    }
    // A patch's base is the held snapshot (checked above): what it makes is what an upsert would have carried.
    const snapshot =
      message.type === 'patch' ? applyPatch(current.workspaces.get(message.workspaceId)!, message) : message.snapshot;
    const id = snapshot.workspaceId;
    const version = versionOf(current, id);
    if (version !== undefined && snapshot.version <= version) {
      stale++;
      continue;
    }
    const held = current.workspaces.get(id);
    if (held !== undefined && visibleFieldsEqual(held, snapshot)) {
      versions.set(id, snapshot.version);
      continue;
    }
    // The new object carries its version: the exception recorded for the old one (or the tombstone) is over.
    versions.delete(id);
    draft ??= new WorkspaceMapDraft(state.workspaces);
    draft.set(snapshot);
  }
  const next: SequenceState =
    applied === 0 && !gap
      ? state
      : {
          epoch: state.epoch,
          seq,
          awaitingHello: state.awaitingHello || gap,
          resumeAsked: state.resumeAsked,
          workspaces: draft?.finish() ?? state.workspaces,
          versions,
        };
  return { state: next, applied, duplicates, stale, ignored, gap };
}

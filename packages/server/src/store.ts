// The persistence interface of the server: the state of every loaded project (epoch, seq, snapshots, replay log)
// behind one small interface, so that a shared store (Redis, for several instances) can replace the memory store
// (memory-store.ts) without touching the service or the endpoint.
import type { StreamMessage, WorkspaceSnapshot } from '@livesnap/protocol';

/** What a project's subscribers are served: its epoch, the seq its snapshots correspond to, the snapshots. */
export interface ProjectState {
  readonly epoch: string;
  readonly seq: number;
  readonly snapshots: readonly WorkspaceSnapshot[];
}

/** A snapshot as the service computed it; the store gives it its `version` when it commits it. */
export type UnversionedSnapshot = Omit<WorkspaceSnapshot, 'version'>;

export type Change =
  | { readonly type: 'upsert'; readonly snapshot: UnversionedSnapshot }
  | { readonly type: 'remove'; readonly workspaceId: string };

/** The messages one `commit` produced, in seq order. */
export interface CommitEvent {
  readonly projectId: string;
  readonly epoch: string;
  readonly messages: readonly StreamMessage[];
}

/**
 * What a store must do. Every method may be called for any project at any time; a store serializes what it must
 * (`commit` is atomic per project, and commits apply in call order).
 */
export interface SnapshotStore {
  /** Starts a new epoch for the project at seq 0, holding these snapshots at version 0 (replacing any it held). */
  load(projectId: string, snapshots: readonly UnversionedSnapshot[]): Promise<ProjectState>;
  /** The project's current state; null when it is not loaded. */
  get(projectId: string): Promise<ProjectState | null>;
  /** One workspace's snapshot in the project's current epoch; null when the project or the workspace is not held. */
  getWorkspace(projectId: string, workspaceId: string): Promise<WorkspaceSnapshot | null>;
  /**
   * Atomically applies the changes that are real — an upsert whose visible fields differ from what the store holds,
   * a remove of a workspace it holds — giving each the next seq; an upserted snapshot's `version` is that seq, so
   * versions keep increasing across removals and returns. Nothing is committed when `epoch` is not the project's
   * current epoch (the change was computed for a state that has ended). Commits apply in call order. Resolves to
   * the committed messages, which subscribers also receive as one event.
   */
  commit(projectId: string, epoch: string, changes: readonly Change[]): Promise<readonly StreamMessage[]>;
  /**
   * Every message after `seq` in `epoch`, or null when the log cannot say: another epoch, a `seq` newer than the
   * project's, or older than the replay window.
   */
  readSince(projectId: string, epoch: string, seq: number): Promise<readonly StreamMessage[] | null>;
  /** Forgets the project (idle, or deleted at the source); its next load starts a new epoch. */
  unload(projectId: string): Promise<void>;
  /**
   * Calls `listener` with every commit that produced messages, one event per commit, in seq order per project (a
   * shared store: the commits of every instance); returns the unsubscribe function.
   */
  subscribe(listener: (event: CommitEvent) => void): () => void;
}

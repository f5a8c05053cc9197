// The persistence interface of the server: the state of every loaded project (epoch, seq, snapshots, replay log)
// behind one small interface, so that a shared store (Redis, for several instances) can replace the memory store
// (memory-store.ts) without touching the service or the endpoint.
import type { CommittedMessage, WorkspaceSnapshot } from '@livesnap/protocol';

/** What a project's subscribers are served: its epoch, the seq its snapshots correspond to, the snapshots. */
export interface ProjectState {
  readonly epoch: string;
  readonly seq: number;
  readonly snapshots: readonly WorkspaceSnapshot[];
}

/** What `load` found: the state, and whether the store already held the project (another instance loaded it). */
export interface LoadedState extends ProjectState {
  readonly joined: boolean;
}

/** A snapshot as the service computed it; the store gives it its `version` when it commits it. */
export type UnversionedSnapshot = Omit<WorkspaceSnapshot, 'version'>;

/** A change, with the ticket (`ticket()`) its read of the source took when it started. */
export type Change =
  | { readonly type: 'upsert'; readonly snapshot: UnversionedSnapshot; readonly ticket: number }
  | { readonly type: 'remove'; readonly workspaceId: string; readonly ticket: number };

/**
 * The messages one `commit` produced, in seq order, in the one form the log keeps them in (`CommittedMessage`: an
 * upsert holds the whole snapshot and the names of the visible fields it changed), which the endpoint writes once per
 * protocol version.
 */
export interface CommitEvent {
  readonly projectId: string;
  readonly epoch: string;
  readonly messages: readonly CommittedMessage[];
}

/** Whether the store can serve now; `reason` says why not. */
export interface StoreHealth {
  readonly ok: boolean;
  readonly reason?: string;
}

/**
 * What a store tells the service besides commits. `lost`: the store no longer has the project at `epoch` (a shared
 * store emptied, flushed or expired, the project deleted by another instance), or cannot give this instance its stream
 * without a gap: the service loads the project again and greets its subscribers anew. `unavailable` / `available`:
 * the store stopped / started answering; once available again, what was signalled meanwhile may be lost, so the
 * service reconciles every loaded project.
 */
export type StoreStatusEvent =
  | { readonly type: 'lost'; readonly projectId: string; readonly epoch: string }
  | { readonly type: 'unavailable'; readonly reason: string }
  | { readonly type: 'available' };

/**
 * What a store must do. Every method may be called for any project at any time; a store serializes what it must
 * (`commit` is atomic per project, and commits apply in call order).
 */
export interface SnapshotStore {
  /**
   * Whether several server instances share the store. Then an invalidation may matter to another instance's
   * subscribers, so the service reads and commits it even when no project here is loaded.
   */
  readonly shared: boolean;
  /**
   * A ticket for a read of the source that starts now: later than every ticket handed out before, by every instance
   * that shares the store. "Started before" is this order, never a clock.
   */
  ticket(): Promise<number>;
  /**
   * Holds the project for this instance. When the store does not hold it yet: starts a new epoch at seq 0 with these
   * snapshots at version 0 (replacing anything left of an old one), `joined` false. When it does (a shared store that
   * another instance loaded it into): its current state, `joined` true, and the caller commits what its read found
   * different. `ticket` is the load's read's.
   */
  load(projectId: string, snapshots: readonly UnversionedSnapshot[], ticket: number): Promise<LoadedState>;
  /** The project's current state; null when it is not loaded. */
  get(projectId: string): Promise<ProjectState | null>;
  /** One workspace's snapshot in the project's current epoch; null when the project or the workspace is not held. */
  getWorkspace(projectId: string, workspaceId: string): Promise<WorkspaceSnapshot | null>;
  /**
   * Atomically applies the changes that are real — an upsert whose visible fields differ from what the store holds,
   * a remove of a workspace it holds — giving each the next seq; an upserted snapshot's `version` is that seq, so
   * versions keep increasing across removals and returns. Nothing is committed when `epoch` is not the project's
   * current epoch (the change was computed for a state that has ended); `epoch` null commits into whatever epoch the
   * store holds the project at, if any (a shared store: a project another instance loaded). A shared store also
   * discards a change whose ticket is older than the last one applied to that workspace, by any instance, or than the
   * epoch's start (in one process, the service's freshness gate has decided that already). Commits apply in call
   * order. An upsert of a workspace the store held carries `change`: the visible fields that differ from what it held
   * (`changedFields`) and the version it held (`baseVersion`); a first appearance carries null. Resolves to the
   * committed messages, which subscribers also receive as one event.
   */
  commit(projectId: string, epoch: string | null, changes: readonly Change[]): Promise<readonly CommittedMessage[]>;
  /**
   * Every message after `seq` in `epoch`, as `commit` made them (the log keeps each upsert's `change`: a resume in
   * version 2 replays patches), or null when the log cannot say: another epoch, a `seq` newer than the project's, or
   * older than the replay window. A `change` the log does not know (an entry written before it kept them) is null.
   */
  readSince(projectId: string, epoch: string, seq: number): Promise<readonly CommittedMessage[] | null>;
  /**
   * Stops holding the project for this instance. `idle`: nobody here subscribes (a shared store keeps it for the
   * other instances, and lets it expire once none holds it). `gone`: the source no longer has it, so the store forgets
   * it for every instance. Either way its next load here may start a new epoch.
   */
  unload(projectId: string, reason?: 'idle' | 'gone'): Promise<void>;
  /**
   * Takes (or renews) the reconciliation lease of the project for `ms`: true when this instance holds it now, false
   * when another one does. A store of one process always answers true.
   */
  lease(projectId: string, ms: number): Promise<boolean>;
  /** Whether the store can serve now (a load balancer's probe reads it through the service's `health()`). */
  health(): StoreHealth;
  /**
   * Calls `listener` with every commit that produced messages, one event per commit, in seq order per project (a
   * shared store: the commits of every instance to the projects loaded here); returns the unsubscribe function.
   */
  subscribe(listener: (event: CommitEvent) => void): () => void;
  /** Calls `listener` with each `StoreStatusEvent`; returns the unsubscribe function. */
  onStatus(listener: (event: StoreStatusEvent) => void): () => void;
}

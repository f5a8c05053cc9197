// The state a client publishes: one zustand vanilla store that React (or anything else) subscribes to.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { EMPTY_WORKSPACES, type WorkspaceMap } from './workspace-map.js';

/**
 * - `connecting`: the first connection since `connect()` is being made (or awaits its hello);
 * - `open`: a valid hello arrived on the current connection;
 * - `reconnecting`: the connection was lost or refused and another attempt is scheduled or under way;
 * - `closed`: not connected and not trying (never started, `close()`d, or stopped by a terminal close code).
 */
export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface SnapshotClientError {
  /** A close code (number), or a string code: a decode error code, `token`, `url`, `heartbeat_timeout`, … */
  readonly code: number | string;
  readonly message: string;
}

export interface SnapshotClientStats {
  /** Valid frames received. */
  readonly messages: number;
  /** Stream messages that skipped a `seq`. */
  readonly gaps: number;
  /** `resync` frames sent. */
  readonly resyncs: number;
  /** Connection attempts after the first one of a `connect()`. */
  readonly reconnects: number;
  /** Resumed hellos received (reconnects that did not need the full state). */
  readonly resumed: number;
  /** Frames that failed the protocol's schemas. */
  readonly invalidFrames: number;
  /** When the last frame arrived (the client's `now()`), or null. */
  readonly lastMessageAt: number | null;
}

/**
 * Where the workspaces held came from: `persisted` — loaded from storage at start and not yet confirmed by a hello (a
 * resume request, shown with `isStale`); `resumed` — brought up to date by a resumed hello and the frames it missed;
 * `hello` — a full hello (replacing everything held before). Null before any data.
 */
export type DataOrigin = 'persisted' | 'resumed' | 'hello';

/** The saved state a client loaded at start: when it was saved, and how old it was when loaded (the client's clock). */
export interface RestoredCopy {
  readonly savedAt: number;
  readonly ageMs: number;
}

export interface SnapshotClientState {
  readonly status: ConnectionStatus;
  /** Why the client is not open (the last close or failure); cleared by the next valid hello. */
  readonly error: SnapshotClientError | null;
  /**
   * When the next connection attempt is due (the client's `now()`), while it waits out its delay after a connection was
   * lost, refused or abandoned; null otherwise. Cleared as that attempt starts (its delay over, or a wake that retries
   * at once), by a terminal close code and by `close()`.
   */
  readonly nextAttemptAt: number | null;
  /**
   * The data may be behind the server's: the client has not been open, or has heard nothing while open for longer than
   * the heartbeat allows (interval + timeout), for `staleAfterMs` — or it was closed. False again at the next valid
   * frame.
   */
  readonly isStale: boolean;
  readonly epoch: string | null;
  readonly seq: number | null;
  /**
   * The project's workspaces: an immutable map by id that iterates in list order and holds the ordered views (`list`,
   * `sidebar`, `columns`). A change makes a new map and leaves this one as it was. An object keeps its identity while
   * its visible fields do not change, and so does a view while the objects in it do not.
   */
  readonly workspaces: WorkspaceMap;
  /** Where the workspaces held came from (see `DataOrigin`); null before any data. */
  readonly origin: DataOrigin | null;
  /** The saved state loaded at start (`persist`), or null when none was. Kept for the client's life. */
  readonly restored: RestoredCopy | null;
  readonly stats: SnapshotClientStats;
}

export const INITIAL_STATS: SnapshotClientStats = {
  messages: 0,
  gaps: 0,
  resyncs: 0,
  reconnects: 0,
  resumed: 0,
  invalidFrames: 0,
  lastMessageAt: null,
};

export type SnapshotClientStore = StoreApi<SnapshotClientState>;

export function createSnapshotClientStore(status: ConnectionStatus): SnapshotClientStore {
  return createStore<SnapshotClientState>()(() => ({
    status,
    error: null,
    nextAttemptAt: null,
    isStale: false,
    epoch: null,
    seq: null,
    workspaces: EMPTY_WORKSPACES,
    origin: null,
    restored: null,
    stats: INITIAL_STATS,
  }));
}

// The public face of a snapshot client: what createSnapshotClient returns.
import type { InspectionListener } from './inspector.js';
import type { SnapshotClientStore } from './store.js';

export interface SnapshotClient {
  /** The client's state: a zustand vanilla store. */
  readonly store: SnapshotClientStore;
  /** Starts connecting (after `startClosed`, `close()` or a terminal close code); a no-op while running. */
  connect(): void;
  /** Asks the server for the full state again (one at a time; too many in 30 s reconnect instead). */
  resync(): void;
  /** Closes the socket and stops every timer and listener; the data held stays in the store. */
  close(): void;
  /** `close()` then `connect()`: a fresh connection, which resumes from the data held. */
  reconnect(): void;
  /**
   * Abandons the socket (or the attempt) as a network loss would: the client reconnects with backoff and resumes.
   * `state.error` says `dropped`. A no-op while closed or waiting to reconnect.
   */
  drop(): void;
  /**
   * Calls `listener` with every frame in and out and every transition of the connection, with its cause (README,
   * *Inspection*); returns the unsubscribe. Nothing is described while no listener is attached.
   */
  inspect(listener: InspectionListener): () => void;
  /**
   * Removes the state saved for `persist` (at logout) and saves nothing more from this client; resolves once the
   * storage has removed it, rejects when it failed. Resolves at once without `persist`.
   */
  clearPersisted(): Promise<void>;
}

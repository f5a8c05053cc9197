// What the `persist` option plugs into a client: the client asks it for the saved state once and hands it the state to
// save. Types only: the code is in @livesnap/client/persist (persist.ts), which an app that does not persist never
// imports.
import type { SequenceState } from './sequence.js';
import type { SnapshotClientError, SnapshotClientStore } from './store.js';
import type { Timers } from './timers.js';

/** Made by `persistence()` of `@livesnap/client/persist`. */
export interface Persistence {
  /** Whose state it is: part of the storage key (and of a provider's client identity). */
  readonly namespace: string;
  attach(deps: PersisterDeps): Persister;
}

export interface Restored {
  readonly sequence: SequenceState;
  readonly savedAt: number;
}

export interface Persister {
  /** The saved state, once checked; null when there is none, or it was dropped (and reported). */
  load(): Promise<Restored | null>;
  /** Listens for `pagehide` (a save then) while the client runs. */
  start(): void;
  /** Saves what is pending now, and stops listening. */
  stop(): void;
  /** Removes the saved state and saves nothing more; rejects when the storage fails. */
  clear(): Promise<void>;
}

export interface PersisterDeps {
  readonly projectId: string;
  readonly store: SnapshotClientStore;
  /** The sequencing state to save (the published state does not hold the versions). */
  readonly read: () => SequenceState;
  readonly timers: Timers;
  readonly now: () => number;
  readonly report: (error: SnapshotClientError) => void;
}

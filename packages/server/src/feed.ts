// The service as a transport sees it: hold a project, read its state and replay log, follow its commits and its
// deletion at the source. The WebSocket endpoint is such a transport. Kept out of `SnapshotService`, which is the host
// app's API, and reached through `snapshotFeedOf(service)`.
import type { CommittedMessage } from '@livesnap/protocol';
import { optionError } from './options.js';
import type { ProjectSubscription } from './projects.js';
import type { CommitEvent, ProjectState } from './store.js';

export interface SnapshotFeed {
  /** Loads the project if needed and holds it; null when the source has no such project; rejects when it failed. */
  subscribe(projectId: string): Promise<ProjectSubscription | null>;
  /** The project's state as the store holds it; null when it is not loaded. */
  state(projectId: string): Promise<ProjectState | null>;
  /** Every message after `seq` in `epoch`, or null when the replay log cannot say (the store's `readSince`). */
  readSince(projectId: string, epoch: string, seq: number): Promise<readonly CommittedMessage[] | null>;
  /** Every committed message, grouped by commit; returns the unsubscribe function. */
  onCommit(listener: (event: CommitEvent) => void): () => void;
  /**
   * Each loaded project that the source no longer has (found at reconciliation): it is unloaded, and its subscribers
   * must be closed (4404). Returns the unsubscribe function.
   */
  onProjectGone(listener: (projectId: string) => void): () => void;
  /**
   * Each loaded project whose state was replaced (the store lost its epoch, or could not give this instance its
   * stream without a gap) and loaded again: every subscriber must be sent a full hello of the new state at once.
   * Returns the unsubscribe function.
   */
  onReset(listener: (projectId: string) => void): () => void;
}

const feeds = new WeakMap<object, SnapshotFeed>();

/** Called by `createSnapshotService` for the service it returns. */
export function registerFeed(service: object, feed: SnapshotFeed): void {
  feeds.set(service, feed);
}

/** The feed of a service made by `createSnapshotService`; a TypeError for anything else. */
export function snapshotFeedOf(service: object): SnapshotFeed {
  const feed = typeof service === 'object' && service !== null ? feeds.get(service) : undefined;
  if (!feed) throw optionError('service', 'a SnapshotService made by createSnapshotService', service);
  return feed;
}

// Suspense for the first load only. A reconnect, a resync or a new epoch never suspends again: the data held stays on
// screen (with `isStale` to say it may be behind), instead of the page blanking to a fallback on every network blip.
import type { SnapshotClient, SnapshotClientError, SnapshotClientState } from '@livesnap/client';
import type { WorkspaceSnapshot } from '@livesnap/protocol';
import { useStore } from 'zustand';
import { useSnapshotContext } from './context.js';
import { useProjectSnapshots } from './hooks.js';

/** What a suspending component is thrown when its client stopped before the first hello (4404, 4403, 4401 × 3, …). */
export class SnapshotLoadError extends Error {
  /** The client's error code: a close code (4404) or its own (`no_websocket`). */
  readonly code: number | string;

  constructor(error: SnapshotClientError) {
    const reason = error.message.includes(String(error.code)) ? error.message : `${error.message} (${error.code})`;
    super(`the project's snapshots did not load: ${reason}. The client has stopped; connect() tries again`);
    this.name = 'SnapshotLoadError';
    this.code = error.code;
  }
}

type FirstLoad = 'waiting' | 'loaded' | SnapshotClientError;

/**
 * Loaded once a hello came (the client holds an epoch from then on, whatever happens to the connection); failed when
 * the client stopped for good before that (closed with an error); else waiting. Values keep their identity.
 */
function firstLoadOf(state: SnapshotClientState): FirstLoad {
  if (state.epoch !== null) return 'loaded';
  if (state.status === 'closed' && state.error !== null) return state.error;
  return 'waiting';
}

/** One pending promise per client, settled when its first load is over; a settled one is dropped, never reused. */
const waits = new WeakMap<SnapshotClient, Promise<void>>();

function waitForFirstLoad(client: SnapshotClient): Promise<void> {
  let wait = waits.get(client);
  if (wait === undefined) {
    wait = new Promise<void>((resolve) => {
      const done = () => {
        unsubscribe();
        waits.delete(client);
        resolve();
      };
      const unsubscribe = client.store.subscribe((state) => {
        if (firstLoadOf(state) !== 'waiting') done();
      });
      // The state may have moved between the render that suspends and this subscription.
      if (firstLoadOf(client.store.getState()) !== 'waiting') done();
    });
    waits.set(client, wait);
  }
  return wait;
}

/**
 * Every workspace in the list order, like `useProjectSnapshots()`, but suspends until the client's first hello and
 * throws a `SnapshotLoadError` to the nearest error boundary when the client stops before it. Put the `<Suspense>`
 * boundary inside the `SnapshotProvider`: a provider that owns its client connects in an effect, which does not run
 * while the provider itself is suspended.
 */
export function useSuspenseProjectSnapshots(): readonly WorkspaceSnapshot[] {
  const { client } = useSnapshotContext('useSuspenseProjectSnapshots');
  const load = useStore(client.store, firstLoadOf);
  const snapshots = useProjectSnapshots();
  if (load === 'waiting') throw waitForFirstLoad(client);
  if (load !== 'loaded') throw new SnapshotLoadError(load);
  return snapshots;
}

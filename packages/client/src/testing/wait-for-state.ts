// Awaiting a client's state in tests: resolves on the first state (now or later) that matches.
import type { SnapshotClientState, SnapshotClientStore } from '../store.js';

/** The first state of `store`, the current one included, for which `predicate` holds. */
export function waitForState(
  store: SnapshotClientStore,
  predicate: (state: SnapshotClientState) => boolean,
): Promise<SnapshotClientState> {
  return new Promise((resolve) => {
    const current = store.getState();
    if (predicate(current)) {
      resolve(current);
      return;
    }
    const unsubscribe = store.subscribe((state) => {
      if (!predicate(state)) return;
      unsubscribe();
      resolve(state);
    });
  });
}

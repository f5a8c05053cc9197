// Awaiting a client's state in tests: resolves on the first state (now or later) that matches.
import type { SnapshotClientState, SnapshotStore } from '../store.js';

/** The first state of `store`, the current one included, for which `predicate` holds. */
export function waitForState(
  store: SnapshotStore,
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

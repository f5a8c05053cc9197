// Any view of the client's state, for what the named hooks do not cover: the selector's result is kept while
// `equalityFn` says it equals the previous one, so a selector may build a new object each time.
import type { SnapshotClientState, SnapshotSelectors } from '@livesnap/client';
import { useRef } from 'react';
import { useStore } from 'zustand';
import { useSnapshotContext } from './context.js';

/**
 * `selector(state, selectors)` of the nearest provider's client, re-rendering when its result changes: by identity,
 * or by `equalityFn` (zustand's `shallow`, for instance) when given. `selectors` is that client's own memoized set,
 * whose results keep their identity while nothing they read changed. Without `equalityFn`, the selector must return
 * the same value for the same state (React's rule for useSyncExternalStore), not a new object or array each call.
 */
export function useSnapshotSelector<T>(
  selector: (state: SnapshotClientState, selectors: SnapshotSelectors) => T,
  equalityFn?: (previous: T, next: T) => boolean,
): T {
  return useSelection('useSnapshotSelector', selector, equalityFn);
}

/** `useSnapshotSelector` for the package's own hooks: `hook` names the caller in the outside-a-provider error. */
export function useSelection<T>(
  hook: string,
  selector: (state: SnapshotClientState, selectors: SnapshotSelectors) => T,
  equalityFn?: (previous: T, next: T) => boolean,
): T {
  const { client, selectors } = useSnapshotContext(hook);
  // The last result handed out, as zustand's useShallow keeps it: read and written only inside the store's snapshot.
  const last = useRef<{ value: T } | null>(null);
  return useStore(client.store, (state) => {
    const next = selector(state, selectors);
    if (equalityFn !== undefined && last.current !== null && equalityFn(last.current.value, next)) {
      return last.current.value;
    }
    last.current = { value: next };
    return next;
  });
}

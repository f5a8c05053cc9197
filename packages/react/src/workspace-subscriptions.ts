// Per-workspace subscriptions beside the zustand store, as TanStack Query's cache notifies only a query's own
// observers: one store listener per client finds which workspaces a change touched (a walk of what the two maps do not
// share, O(changes × log n)) and calls only their listeners. With 5,000 cards mounted, a change of one costs one
// call, not 5,000 selector runs.
import { forEachChangedWorkspace, type SnapshotClient, type WorkspaceMap } from '@livesnap/client';

interface Registry {
  readonly listeners: Map<string, Set<() => void>>;
  unsubscribeStore: (() => void) | null;
}

const registries = new WeakMap<SnapshotClient, Registry>();

function registryOf(client: SnapshotClient): Registry {
  let registry = registries.get(client);
  if (registry === undefined) {
    registry = { listeners: new Map(), unsubscribeStore: null };
    registries.set(client, registry);
  }
  return registry;
}

function listenToStore(client: SnapshotClient, registry: Registry): () => void {
  let held: WorkspaceMap = client.store.getState().workspaces;
  return client.store.subscribe((state) => {
    const previous = held;
    held = state.workspaces;
    forEachChangedWorkspace(previous, held, (workspaceId) => {
      const listeners = registry.listeners.get(workspaceId);
      if (listeners !== undefined) for (const listener of [...listeners]) listener();
    });
  });
}

/** Calls `listener` whenever the client's snapshot of `workspaceId` changes (appears, is replaced, goes away). */
export function subscribeToWorkspace(client: SnapshotClient, workspaceId: string, listener: () => void): () => void {
  const registry = registryOf(client);
  let listeners = registry.listeners.get(workspaceId);
  if (listeners === undefined) {
    listeners = new Set();
    registry.listeners.set(workspaceId, listeners);
  }
  listeners.add(listener);
  registry.unsubscribeStore ??= listenToStore(client, registry);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && registry.listeners.get(workspaceId) === listeners) {
      registry.listeners.delete(workspaceId);
    }
    if (registry.listeners.size === 0) {
      registry.unsubscribeStore?.();
      registry.unsubscribeStore = null;
    }
  };
}

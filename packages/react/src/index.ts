// @livesnap/react: a provider and thin hooks over a Livesnap client's zustand store. The TanStack Query bridge is a
// separate entry (`@livesnap/react/query`), so that an app without React Query bundles none of it.
export type { KanbanColumns, SnapshotClient, SnapshotClientState, SnapshotSelectors } from '@livesnap/client';
export {
  useKanbanColumn,
  useKanbanColumnIds,
  useKanbanColumns,
  useProjectSnapshots,
  useSidebarWorkspaceIds,
  useSidebarWorkspaces,
  useSnapshotClient,
  useWorkspaceSnapshot,
} from './hooks.js';
export type { OwnedClientOptions } from './owned-client.js';
export type { SnapshotProviderProps } from './provider.js';
export { SnapshotProvider } from './provider.js';
export { SnapshotLoadError, useSuspenseProjectSnapshots } from './suspense.js';
export { useSnapshotSelector } from './use-snapshot-selector.js';
export type { SnapshotStatus } from './use-snapshot-status.js';
export { useSnapshotStatus } from './use-snapshot-status.js';

// @livesnap/client: a project's live workspace snapshots in a zustand store, kept in step with the snapshot server.
export type { BackoffOptions } from './backoff.js';
export { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
export type { SnapshotClient, SnapshotClientOptions } from './client.js';
export { createSnapshotClient } from './client.js';
export { DEFAULT_CONNECT_TIMEOUT_MS } from './connection.js';
export type { HelloDetails } from './frame-reducer.js';
export type { HeartbeatOptions } from './heartbeat.js';
export { DEFAULT_HEARTBEAT } from './heartbeat.js';
export type {
  FrameInEvent,
  FrameOutEvent,
  InspectionCause,
  InspectionEvent,
  InspectionListener,
  TransitionEvent,
} from './inspector.js';
export { DEFAULT_STALE_AFTER_MS } from './options.js';
export type { Persistence } from './persistence.js';
export type { KanbanColumns, SnapshotSelectors } from './selectors.js';
export {
  createSnapshotSelectors,
  selectKanbanColumns,
  selectSidebar,
  selectWorkspace,
  selectWorkspaceList,
} from './selectors.js';
export { buildSnapshotUrl } from './snapshot-url.js';
export type { WebSocketConstructor } from './socket-factory.js';
export type {
  ConnectionStatus,
  DataOrigin,
  RestoredCopy,
  SnapshotClientError,
  SnapshotClientState,
  SnapshotClientStats,
  SnapshotClientStore,
} from './store.js';
export type { Timers } from './timers.js';
export type { WorkspaceMap } from './workspace-map.js';
export { forEachChangedWorkspace } from './workspace-map.js';

// @livesnap/server: the snapshot service (store, coalescing, reconciliation) and its WebSocket endpoint.
export type { ConnectionAccess, SnapshotEndpoint, SnapshotEndpointOptions } from './endpoint.js';
export { attachSnapshotEndpoint, ENDPOINT_DEFAULTS } from './endpoint.js';
export type { SnapshotFeed } from './feed.js';
export { snapshotFeedOf } from './feed.js';
export type { Authorization, AuthorizeResult } from './handshake.js';
export type { LogContext, Logger } from './logger.js';
export { consoleLogger } from './logger.js';
export type { MemoryStoreOptions } from './memory-store.js';
export { createMemoryStore } from './memory-store.js';
export type { AllowedOrigins } from './origins.js';
export type { Scheduler } from './scheduler.js';
export type {
  InvalidateOptions,
  ProjectSubscription,
  ServiceHealth,
  SnapshotService,
  SnapshotServiceOptions,
  SnapshotSource,
} from './service.js';
export { createSnapshotService, SERVICE_DEFAULTS } from './service.js';
export type {
  Change,
  CommitEvent,
  LoadedState,
  ProjectState,
  SnapshotStore,
  StoreHealth,
  StoreStatusEvent,
  UnversionedSnapshot,
} from './store.js';

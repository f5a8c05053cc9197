// @livesnap/react/query: the bridge between a Livesnap client and TanStack Query caches, for components that still
// poll the old endpoints. Only types come from @tanstack/react-query: this entry adds none of its code to a bundle.

export type { LegacyBoardEntry, LegacySidebar, LegacySidebarEntry } from '@livesnap/protocol';
export type { LivePollingOptions, ObservedQuery } from './live-polling.js';
export { livePollingInterval } from './live-polling.js';
export type { LegacyQueryKeys, SyncSnapshotsOptions } from './sync.js';
export { legacyQueryKeys, syncSnapshotsToQueryClient } from './sync.js';

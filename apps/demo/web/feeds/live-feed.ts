// The live feed: the page's components on `@livesnap/react`'s hooks, under a `SnapshotProvider`. Rows and cards read
// their workspace with `useWorkspaceSnapshot(id)`; lists read ids that keep their identity while membership and order
// do not change.
import type { SnapshotClientState, SnapshotSelectors } from '@livesnap/client';
import type { KanbanColumn, WorkspaceSnapshot } from '@livesnap/protocol';
import { type SnapshotStatus, useSnapshotSelector, useSnapshotStatus, useWorkspaceSnapshot } from '@livesnap/react';
import type { WorkspaceFeed } from '../components/feed.js';
import type { ConnectionView } from '../components/views.js';
import { idsBy, sameItems } from './same-items.js';

const idsOf = idsBy((w: WorkspaceSnapshot) => w.workspaceId);

type IdsSelector = (state: SnapshotClientState, selectors: SnapshotSelectors) => readonly string[];
const sidebarIds: IdsSelector = (state, selectors) => idsOf(selectors.selectSidebar(state));
const columnIds = Object.fromEntries(
  (['WORKING', 'WAITING', 'DONE'] as const).map((column) => [
    column,
    ((state, selectors) => idsOf(selectors.selectKanbanColumns(state)[column])) satisfies IdsSelector,
  ]),
) as Record<KanbanColumn, IdsSelector>;

export const liveFeed: WorkspaceFeed = {
  useSidebarIds: () => useSnapshotSelector(sidebarIds, sameItems),
  useSidebarItem: useWorkspaceSnapshot,
  useColumnIds: (column) => useSnapshotSelector(columnIds[column], sameItems),
  useCard: useWorkspaceSnapshot,
  useConnection: () => liveConnectionView(useSnapshotStatus()),
};

/**
 * What the indicator shows for the client's status, and when its next attempt is due while reconnecting (the client's
 * `now()` is `Date.now()`, the countdown's clock).
 */
export function liveConnectionView(status: SnapshotStatus): ConnectionView {
  const reason = status.error === null ? null : `${status.error.code}: ${status.error.message}`;
  const detail = status.epoch === null ? null : `epoch ${status.epoch.slice(0, 8)} · seq ${status.seq ?? '–'}`;
  const state = ({ open: 'live', connecting: 'connecting', reconnecting: 'reconnecting', closed: 'stopped' } as const)[
    status.status
  ];
  return {
    state,
    isStale: status.isStale,
    reason: state === 'live' ? null : reason,
    detail,
    retryAt: state === 'reconnecting' ? status.nextAttemptAt : null,
  };
}

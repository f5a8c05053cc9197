// A feed of fixed data, for stories and component tests: the same components as the page, with no client and no
// server behind them. The workspaces are given in list order; the sidebar and the columns follow DOMAIN.md's rules.
import type { KanbanColumn } from '@livesnap/protocol';
import type { WorkspaceFeed } from './feed.js';
import type { CardView, ConnectionView } from './views.js';

const LIVE: ConnectionView = { state: 'live', isStale: false, reason: null, detail: null };

/** A feed that always answers `workspaces` (in list order) and `connection` (live by default). */
export function createFixedFeed(workspaces: readonly CardView[], connection: ConnectionView = LIVE): WorkspaceFeed {
  const byId = new Map(workspaces.map((w) => [w.workspaceId, w]));
  const shown = workspaces.filter((w) => w.status !== 'ARCHIVED');
  const sidebar = shown.map((w) => w.workspaceId);
  const inColumn = (column: KanbanColumn) => shown.filter((w) => w.kanbanColumn === column).map((w) => w.workspaceId);
  const columns = { WORKING: inColumn('WORKING'), WAITING: inColumn('WAITING'), DONE: inColumn('DONE') };
  // Not React hooks: constant answers, which the components read through the same names as a mode's feed.
  return {
    useSidebarIds: () => sidebar,
    useSidebarItem: (id) => byId.get(id),
    useColumnIds: (column) => columns[column],
    useCard: (id) => byId.get(id),
    useConnection: () => connection,
  };
}

// How every list of workspaces is ordered and what the sidebar and board show (DOMAIN.md).
import type { KanbanColumn, WorkspaceSnapshot } from './snapshot.js';

type Ordered = Pick<WorkspaceSnapshot, 'createdAt' | 'workspaceId'>;

/** `createdAt` newest first, then `workspaceId` ascending. Times are `toISOString()` strings, so they sort as text. */
export function compareWorkspaces(a: Ordered, b: Ordered): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  if (a.workspaceId === b.workspaceId) return 0;
  return a.workspaceId < b.workspaceId ? -1 : 1;
}

/** The sidebar lists every workspace whose `status` is not `ARCHIVED`. */
export function isOnSidebar(snapshot: Pick<WorkspaceSnapshot, 'status'>): boolean {
  return snapshot.status !== 'ARCHIVED';
}

/** The board's column of a workspace, or null when it is not on the board. */
export function boardColumn(snapshot: Pick<WorkspaceSnapshot, 'status' | 'kanbanColumn'>): KanbanColumn | null {
  return snapshot.status === 'ARCHIVED' ? null : snapshot.kanbanColumn;
}

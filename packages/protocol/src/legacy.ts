// The results of the two tRPC queries that snapshots replace (DOMAIN.md, "What the old endpoints returned"), built
// from facts and their derived fields: one implementation for the demo's polling endpoints and the React layer's
// TanStack Query bridge, so that the old shapes cannot differ between them.
import { boardColumn, compareWorkspaces, isOnSidebar } from './order.js';
import type { DerivedFields, KanbanColumn, WorkspaceFacts } from './snapshot.js';

/** What a legacy entry is made from: facts with their derived fields. A `WorkspaceSnapshot` is one. */
export type LegacySource = WorkspaceFacts & DerivedFields;

/** One workspace of `getProjectSummaryState` (the sidebar); `id` is the `workspaceId`. */
export type LegacySidebarEntry = { id: string } & Pick<
  LegacySource,
  | 'name'
  | 'createdAt'
  | 'branchName'
  | 'prUrl'
  | 'prNumber'
  | 'prState'
  | 'prCiStatus'
  | 'isWorking'
  | 'gitStats'
  | 'lastActivityAt'
  | 'ratchetEnabled'
  | 'ratchetState'
  | 'sidebarStatus'
  | 'ratchetButtonAnimated'
  | 'flowPhase'
  | 'ciObservation'
  | 'runScriptStatus'
  | 'pendingRequestType'
>;

/** The result of `getProjectSummaryState`. `reviewCount` is not a snapshot field: its caller supplies it. */
export interface LegacySidebar {
  workspaces: LegacySidebarEntry[];
  reviewCount: number;
}

/** One card of `listWithKanbanState` (the board): the sidebar entry's fields, then these three. */
export type LegacyBoardEntry = LegacySidebarEntry & {
  status: WorkspaceFacts['status'];
  kanbanColumn: KanbanColumn;
  isArchived: false;
};

/** The sidebar entry of one workspace, its fields in the old endpoint's order. */
export function legacySidebarEntry(w: LegacySource): LegacySidebarEntry {
  return {
    id: w.workspaceId,
    name: w.name,
    createdAt: w.createdAt,
    branchName: w.branchName,
    prUrl: w.prUrl,
    prNumber: w.prNumber,
    prState: w.prState,
    prCiStatus: w.prCiStatus,
    isWorking: w.isWorking,
    gitStats: w.gitStats,
    lastActivityAt: w.lastActivityAt,
    ratchetEnabled: w.ratchetEnabled,
    ratchetState: w.ratchetState,
    sidebarStatus: w.sidebarStatus,
    ratchetButtonAnimated: w.ratchetButtonAnimated,
    flowPhase: w.flowPhase,
    ciObservation: w.ciObservation,
    runScriptStatus: w.runScriptStatus,
    pendingRequestType: w.pendingRequestType,
  };
}

/** The board card of one workspace, or null when it is not on the board (ARCHIVED, or no `kanbanColumn`). */
export function legacyBoardEntry(w: LegacySource): LegacyBoardEntry | null {
  const column = boardColumn(w);
  if (column === null) return null;
  return { ...legacySidebarEntry(w), status: w.status, kanbanColumn: column, isArchived: false };
}

/** The sidebar: every workspace but the ARCHIVED ones, in the list order, with the `reviewCount` given. */
export function legacySidebar(workspaces: readonly LegacySource[], reviewCount: number): LegacySidebar {
  return { workspaces: workspaces.filter(isOnSidebar).sort(compareWorkspaces).map(legacySidebarEntry), reviewCount };
}

/** The board: every workspace on the board, in the list order (one array, columns mixed, as the old query returned). */
export function legacyBoard(workspaces: readonly LegacySource[]): LegacyBoardEntry[] {
  return [...workspaces].sort(compareWorkspaces).flatMap((w) => legacyBoardEntry(w) ?? []);
}

// The shapes the old polling endpoints returned (DOMAIN.md, "What the old endpoints returned"), built from facts with
// the protocol's own derivations and order, so that polling and snapshots can only differ by when they were read.
import {
  compareWorkspaces,
  type DerivedFields,
  deriveSnapshotFields,
  type KanbanColumn,
  type WorkspaceFacts,
} from '@livesnap/protocol';

type Facts = WorkspaceFacts & DerivedFields;

/** One workspace of `getProjectSummaryState` (the sidebar). */
export type LegacySidebarEntry = { id: string } & Pick<
  Facts,
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

export interface LegacySidebar {
  workspaces: LegacySidebarEntry[];
  reviewCount: number;
}

/** One card of `listWithKanbanState` (the board). */
export type LegacyBoardEntry = LegacySidebarEntry & {
  status: WorkspaceFacts['status'];
  kanbanColumn: KanbanColumn;
  isArchived: false;
};

function sidebarEntry(f: Facts): LegacySidebarEntry {
  return {
    id: f.workspaceId,
    name: f.name,
    createdAt: f.createdAt,
    branchName: f.branchName,
    prUrl: f.prUrl,
    prNumber: f.prNumber,
    prState: f.prState,
    prCiStatus: f.prCiStatus,
    isWorking: f.isWorking,
    gitStats: f.gitStats,
    lastActivityAt: f.lastActivityAt,
    ratchetEnabled: f.ratchetEnabled,
    ratchetState: f.ratchetState,
    sidebarStatus: f.sidebarStatus,
    ratchetButtonAnimated: f.ratchetButtonAnimated,
    flowPhase: f.flowPhase,
    ciObservation: f.ciObservation,
    runScriptStatus: f.runScriptStatus,
    pendingRequestType: f.pendingRequestType,
  };
}

const derived = (workspaces: readonly WorkspaceFacts[]): Facts[] =>
  workspaces
    .filter((w) => w.status !== 'ARCHIVED')
    .map((w) => ({ ...w, ...deriveSnapshotFields(w) }))
    .sort(compareWorkspaces);

/**
 * The sidebar: every workspace not ARCHIVED, newest first. `reviewCount` is not a snapshot field; the demo counts the
 * pull requests that wait for a review (prState OPEN or CHANGES_REQUESTED).
 */
export function legacySidebar(workspaces: readonly WorkspaceFacts[]): LegacySidebar {
  const shown = derived(workspaces);
  return {
    workspaces: shown.map(sidebarEntry),
    reviewCount: shown.filter((w) => w.prState === 'OPEN' || w.prState === 'CHANGES_REQUESTED').length,
  };
}

/** The board: every workspace not ARCHIVED that has a column, newest first. */
export function legacyBoard(workspaces: readonly WorkspaceFacts[]): LegacyBoardEntry[] {
  return derived(workspaces).flatMap((f) =>
    f.kanbanColumn === null
      ? []
      : [{ ...sidebarEntry(f), status: f.status, kanbanColumn: f.kanbanColumn, isArchived: false as const }],
  );
}

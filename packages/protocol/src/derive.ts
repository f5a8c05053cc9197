// The display fields of DOMAIN.md, derived from facts by pure functions that every side can reuse.
import type {
  CiObservation,
  DerivedFields,
  FlowPhase,
  KanbanColumn,
  SidebarCiState,
  SnapshotMetadata,
  WorkspaceFacts,
  WorkspaceSnapshot,
} from './snapshot.js';
import { DerivedFieldsSchema, GitStatsSchema, WorkspaceFactsSchema } from './snapshot.js';

/** The facts each derivation reads; nothing else influences a derived field. */
export type DerivationInput = Pick<
  WorkspaceFacts,
  | 'status'
  | 'prUrl'
  | 'prState'
  | 'prCiStatus'
  | 'isSessionWorking'
  | 'hasHadSessions'
  | 'ratchetEnabled'
  | 'ratchetState'
>;

const CI_OBSERVATION = {
  PENDING: 'CHECKS_PENDING',
  FAILURE: 'CHECKS_FAILED',
  SUCCESS: 'CHECKS_PASSED',
  NONE: 'NO_CHECKS',
  UNKNOWN: 'NOT_FETCHED',
} as const satisfies Record<NonNullable<WorkspaceFacts['prCiStatus']>, CiObservation>;

const ACTIVE_PR_STATES: ReadonlySet<string> = new Set(['OPEN', 'DRAFT', 'CHANGES_REQUESTED', 'APPROVED']);

export function deriveCiObservation(facts: Pick<WorkspaceFacts, 'prCiStatus'>): CiObservation {
  return CI_OBSERVATION[facts.prCiStatus ?? 'UNKNOWN'];
}

export interface FlowState {
  flowPhase: FlowPhase;
  /** Internal: feeds `isWorking`, not a snapshot field. */
  flowWorking: boolean;
  ratchetButtonAnimated: boolean;
}

/** DOMAIN.md's `flowPhase` rules, in order; only step 3 can animate the ratchet button. */
export function deriveFlow(
  facts: Pick<WorkspaceFacts, 'prUrl' | 'prState' | 'prCiStatus' | 'ratchetEnabled' | 'ratchetState'>,
): FlowState {
  const prState = facts.prState ?? 'NONE';
  const ratchetState = facts.ratchetState ?? 'IDLE';
  if (prState === 'MERGED') return flow('MERGED', false);
  if (facts.prUrl === null || !ACTIVE_PR_STATES.has(prState)) return flow('NO_PR', false);
  const ci = deriveCiObservation(facts);
  if (ci === 'NOT_FETCHED' || ci === 'CHECKS_PENDING') {
    return { flowPhase: 'CI_WAIT', flowWorking: true, ratchetButtonAnimated: facts.ratchetEnabled };
  }
  if (!facts.ratchetEnabled) return flow('READY', false);
  if (ratchetState === 'CI_FAILED' || ratchetState === 'REVIEW_PENDING') return flow('RATCHET_FIXING', true);
  if (ratchetState === 'READY' || ratchetState === 'MERGED') return flow('READY', false);
  return flow('RATCHET_VERIFY', true);
}

function flow(flowPhase: FlowPhase, flowWorking: boolean): FlowState {
  return { flowPhase, flowWorking, ratchetButtonAnimated: false };
}

/** The sidebar's CI badge: first match wins. */
export function deriveSidebarCiState(
  facts: Pick<WorkspaceFacts, 'prUrl' | 'prState' | 'prCiStatus' | 'ratchetState'>,
): SidebarCiState {
  if (facts.prUrl === null) return 'NONE';
  if (facts.prState === 'MERGED' || facts.ratchetState === 'MERGED') return 'MERGED';
  if (facts.prState === 'CLOSED') return 'CLOSED';
  if (facts.ratchetState === 'MERGE_CONFLICT') return 'CONFLICT';
  switch (facts.prCiStatus ?? 'UNKNOWN') {
    case 'SUCCESS':
      return 'PASSING';
    case 'FAILURE':
      return 'FAILING';
    case 'PENDING':
      return 'RUNNING';
    case 'NONE':
      return 'NONE';
  }
  if (facts.ratchetState === 'CI_FAILED') return 'FAILING';
  if (facts.ratchetState === 'CI_RUNNING') return 'RUNNING';
  return 'UNKNOWN';
}

/** The board's column, or null when the workspace is not a card: first match wins. */
export function deriveKanbanColumn(
  facts: Pick<WorkspaceFacts, 'status' | 'prState' | 'hasHadSessions'>,
  isWorking: boolean,
): KanbanColumn | null {
  const { status } = facts;
  if (status === 'ARCHIVING' || status === 'ARCHIVED') return null;
  if (status === 'NEW' || status === 'PROVISIONING' || status === 'FAILED' || isWorking) return 'WORKING';
  if (facts.prState === 'MERGED') return 'DONE';
  if (!facts.hasHadSessions) return null;
  return 'WAITING';
}

/** Every derived field of DOMAIN.md, from the facts alone. */
export function deriveSnapshotFields(facts: DerivationInput): DerivedFields {
  const { flowPhase, flowWorking, ratchetButtonAnimated } = deriveFlow(facts);
  const isWorking = facts.isSessionWorking || flowWorking;
  return {
    ciObservation: deriveCiObservation(facts),
    flowPhase,
    isWorking,
    ratchetButtonAnimated,
    sidebarStatus: { activityState: isWorking ? 'WORKING' : 'IDLE', ciState: deriveSidebarCiState(facts) },
    kanbanColumn: deriveKanbanColumn(facts, isWorking),
  };
}

/** A snapshot from facts and metadata: the facts' own keys only, the derived fields, the metadata. */
export function buildSnapshot(facts: WorkspaceFacts, metadata: SnapshotMetadata): WorkspaceSnapshot {
  const snapshot = {} as Record<string, unknown>;
  for (const key of FACT_KEYS) snapshot[key] = facts[key];
  return Object.assign(snapshot, deriveSnapshotFields(facts), {
    version: metadata.version,
    computedAt: metadata.computedAt,
    source: metadata.source,
  }) as WorkspaceSnapshot;
}

const FACT_KEYS = Object.keys(WorkspaceFactsSchema.shape) as (keyof WorkspaceFacts)[];
const GIT_STATS_KEYS = Object.keys(GitStatsSchema.shape) as (keyof NonNullable<WorkspaceFacts['gitStats']>)[];

/** The fields a user can see: every fact and every derived field; not `version`, `computedAt`, `source`. */
export const VISIBLE_FIELDS = [...FACT_KEYS, ...(Object.keys(DerivedFieldsSchema.shape) as (keyof DerivedFields)[])];

/** The name of a field a user can see. */
export type VisibleField = keyof WorkspaceFacts | keyof DerivedFields;

type Visible = WorkspaceFacts & DerivedFields;

/** Whether two values of a visible field are equal: the object fields (`gitStats`, `sidebarStatus`) by their members. */
function fieldEqual(key: VisibleField, x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (key === 'gitStats') {
    const gx = x as Visible['gitStats'];
    const gy = y as Visible['gitStats'];
    return gx !== null && gy !== null && GIT_STATS_KEYS.every((k) => gx[k] === gy[k]);
  }
  if (key === 'sidebarStatus') {
    const sx = x as Visible['sidebarStatus'];
    const sy = y as Visible['sidebarStatus'];
    return sx.activityState === sy.activityState && sx.ciState === sy.ciState;
  }
  return false;
}

/** "Did anything a user can see change?" — false means the recomputation is not a change. */
export function visibleFieldsEqual(a: Visible, b: Visible): boolean {
  for (const key of VISIBLE_FIELDS) if (!fieldEqual(key, a[key], b[key])) return false;
  return true;
}

/** The visible fields whose values differ between `before` and `after`, in `VISIBLE_FIELDS` order: what a patch sets. */
export function changedFields(before: Visible, after: Visible): VisibleField[] {
  return VISIBLE_FIELDS.filter((key) => !fieldEqual(key, before[key], after[key]));
}

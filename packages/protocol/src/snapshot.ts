// The workspace snapshot of DOMAIN.md: facts from data sources, derived display fields, metadata.
import * as z from 'zod/mini';
import { CountSchema as Count, IdSchema as Id, IntSchema, IsoTimeSchema } from './scalars.js';

export const WorkspaceStatusSchema = z.enum(['NEW', 'PROVISIONING', 'READY', 'FAILED', 'ARCHIVING', 'ARCHIVED']);
export const PrStateSchema = z.enum(['NONE', 'DRAFT', 'OPEN', 'CHANGES_REQUESTED', 'APPROVED', 'MERGED', 'CLOSED']);
export const PrCiStatusSchema = z.enum(['UNKNOWN', 'NONE', 'PENDING', 'SUCCESS', 'FAILURE']);
export const PendingRequestTypeSchema = z.enum(['plan_approval', 'user_question']);
export const RatchetStateSchema = z.enum([
  'IDLE',
  'CI_RUNNING',
  'CI_FAILED',
  'MERGE_CONFLICT',
  'REVIEW_PENDING',
  'READY',
  'MERGED',
]);
export const RunScriptStatusSchema = z.enum(['IDLE', 'STARTING', 'RUNNING', 'STOPPING', 'COMPLETED', 'FAILED']);

export const GitStatsSchema = z.object({
  total: Count,
  additions: Count,
  deletions: Count,
  hasUncommitted: z.boolean(),
});

/** What the data sources report about one workspace. */
export const WorkspaceFactsSchema = z.object({
  workspaceId: Id,
  projectId: Id,
  name: z.string(),
  status: WorkspaceStatusSchema,
  branchName: z.nullable(z.string()),
  createdAt: IsoTimeSchema,
  prUrl: z.nullable(z.string().check(z.minLength(1))),
  prNumber: z.nullable(IntSchema),
  prState: z.nullable(PrStateSchema),
  prCiStatus: z.nullable(PrCiStatusSchema),
  isSessionWorking: z.boolean(),
  hasHadSessions: z.boolean(),
  pendingRequestType: z.nullable(PendingRequestTypeSchema),
  ratchetEnabled: z.boolean(),
  ratchetState: z.nullable(RatchetStateSchema),
  gitStats: z.nullable(GitStatsSchema),
  runScriptStatus: z.nullable(RunScriptStatusSchema),
  lastActivityAt: z.nullable(IsoTimeSchema),
});

export const CiObservationSchema = z.enum([
  'CHECKS_PENDING',
  'CHECKS_FAILED',
  'CHECKS_PASSED',
  'NO_CHECKS',
  'NOT_FETCHED',
  'CHECKS_UNKNOWN',
]);
export const FlowPhaseSchema = z.enum(['NO_PR', 'CI_WAIT', 'RATCHET_VERIFY', 'RATCHET_FIXING', 'READY', 'MERGED']);
export const ActivityStateSchema = z.enum(['WORKING', 'IDLE']);
export const SidebarCiStateSchema = z.enum([
  'NONE',
  'MERGED',
  'CLOSED',
  'CONFLICT',
  'PASSING',
  'FAILING',
  'RUNNING',
  'UNKNOWN',
]);
export const KanbanColumnSchema = z.enum(['WORKING', 'WAITING', 'DONE']);
export const SnapshotSourceKindSchema = z.enum(['initial', 'event', 'reconciliation']);

/** The display fields the server derives from the facts (see `deriveSnapshotFields`). */
export const DerivedFieldsSchema = z.object({
  ciObservation: CiObservationSchema,
  flowPhase: FlowPhaseSchema,
  isWorking: z.boolean(),
  ratchetButtonAnimated: z.boolean(),
  sidebarStatus: z.object({ activityState: ActivityStateSchema, ciState: SidebarCiStateSchema }),
  kanbanColumn: z.nullable(KanbanColumnSchema),
});

export const SnapshotMetadataSchema = z.object({
  version: Count,
  computedAt: IsoTimeSchema,
  source: SnapshotSourceKindSchema,
});

/** Every fact, every derived field and the metadata: one flat object per workspace. */
export const WorkspaceSnapshotSchema = z.object({
  ...WorkspaceFactsSchema.shape,
  ...DerivedFieldsSchema.shape,
  ...SnapshotMetadataSchema.shape,
});

export type WorkspaceStatus = z.infer<typeof WorkspaceStatusSchema>;
export type PrState = z.infer<typeof PrStateSchema>;
export type PrCiStatus = z.infer<typeof PrCiStatusSchema>;
export type PendingRequestType = z.infer<typeof PendingRequestTypeSchema>;
export type RatchetState = z.infer<typeof RatchetStateSchema>;
export type RunScriptStatus = z.infer<typeof RunScriptStatusSchema>;
export type GitStats = z.infer<typeof GitStatsSchema>;
export type WorkspaceFacts = z.infer<typeof WorkspaceFactsSchema>;
export type CiObservation = z.infer<typeof CiObservationSchema>;
export type FlowPhase = z.infer<typeof FlowPhaseSchema>;
export type ActivityState = z.infer<typeof ActivityStateSchema>;
export type SidebarCiState = z.infer<typeof SidebarCiStateSchema>;
export type SidebarStatus = DerivedFields['sidebarStatus'];
export type KanbanColumn = z.infer<typeof KanbanColumnSchema>;
export type SnapshotSourceKind = z.infer<typeof SnapshotSourceKindSchema>;
export type DerivedFields = z.infer<typeof DerivedFieldsSchema>;
export type SnapshotMetadata = z.infer<typeof SnapshotMetadataSchema>;
export type WorkspaceSnapshot = z.infer<typeof WorkspaceSnapshotSchema>;

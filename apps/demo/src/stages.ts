// Where a seeded workspace stands in its life: one entry per situation the sidebar and board can show, so that the seed
// holds every value of every fact of DOMAIN.md.
import type { RunScriptStatus } from '@livesnap/protocol';
import type { StoredFacts } from './schema.js';

/** The facts a stage sets; the seed adds ids, names, times and the PR's number and URL. */
export type StagePatch = Partial<
  Omit<StoredFacts, 'workspaceId' | 'projectId' | 'createdAt' | 'prUrl' | 'prNumber'>
> & {
  /** The stage has a pull request (the seed numbers it). */
  pr?: boolean;
};

const session = { hasHadSessions: true } as const;
const pr = (
  prState: StoredFacts['prState'],
  prCiStatus: StoredFacts['prCiStatus'],
  ratchetState: StoredFacts['ratchetState'],
) => ({ ...session, pr: true, prState, prCiStatus, ratchetState }) as const;

/** Every stage, each with how often it occurs in a large project (the first ones of each project take each once). */
export const STAGES: readonly { name: string; weight: number; facts: StagePatch }[] = [
  { name: 'new', weight: 2, facts: { status: 'NEW', branchName: null } },
  { name: 'provisioning', weight: 1, facts: { status: 'PROVISIONING' } },
  { name: 'provisioning failed', weight: 1, facts: { status: 'FAILED' } },
  { name: 'untouched', weight: 10, facts: {} },
  { name: 'agent working', weight: 8, facts: { ...session, isSessionWorking: true } },
  { name: 'waits for plan approval', weight: 4, facts: { ...session, pendingRequestType: 'plan_approval' } },
  { name: 'waits for an answer', weight: 3, facts: { ...session, pendingRequestType: 'user_question' } },
  { name: 'idle after a session', weight: 10, facts: { ...session } },
  { name: 'PR sync found no PR', weight: 3, facts: { ...session, prState: 'NONE', prCiStatus: 'NONE' } },
  { name: 'draft PR, checks not read', weight: 3, facts: pr('DRAFT', 'UNKNOWN', null) },
  { name: 'CI running', weight: 6, facts: pr('OPEN', 'PENDING', 'CI_RUNNING') },
  { name: 'CI failed, ratchet fixing', weight: 4, facts: pr('OPEN', 'FAILURE', 'CI_FAILED') },
  { name: 'changes requested', weight: 3, facts: pr('CHANGES_REQUESTED', 'SUCCESS', 'REVIEW_PENDING') },
  { name: 'approved and green', weight: 4, facts: pr('APPROVED', 'SUCCESS', 'READY') },
  { name: 'merge conflict', weight: 2, facts: pr('OPEN', 'SUCCESS', 'MERGE_CONFLICT') },
  { name: 'repository without CI', weight: 2, facts: pr('OPEN', 'NONE', 'IDLE') },
  { name: 'merged', weight: 12, facts: pr('MERGED', 'SUCCESS', 'MERGED') },
  { name: 'closed unmerged', weight: 2, facts: pr('CLOSED', 'FAILURE', null) },
  { name: 'archiving', weight: 1, facts: { ...pr('MERGED', 'SUCCESS', 'MERGED'), status: 'ARCHIVING' } },
  { name: 'archived', weight: 8, facts: { ...pr('MERGED', 'SUCCESS', 'MERGED'), status: 'ARCHIVED' } },
];

/** A dev-server state per workspace, cycled so that every value (null included) occurs. */
export const RUN_SCRIPT_STATES: readonly (RunScriptStatus | null)[] = [
  null,
  'IDLE',
  'RUNNING',
  'STARTING',
  'STOPPING',
  'COMPLETED',
  'FAILED',
];

const TOTAL_WEIGHT = STAGES.reduce((sum, stage) => sum + stage.weight, 0);

/** The stage whose weight band holds `roll` (a number in [0, 1)). */
export function stageAt(roll: number): (typeof STAGES)[number] {
  let left = roll * TOTAL_WEIGHT;
  for (const stage of STAGES) {
    left -= stage.weight;
    if (left < 0) return stage;
  }
  return STAGES[STAGES.length - 1]!;
}

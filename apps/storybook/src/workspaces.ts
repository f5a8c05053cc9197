// The stories' data: a project's workspaces at every stage of a workspace's life (deterministic, so a story shows the
// same board every time and its test knows the counts), and simulated activity that changes them.
import type { WorkspaceFacts } from '@livesnap/protocol';
import { makeFacts } from '@livesnap/protocol/testing';

/** One stage of a workspace's life, as the facts that differ from a fresh, idle workspace. */
type Stage = (n: number) => Partial<WorkspaceFacts>;

const git = (n: number, hasUncommitted = false) => ({
  total: 1 + (n % 9),
  additions: 12 * (1 + (n % 17)),
  deletions: 3 * (n % 11),
  hasUncommitted,
});
const pr = (n: number) => ({ prNumber: 100 + n, prUrl: `https://git.example/acme/web/pull/${100 + n}` });

/** Eight stages, in the order workspace i takes them (i modulo 8); the last is archived, so 1 in 8 is not shown. */
const STAGES: readonly Stage[] = [
  (n) => ({ isSessionWorking: true, hasHadSessions: true, gitStats: git(n, true) }),
  (n) => ({ hasHadSessions: true, pendingRequestType: 'plan_approval', gitStats: git(n) }),
  (n) => ({ hasHadSessions: true, prState: 'OPEN', prCiStatus: 'PENDING', ...pr(n), gitStats: git(n) }),
  (n) => ({ hasHadSessions: true, prState: 'OPEN', prCiStatus: 'FAILURE', ...pr(n), gitStats: git(n) }),
  () => ({ status: 'PROVISIONING', branchName: null }),
  (n) => ({ hasHadSessions: true, pendingRequestType: 'user_question', gitStats: git(n, true) }),
  (n) => ({ hasHadSessions: true, prState: 'MERGED', prCiStatus: 'SUCCESS', ...pr(n), gitStats: git(n) }),
  (n) => ({ status: 'ARCHIVED', hasHadSessions: true, prState: 'MERGED', ...pr(n) }),
];

/** How many of `count` generated workspaces the sidebar shows (every one but the archived). */
export function shownCount(count: number): number {
  return count - Math.floor(count / STAGES.length);
}

/** `count` workspaces of `projectId`, the i-th at stage i modulo 8, newest first in the list (by `createdAt`). */
export function makeWorkspaces(projectId: string, count: number): WorkspaceFacts[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `ws-${String(i + 1).padStart(4, '0')}`;
    return makeFacts({
      workspaceId: id,
      projectId,
      name: NAMES[i % NAMES.length]! + (i >= NAMES.length ? ` ${Math.floor(i / NAMES.length) + 1}` : ''),
      branchName: `feature/${id}`,
      createdAt: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
      lastActivityAt: new Date(Date.UTC(2026, 10, 2) + i * 60_000).toISOString(),
      ...STAGES[i % STAGES.length]!(i),
    });
  });
}

const NAMES = [
  'Checkout retries',
  'Dark mode',
  'Search ranking',
  'Invoice export',
  'Onboarding tour',
  'Rate limiter',
  'Audit log',
  'Billing webhooks',
  'Image resizing',
  'SSO login',
  'Slack alerts',
  'CSV import',
];

/**
 * One simulated event on `facts`, chosen by `random` ([0, 1)): an agent starts or stops, asks or is answered, edits
 * files, CI passes or fails. The workspace stays shown (nothing is archived or created), so a story's sidebar count
 * holds while the board's columns move.
 */
export function simulateActivity(facts: WorkspaceFacts, random: () => number): WorkspaceFacts {
  const at = new Date().toISOString();
  const moves: Partial<WorkspaceFacts>[] = [
    { isSessionWorking: !facts.isSessionWorking, hasHadSessions: true, pendingRequestType: null },
    { pendingRequestType: facts.pendingRequestType === null ? 'plan_approval' : null, isSessionWorking: false },
    { gitStats: git(Math.floor(random() * 1000), random() < 0.5) },
    ...(facts.prState === 'OPEN' ? [{ prCiStatus: random() < 0.5 ? ('SUCCESS' as const) : ('FAILURE' as const) }] : []),
  ];
  const move = moves[Math.floor(random() * moves.length)]!;
  return { ...facts, ...move, lastActivityAt: at };
}

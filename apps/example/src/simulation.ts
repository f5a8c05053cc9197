// Simulated agent activity: one random domain event per step, each reported as "workspace X changed".
import type { WorkspaceFacts } from '@livesnap/protocol';
import type { MemorySource } from './memory-source.js';

export interface SimulationOptions {
  source: MemorySource;
  projectId: string;
  /** Called with the id of every workspace a step changed, as a domain would call `invalidate`. */
  onChange: (workspaceId: string) => void;
  random?: () => number;
  now?: () => Date;
}

type Step = (w: WorkspaceFacts, sim: Required<SimulationOptions>) => Partial<WorkspaceFacts> | 'delete' | null;

const STEPS: Step[] = [
  // An agent starts a turn, or finishes it.
  (w, { now }) =>
    w.status === 'READY'
      ? {
          isSessionWorking: !w.isSessionWorking,
          hasHadSessions: true,
          pendingRequestType: null,
          lastActivityAt: now().toISOString(),
        }
      : null,
  // The agent waits for the user.
  (w) => (w.hasHadSessions && !w.isSessionWorking ? { pendingRequestType: 'plan_approval' } : null),
  // A pull request opens.
  (w) =>
    w.prUrl === null && w.hasHadSessions
      ? {
          prNumber: prNumberOf(w),
          prUrl: `https://git.example/pr/${prNumberOf(w)}`,
          prState: 'OPEN',
          prCiStatus: 'PENDING',
          ratchetState: 'CI_RUNNING',
        }
      : null,
  // CI finishes.
  (w, { random }) =>
    w.prCiStatus === 'PENDING'
      ? random() < 0.6
        ? { prCiStatus: 'SUCCESS', ratchetState: 'READY' }
        : { prCiStatus: 'FAILURE', ratchetState: 'CI_FAILED' }
      : null,
  // The ratchet pushes a fix, CI runs again.
  (w) => (w.ratchetState === 'CI_FAILED' ? { prCiStatus: 'PENDING', ratchetState: 'CI_RUNNING' } : null),
  // The PR merges.
  (w) => (w.prCiStatus === 'SUCCESS' && w.prState === 'OPEN' ? { prState: 'MERGED', ratchetState: 'MERGED' } : null),
  // Files change in the worktree.
  (w, { random }) => {
    const added = Math.floor(random() * 40);
    const removed = Math.floor(random() * 10);
    const stats = w.gitStats ?? { total: 0, additions: 0, deletions: 0, hasUncommitted: false };
    return {
      gitStats: {
        total: stats.total + 1,
        additions: stats.additions + added,
        deletions: stats.deletions + removed,
        hasUncommitted: random() < 0.5,
      },
    };
  },
  // A merged workspace is archived; an archived one is deleted.
  (w) => (w.status === 'ARCHIVED' ? 'delete' : w.prState === 'MERGED' ? { status: 'ARCHIVED' } : null),
  // A new workspace finishes provisioning.
  (w) => (w.status === 'NEW' ? { status: 'PROVISIONING' } : w.status === 'PROVISIONING' ? { status: 'READY' } : null),
];

function prNumberOf(w: WorkspaceFacts): number {
  return Number.parseInt(w.workspaceId.replace(/\D/g, ''), 10) || 1;
}

let created = 0;

/** A new workspace of `projectId`, as a user would create it. */
export function newWorkspace(projectId: string, now: Date): WorkspaceFacts {
  created += 1;
  const id = `${projectId}-w${String(created).padStart(3, '0')}`;
  return {
    workspaceId: id,
    projectId,
    name: `Workspace ${created}`,
    status: 'NEW',
    branchName: `agent/${id}`,
    createdAt: now.toISOString(),
    prUrl: null,
    prNumber: null,
    prState: null,
    prCiStatus: null,
    isSessionWorking: false,
    hasHadSessions: false,
    pendingRequestType: null,
    ratchetEnabled: true,
    ratchetState: null,
    gitStats: null,
    runScriptStatus: null,
    lastActivityAt: null,
  };
}

/** Runs one random event in the project: usually a step of an existing workspace, sometimes a new workspace. */
export function simulateStep(options: SimulationOptions): void {
  const sim: Required<SimulationOptions> = { random: Math.random, now: () => new Date(), ...options };
  const { source, projectId, onChange, random, now } = sim;
  const workspaces = source.list(projectId);
  if (workspaces.length < 4 || random() < 0.05) {
    const facts = newWorkspace(projectId, now());
    source.put(facts);
    onChange(facts.workspaceId);
    return;
  }
  for (let attempt = 0; attempt < 10; attempt++) {
    const workspace = workspaces[Math.floor(random() * workspaces.length)]!;
    const step = STEPS[Math.floor(random() * STEPS.length)]!;
    const change = step(workspace, sim);
    if (change === null) continue;
    if (change === 'delete') source.delete(workspace.workspaceId);
    else source.put({ ...workspace, ...change });
    onChange(workspace.workspaceId);
    return;
  }
}

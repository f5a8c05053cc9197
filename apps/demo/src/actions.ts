// The demo's domain: what agents, CI, the ratchet and users do to a workspace. Each action writes the database (and
// git when files change) and then tells the snapshot service; the HTTP API and the simulation run the same actions.
import type { DemoDatabase } from './database.js';
import { conflict, notFound } from './errors.js';
import type { Random } from './random.js';
import type { StoredFacts } from './schema.js';
import { prUrlOf } from './seed.js';
import type { Worktrees } from './worktrees.js';

export interface ActionContext {
  db: DemoDatabase;
  worktrees: Worktrees;
  /** Draws the agents' edits. */
  random: Random;
  now: () => number;
  /** `service.invalidate`, as a domain calls it after a change. */
  invalidate(workspaceId: string, options: { projectId: string; git?: boolean }): void;
  /** Where git failures go (the change in the database stands). */
  warn(message: string, context: Record<string, unknown>): void;
}

/** What an action does to git: the agent edits files, commits them, or the worktree goes. */
type GitEffect = 'edit' | 'commit' | 'edit+commit' | 'remove';

interface Action {
  /** Why the action cannot run on this workspace now, or null. */
  refuse(w: StoredFacts): string | null;
  patch(w: StoredFacts, ctx: ActionContext, input: ActionInput): Partial<StoredFacts>;
  git?: GitEffect;
}

export interface ActionInput {
  /** For `ask`: what the agent waits for. Default `plan_approval`. */
  requestType?: 'plan_approval' | 'user_question';
}

const ACTIVE_PR = new Set(['OPEN', 'DRAFT', 'CHANGES_REQUESTED', 'APPROVED']);
const hasActivePr = (w: StoredFacts) => w.prUrl !== null && ACTIVE_PR.has(w.prState ?? 'NONE');
const at = (ctx: ActionContext) => new Date(ctx.now()).toISOString();
const mustBeReady = (w: StoredFacts) => (w.status === 'READY' ? null : `its status is ${w.status}, not READY`);
const needsActivePr = (w: StoredFacts) =>
  hasActivePr(w) ? null : `it has no open pull request (prState ${w.prState ?? 'null'})`;

export const ACTIONS = {
  'start-agent': {
    refuse: (w) => mustBeReady(w) ?? (w.isSessionWorking ? 'its agent is already working' : null),
    patch: (_w, ctx) => ({
      isSessionWorking: true,
      hasHadSessions: true,
      pendingRequestType: null,
      lastActivityAt: at(ctx),
    }),
    git: 'edit',
  },
  // The agent keeps working: more edits in the worktree, nothing else changes but the time.
  edit: {
    refuse: (w) => (w.isSessionWorking ? null : 'no agent is working in it'),
    patch: (_w, ctx) => ({ lastActivityAt: at(ctx) }),
    git: 'edit',
  },
  'finish-turn': {
    refuse: (w) => (w.isSessionWorking ? null : 'no agent is working in it'),
    patch: (_w, ctx) => ({ isSessionWorking: false, lastActivityAt: at(ctx) }),
    git: 'edit+commit',
  },
  ask: {
    refuse: (w) =>
      mustBeReady(w) ?? (w.pendingRequestType ? `its agent already waits for ${w.pendingRequestType}` : null),
    patch: (_w, ctx, input) => ({
      pendingRequestType: input.requestType ?? 'plan_approval',
      isSessionWorking: false,
      hasHadSessions: true,
      lastActivityAt: at(ctx),
    }),
  },
  answer: {
    refuse: (w) => (w.pendingRequestType ? null : 'its agent is not waiting for an answer'),
    patch: (_w, ctx) => ({ pendingRequestType: null, isSessionWorking: true, lastActivityAt: at(ctx) }),
    git: 'edit',
  },
  'open-pr': {
    refuse: (w) =>
      mustBeReady(w) ??
      (hasActivePr(w) ? `it already has pull request #${w.prNumber}` : null) ??
      (w.hasHadSessions ? null : 'no agent has worked in it yet'),
    patch: (w, ctx) => {
      const prNumber = ctx.db.takePrNumber(w.projectId, 'write');
      return {
        prNumber,
        prUrl: prUrlOf(w.projectId, prNumber),
        prState: 'OPEN',
        prCiStatus: 'PENDING',
        ratchetState: 'CI_RUNNING',
      };
    },
    git: 'commit',
  },
  'fail-ci': {
    refuse: needsActivePr,
    patch: () => ({ prCiStatus: 'FAILURE', ratchetState: 'CI_FAILED' }),
  },
  'pass-ci': {
    refuse: needsActivePr,
    patch: () => ({ prCiStatus: 'SUCCESS', ratchetState: 'READY' }),
  },
  // A reviewer asks for changes (the ratchet will address them), or approves.
  'request-changes': {
    refuse: needsActivePr,
    patch: () => ({ prState: 'CHANGES_REQUESTED', ratchetState: 'REVIEW_PENDING' }),
  },
  approve: {
    refuse: needsActivePr,
    patch: () => ({ prState: 'APPROVED' }),
  },
  // The ratchet pushes a fix for failed CI, review comments or a conflict; CI runs again.
  'ratchet-fix': {
    refuse: (w) =>
      needsActivePr(w) ??
      (!w.ratchetEnabled ? 'its ratchet is off' : null) ??
      (['CI_FAILED', 'REVIEW_PENDING', 'MERGE_CONFLICT'].includes(w.ratchetState ?? 'IDLE')
        ? null
        : `the ratchet has nothing to fix (ratchetState ${w.ratchetState ?? 'null'})`),
    patch: (w, ctx) => ({
      prState: w.prState === 'CHANGES_REQUESTED' ? 'OPEN' : w.prState,
      prCiStatus: 'PENDING',
      ratchetState: 'CI_RUNNING',
      lastActivityAt: at(ctx),
    }),
    git: 'edit+commit',
  },
  merge: {
    refuse: needsActivePr,
    patch: () => ({
      prState: 'MERGED',
      ratchetState: 'MERGED',
      isSessionWorking: false,
      pendingRequestType: null,
    }),
  },
  archive: {
    refuse: (w) => (w.status === 'ARCHIVED' || w.status === 'ARCHIVING' ? `it is already ${w.status}` : null),
    patch: () => ({ status: 'ARCHIVED', isSessionWorking: false, pendingRequestType: null, runScriptStatus: null }),
    git: 'remove',
  },
} satisfies Record<string, Action>;

export type ActionName = keyof typeof ACTIONS;

export const ACTION_NAMES = Object.keys(ACTIONS) as ActionName[];

export function isActionName(name: string): name is ActionName {
  return Object.hasOwn(ACTIONS, name);
}

/** Whether `name` can run on the workspace now (the simulation asks before it picks). */
export function canRun(name: ActionName, w: StoredFacts): boolean {
  return (ACTIONS[name] as Action).refuse(w) === null;
}

/**
 * Runs the action: the database write happens at once (no await between the check and the write, so two callers
 * cannot both pass the check), then the git effect, then one invalidation. Answers the workspace's new facts.
 */
export async function runAction(
  name: ActionName,
  workspaceId: string,
  ctx: ActionContext,
  input: ActionInput = {},
): Promise<StoredFacts> {
  const action: Action = ACTIONS[name];
  const before = ctx.db.workspace(workspaceId, 'write');
  if (!before) throw notFound(`no workspace ${JSON.stringify(workspaceId)}`);
  const refusal = action.refuse(before);
  if (refusal) throw conflict(`cannot ${name} workspace ${workspaceId}: ${refusal}`);
  ctx.db.updateWorkspace(workspaceId, action.patch(before, ctx, input), 'write');
  if (action.git) await applyGit(action.git, before, ctx);
  ctx.invalidate(workspaceId, { projectId: before.projectId, git: action.git !== undefined });
  return ctx.db.workspace(workspaceId, 'write') ?? before;
}

/** Whatever part of the effect happened is on disk, so the caller asks for fresh git stats even after a failure. */
async function applyGit(effect: GitEffect, w: StoredFacts, ctx: ActionContext): Promise<void> {
  const { worktrees } = ctx;
  try {
    if (effect === 'remove') {
      await worktrees.remove(w.workspaceId, 'write');
      return;
    }
    await worktrees.ensure(w, 'write');
    if (effect !== 'commit') await worktrees.edit(w.workspaceId, ctx.random);
    if (effect !== 'edit') await worktrees.commit(w.workspaceId, `${w.name}: agent turn`, 'write');
  } catch (error) {
    ctx.warn('a git change of the workspace failed; its database change stands', {
      workspaceId: w.workspaceId,
      effect,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

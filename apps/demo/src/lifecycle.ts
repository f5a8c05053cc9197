// A workspace's life outside the agent's turns: created and provisioned (a real worktree), its dev server, archiving
// and deletion; and the silent writer's change, which nobody signals.
import type { RunScriptStatus } from '@livesnap/protocol';
import type { ActionContext } from './actions.js';
import { notFound } from './errors.js';
import type { Random } from './random.js';
import type { StoredFacts } from './schema.js';
import { workspaceFacts, workspaceName } from './seed.js';
import { RUN_SCRIPT_STATES } from './stages.js';

export interface AddedWorkspace {
  facts: StoredFacts;
  /** Settles once the workspace is READY (its worktree made) or FAILED. */
  provisioned: Promise<void>;
}

/** A new workspace, NEW at once; then PROVISIONING while its worktree is made, then READY (FAILED when git fails). */
export function addWorkspace(ctx: ActionContext, projectId: string, name?: string): AddedWorkspace {
  const { db } = ctx;
  if (!db.project(projectId, 'write')) throw notFound(`no project ${JSON.stringify(projectId)}`);
  const workspaceId = `${projectId}-${db.takeWorkspaceNumber(projectId, 'write')}`;
  const facts = workspaceFacts(
    {
      projectId,
      workspaceId,
      name: name ?? workspaceName(ctx.random),
      createdAt: new Date(ctx.now()).toISOString(),
      prNumber: null,
      ratchetEnabled: true,
      runScriptStatus: null,
      lastActivityAt: null,
    },
    { status: 'NEW' },
  );
  db.insertWorkspace(facts, 'write');
  ctx.invalidate(workspaceId, { projectId });
  return { facts, provisioned: provision(ctx, facts) };
}

/** Moves a NEW or PROVISIONING workspace on to READY, making its worktree; FAILED when git fails. */
export async function provision(ctx: ActionContext, facts: StoredFacts): Promise<void> {
  const { db, worktrees } = ctx;
  const { workspaceId, projectId } = facts;
  db.updateWorkspace(workspaceId, { status: 'PROVISIONING' }, 'write');
  ctx.invalidate(workspaceId, { projectId });
  let status: StoredFacts['status'] = 'READY';
  try {
    await worktrees.ensure(facts, 'write');
  } catch (error) {
    // Stopped by the demo's shutdown: the workspace stays PROVISIONING and is provisioned after the next start.
    if (worktrees.closed) return;
    ctx.warn('provisioning failed: the worktree could not be made', {
      workspaceId,
      error: error instanceof Error ? error.message : String(error),
    });
    status = 'FAILED';
  }
  // A workspace archived or deleted meanwhile stays as it is.
  if (db.workspace(workspaceId, 'write')?.status !== 'PROVISIONING') return;
  db.updateWorkspace(workspaceId, { status }, 'write');
  ctx.invalidate(workspaceId, { projectId, git: true });
}

const RUN_SCRIPT_NEXT: Record<RunScriptStatus | 'null', RunScriptStatus> = {
  null: 'STARTING',
  IDLE: 'STARTING',
  COMPLETED: 'STARTING',
  FAILED: 'STARTING',
  STARTING: 'RUNNING',
  RUNNING: 'STOPPING',
  STOPPING: 'COMPLETED',
};

/** The dev server's next state; a start fails now and then. */
export function nextRunScriptStatus(current: RunScriptStatus | null, random: Random): RunScriptStatus {
  if (current === 'STARTING' && random.chance(0.15)) return 'FAILED';
  return RUN_SCRIPT_NEXT[current ?? 'null'];
}

/** A visible change, as a writer that does not tell the service would make it (another process, a migration). */
export function silentChange(w: StoredFacts, random: Random): Partial<StoredFacts> {
  const roll = random.next();
  if (roll < 0.4) {
    const suffix = ' (renamed)';
    return { name: w.name.endsWith(suffix) ? w.name.slice(0, -suffix.length) : w.name + suffix };
  }
  if (roll < 0.7) return { ratchetEnabled: !w.ratchetEnabled };
  const at = RUN_SCRIPT_STATES.indexOf(w.runScriptStatus);
  return { runScriptStatus: RUN_SCRIPT_STATES[(at + 1) % RUN_SCRIPT_STATES.length]! };
}

/** Applies `silentChange` to the row and signals nothing: only reconciliation can find it. */
export function silentWrite(ctx: Pick<ActionContext, 'db' | 'random'>, workspaceId: string): StoredFacts {
  const w = ctx.db.workspace(workspaceId, 'write');
  if (!w) throw notFound(`no workspace ${JSON.stringify(workspaceId)}`);
  const patch = silentChange(w, ctx.random);
  ctx.db.updateWorkspace(workspaceId, patch, 'write');
  return { ...w, ...patch };
}

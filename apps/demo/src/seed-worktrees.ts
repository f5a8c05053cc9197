// The seeded workspaces' git history, made in the background after start so that the first start stays quick: the
// newest workspaces where an agent has worked get a worktree with a few edits, committed unless the agent is still
// busy. Each appears in the snapshots as soon as it is made (an invalidation with `git: true`).
import pLimit from 'p-limit';
import type { ActionContext } from './actions.js';
import { createRandom } from './random.js';

/**
 * Gives up to `perProject` workspaces of each project a worktree with history (newest first; those that already have
 * one are skipped). Settles when all are made; failures are warned about and skipped.
 */
export async function seedWorktrees(
  ctx: ActionContext,
  projectIds: readonly string[],
  perProject: number,
  seed: number,
): Promise<void> {
  const { db, worktrees } = ctx;
  const chosen = projectIds.flatMap((projectId) =>
    db
      .workspacesOf(projectId, 'write')
      .filter((w) => w.hasHadSessions && w.status === 'READY')
      .slice(0, perProject)
      .filter((w) => !worktrees.has(w.workspaceId)),
  );
  // Two workspaces at a time, history included: the first start must leave the machine to the page and the API.
  const limit = pLimit(2);
  await Promise.all(
    chosen.map((w) =>
      limit(async () => {
        // One generator per workspace: the worktrees are made concurrently, in no fixed order.
        const random = createRandom(seed ^ hash(w.workspaceId));
        try {
          await worktrees.ensure(w, 'write');
          for (let turn = random.int(1, 3); turn > 0; turn--) {
            await worktrees.edit(w.workspaceId, random);
            await worktrees.commit(w.workspaceId, `${w.name}: turn ${turn}`, 'write');
          }
          // An agent that is busy or waits for the user has work not yet committed.
          if (w.isSessionWorking || w.pendingRequestType !== null) await worktrees.edit(w.workspaceId, random);
        } catch (error) {
          ctx.warn('a seeded worktree could not be made; its git stats stay empty', {
            workspaceId: w.workspaceId,
            error: error instanceof Error ? error.message : String(error),
          });
        }
        ctx.invalidate(w.workspaceId, { projectId: w.projectId, git: true });
      }),
    ),
  );
}

/** FNV-1a: a string's 32-bit hash, to derive a per-workspace seed. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

// Recomputing one invalidated workspace: read it, and commit what changed where it is and where it was (a move is a
// remove from one project and an upsert in another), only ever moving forward (freshness.ts). With a shared store,
// a workspace of a project loaded only by other instances is committed there too, so that their subscribers see it.
import type { CoalesceRequest } from './coalesce.js';
import { beginRead, type FreshnessGate } from './freshness.js';
import type { Logger } from './logger.js';
import type { Projects } from './projects.js';
import type { SnapshotBuilder } from './snapshot-builder.js';
import { FAILED, type SourceReader } from './source-reader.js';
import type { SnapshotStore } from './store.js';

export interface RecomputeOptions {
  store: SnapshotStore;
  reader: SourceReader;
  gate: FreshnessGate;
  projects: Projects;
  build: SnapshotBuilder;
  logger: Logger;
  isStopped(): boolean;
}

export function createRecompute(options: RecomputeOptions) {
  const { store, reader, gate, projects, build, logger, isStopped } = options;

  /** The snapshot the store holds of the workspace in `projectId` (none when that project is not loaded). */
  const heldIn = (workspaceId: string) => (projectId: string) => store.getWorkspace(projectId, workspaceId);

  /** The epoch to commit into: this instance's, or with a shared store whichever it holds the project at (null). */
  const epochFor = (projectId: string): string | null | undefined =>
    projects.epochOf(projectId) ?? (store.shared && !projects.loadingOf(projectId) ? null : undefined);

  return async function recompute(workspaceId: string, request: CoalesceRequest): Promise<void> {
    if (isStopped() || !projects.anyoneMayWatch(workspaceId)) return;
    const ticket = await beginRead(store, gate);
    try {
      const facts = await reader.loadWorkspace(workspaceId, request.git, heldIn(workspaceId));
      if (facts === FAILED) return;
      const target = facts?.projectId ?? null;
      const loading = target === null ? null : projects.loadingOf(target);
      // A read of a project being loaded is applied after the load, which it may be newer than.
      if (loading) await loading.catch(() => null);
      // No await from the freshness decision to the commits: another result must not slip in between.
      if (!gate.tryApply(workspaceId, ticket)) {
        logger.debug('discarded a read that started before an applied one', { workspaceId, ticket });
        return;
      }
      const commits: Promise<unknown>[] = [];
      const heldProject = projects.projectOf(workspaceId);
      const heldEpoch = heldProject === undefined ? null : projects.epochOf(heldProject);
      if (heldProject !== undefined && heldProject !== target && heldEpoch) {
        commits.push(store.commit(heldProject, heldEpoch, [{ type: 'remove', workspaceId, ticket }]));
      }
      const targetEpoch = target === null ? undefined : epochFor(target);
      if (facts && target && targetEpoch !== undefined) {
        const upsert = { type: 'upsert', snapshot: build(facts, 'event'), ticket } as const;
        commits.push(store.commit(target, targetEpoch, [upsert]));
      }
      await Promise.all(commits);
    } finally {
      gate.end(ticket);
    }
  };
}

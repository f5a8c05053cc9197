// Recomputing one invalidated workspace: read it, and commit what changed where it is and where it was (a move is a
// remove from one project and an upsert in another), only ever moving forward (freshness.ts).
import type { CoalesceRequest } from './coalesce.js';
import type { FreshnessGate } from './freshness.js';
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

  /** The snapshot held of the workspace in `projectId`, when that project is loaded. */
  const heldIn = (workspaceId: string) => async (projectId: string) =>
    projects.epochOf(projectId) ? store.getWorkspace(projectId, workspaceId) : null;

  return async function recompute(workspaceId: string, request: CoalesceRequest): Promise<void> {
    if (isStopped() || !projects.anyoneMayWatch(workspaceId)) return;
    const ticket = gate.begin();
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
        commits.push(store.commit(heldProject, heldEpoch, [{ type: 'remove', workspaceId }]));
      }
      const targetEpoch = target === null ? null : projects.epochOf(target);
      if (facts && target && targetEpoch) {
        commits.push(store.commit(target, targetEpoch, [{ type: 'upsert', snapshot: build(facts, 'event') }]));
      }
      await Promise.all(commits);
    } finally {
      gate.end(ticket);
    }
  };
}

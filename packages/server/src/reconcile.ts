// Reconciliation, the safety net for changes nobody signalled: every `reconcileIntervalMs` (start to start) each loaded
// project is reloaded from the source, `reconcileConcurrency` at a time, and what differs is committed in one batch,
// only ever moving forward.
import pLimit from 'p-limit';
import type { FreshnessGate } from './freshness.js';
import { type Logger, messageOf } from './logger.js';
import type { Projects } from './projects.js';
import type { Scheduler } from './scheduler.js';
import type { SnapshotBuilder } from './snapshot-builder.js';
import type { SourceReader } from './source-reader.js';
import type { Change, SnapshotStore } from './store.js';

export interface ReconcilerOptions {
  store: SnapshotStore;
  reader: SourceReader;
  gate: FreshnessGate;
  projects: Projects;
  build: SnapshotBuilder;
  scheduler: Scheduler;
  reconcileIntervalMs: number;
  reconcileConcurrency: number;
  logger: Logger;
  isStopped(): boolean;
}

export interface Reconciler {
  /** One pass over every loaded project, now (after the pass in flight, if any, which may predate the call). */
  reconcile(): Promise<void>;
  /** A reload of one loaded project, now (nothing when it is not loaded). */
  reconcileProject(projectId: string): Promise<void>;
  /** Starts the passes every `reconcileIntervalMs`. */
  start(): void;
  /** Cancels the next pass; resolves once the passes in flight have ended. */
  stop(): Promise<void>;
}

export function createReconciler(options: ReconcilerOptions): Reconciler {
  const { store, reader, gate, projects, build, scheduler, reconcileIntervalMs, logger, isStopped } = options;
  const reloads = pLimit(options.reconcileConcurrency);
  let cancelNext: (() => void) | null = null;
  let reconciling: Promise<void> | null = null;
  /** A pass asked for while another was in flight; it starts when that one ends. */
  let nextPass: Promise<void> | null = null;

  async function reconcileProject(projectId: string): Promise<void> {
    const epoch = projects.epochOf(projectId);
    if (!epoch) return;
    const ticket = gate.begin();
    try {
      let read: Awaited<ReturnType<SourceReader['loadProject']>>;
      try {
        read = await reader.loadProject(projectId);
      } catch (error) {
        logger.error('reconciliation could not load the project; its snapshots stay', {
          projectId,
          error: messageOf(error),
        });
        return;
      }
      if (read === null) {
        projects.gone(projectId, epoch);
        return;
      }
      const { facts, unreadable } = read;
      const current = await store.get(projectId);
      if (!current || current.epoch !== epoch) return;
      const held = new Map(current.snapshots.map((s) => [s.workspaceId, s]));
      const complete = await Promise.all(
        facts.map((f) => reader.withGitStats(f, held.get(f.workspaceId)?.gitStats ?? null)),
      );
      // No await from the freshness decisions to the commit.
      const changes: Change[] = [];
      const seen = new Set<string>();
      for (const f of complete) {
        seen.add(f.workspaceId);
        if (gate.tryApply(f.workspaceId, ticket)) {
          changes.push({ type: 'upsert', snapshot: build(f, 'reconciliation') });
        }
      }
      for (const workspaceId of held.keys()) {
        if (seen.has(workspaceId) || unreadable.has(workspaceId)) continue;
        if (gate.tryApply(workspaceId, ticket)) changes.push({ type: 'remove', workspaceId });
      }
      if (changes.length > 0 && projects.epochOf(projectId) === epoch) await store.commit(projectId, epoch, changes);
    } catch (error) {
      logger.error('reconciliation failed', { projectId, error: messageOf(error) });
    } finally {
      gate.end(ticket);
    }
  }

  /** Reloads are bounded by `reconcileConcurrency`, a pass's and single ones together. */
  const reload = (projectId: string) => reloads(() => reconcileProject(projectId));

  function runPass(): Promise<void> {
    reconciling = (async () => {
      await Promise.all(projects.loaded().map(reload));
    })().finally(() => {
      reconciling = null;
    });
    return reconciling;
  }

  function reconcile(): Promise<void> {
    if (isStopped()) return Promise.resolve();
    if (!reconciling) return runPass();
    // The pass in flight may have read before the caller's change: one more starts once it ends (at most one waits,
    // and a pass begun meanwhile began after the call too).
    nextPass ??= reconciling.then(() => {
      nextPass = null;
      if (isStopped()) return;
      return reconciling ?? runPass();
    });
    return nextPass;
  }

  /** Passes start `reconcileIntervalMs` apart (start to start), so an unsignalled change shows within one interval. */
  function scheduleNext(delayMs = reconcileIntervalMs): void {
    cancelNext = scheduler.schedule(() => {
      cancelNext = null;
      const startedAt = scheduler.now();
      void reconcile().finally(() => {
        if (!isStopped()) scheduleNext(Math.max(0, reconcileIntervalMs - (scheduler.now() - startedAt)));
      });
    }, delayMs);
  }

  return {
    reconcile,
    reconcileProject: (projectId) => (isStopped() ? Promise.resolve() : reload(projectId)),
    start: () => scheduleNext(),
    async stop() {
      cancelNext?.();
      cancelNext = null;
      await Promise.all([reconciling, nextPass]);
    },
  };
}

// Reconciliation, the safety net for changes nobody signalled: every `reconcileIntervalMs` (start to start) each loaded
// project is reloaded from the source, `reconcileConcurrency` at a time, and what differs is committed in one batch,
// only ever moving forward. A timed pass reloads a project only under its lease (`store.lease`), so that instances
// sharing a store reconcile each project once per interval, not once each; a pass asked for (`reconcile()`, or the
// store back after an outage) reloads every loaded project here.
import pLimit from 'p-limit';
import { beginRead, type FreshnessGate } from './freshness.js';
import { type Logger, messageOf } from './logger.js';
import { projectChanges } from './project-changes.js';
import type { Projects } from './projects.js';
import type { Scheduler } from './scheduler.js';
import type { SnapshotBuilder } from './snapshot-builder.js';
import type { SourceReader } from './source-reader.js';
import type { SnapshotStore } from './store.js';

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

  async function reconcileProject(projectId: string, leased: boolean): Promise<void> {
    const epoch = projects.epochOf(projectId);
    if (!epoch) return;
    let ticket: number | null = null;
    try {
      // Another instance holds the lease: it reconciles the project this interval.
      if (leased && !(await store.lease(projectId, reconcileIntervalMs))) return;
      ticket = await beginRead(store, gate);
      let read: Awaited<ReturnType<SourceReader['loadProject']>>;
      const subject = `loadProject(${projectId})`;
      try {
        read = await reader.loadProject(projectId);
      } catch (error) {
        const cause = messageOf(error);
        const message = 'reconciliation could not load the project; its snapshots stay';
        reader.failures.failed('error', subject, cause, message, { projectId, error: cause });
        return;
      }
      reader.failures.succeeded(subject, { projectId });
      if (read === null) {
        projects.gone(projectId, epoch);
        return;
      }
      const { facts, unreadable } = read;
      const current = await store.get(projectId);
      if (!current || current.epoch !== epoch) {
        // The store no longer has the epoch this instance serves (a shared store emptied): load it again.
        projects.lost(projectId, epoch);
        return;
      }
      const held = new Map(current.snapshots.map((s) => [s.workspaceId, s]));
      const complete = await Promise.all(
        facts.map((f) => reader.withGitStats(f, held.get(f.workspaceId)?.gitStats ?? null)),
      );
      // No await from the freshness decisions to the commit.
      const changes = projectChanges(
        current.snapshots,
        { facts: complete, unreadable, ticket, kind: 'reconciliation' },
        gate,
        build,
      );
      if (changes.length > 0 && projects.epochOf(projectId) === epoch) await store.commit(projectId, epoch, changes);
    } catch (error) {
      logger.error('reconciliation failed', { projectId, error: messageOf(error) });
    } finally {
      if (ticket !== null) gate.end(ticket);
    }
  }

  /** Reloads are bounded by `reconcileConcurrency`, a pass's and single ones together. */
  const reload = (projectId: string, leased = false) => reloads(() => reconcileProject(projectId, leased));

  function runPass(leased: boolean): Promise<void> {
    reconciling = (async () => {
      await Promise.all(projects.loaded().map((projectId) => reload(projectId, leased)));
    })().finally(() => {
      reconciling = null;
    });
    return reconciling;
  }

  function reconcile(leased = false): Promise<void> {
    if (isStopped()) return Promise.resolve();
    if (!reconciling) return runPass(leased);
    // The pass in flight may have read before the caller's change: one more starts once it ends (at most one waits,
    // and a pass begun meanwhile began after the call too).
    nextPass ??= reconciling.then(() => {
      nextPass = null;
      if (isStopped()) return;
      return reconciling ?? runPass(leased);
    });
    return nextPass;
  }

  /** Passes start `reconcileIntervalMs` apart (start to start), so an unsignalled change shows within one interval. */
  function scheduleNext(delayMs = reconcileIntervalMs): void {
    cancelNext = scheduler.schedule(() => {
      cancelNext = null;
      const startedAt = scheduler.now();
      void reconcile(true).finally(() => {
        if (!isStopped()) scheduleNext(Math.max(0, reconcileIntervalMs - (scheduler.now() - startedAt)));
      });
    }, delayMs);
  }

  return {
    reconcile: () => reconcile(),
    reconcileProject: (projectId) => (isStopped() ? Promise.resolve() : reload(projectId)),
    start: () => scheduleNext(),
    async stop() {
      cancelNext?.();
      cancelNext = null;
      await Promise.all([reconciling, nextPass]);
    },
  };
}

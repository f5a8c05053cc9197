// The snapshot service, composed: the materialized view of every watched project. Projects load for their first
// subscriber and unload when idle (projects.ts); invalidated workspaces are recomputed, coalesced (coalesce.ts,
// recompute.ts); a timer reconciles every loaded project with the source (reconcile.ts); every real change is committed
// to the store, whose subscribers broadcast it. What the store reports (a lost epoch, an outage and its end) is acted on
// here: the project loaded again, every loaded project reconciled once the store is back.
import { createCoalescer } from './coalesce.js';
import { registerFeed } from './feed.js';
import { createFreshnessGate } from './freshness.js';
import { messageOf } from './logger.js';
import { createProjects } from './projects.js';
import { createRecompute } from './recompute.js';
import { createReconciler } from './reconcile.js';
import { resolveServiceOptions, type SnapshotServiceOptions } from './service-options.js';
import { snapshotBuilder } from './snapshot-builder.js';
import { createSourceReader } from './source-reader.js';
import type { StoreHealth, StoreStatusEvent } from './store.js';

export type { ProjectSubscription } from './projects.js';
export { SERVICE_DEFAULTS, type SnapshotServiceOptions } from './service-options.js';
export type { SnapshotSource } from './source-reader.js';

export interface InvalidateOptions {
  /** Also recompute the git stats (otherwise the last known ones are kept). */
  git?: boolean;
  /**
   * The workspace's project, when the caller knows it. Without it, any invalidation costs a source read while any
   * project is watched (the read is how a new workspace finds its project); with it, an invalidation of a workspace
   * that belongs to no watched project, and was in none, is dropped without a read.
   */
  projectId?: string;
}

/** What `health()` answers: `ok` when the service runs and its store can serve. */
export interface ServiceHealth {
  readonly ok: boolean;
  readonly stopped: boolean;
  readonly store: StoreHealth;
  /** Projects loaded in this instance. */
  readonly loadedProjects: number;
}

/** The host app's API. What a transport needs (subscribe, state, replay, commits) is its `SnapshotFeed` (feed.ts). */
export interface SnapshotService {
  /** A domain says "this workspace changed". Cheap when nobody watches. */
  invalidate(workspaceId: string, options?: InvalidateOptions): void;
  /** Resolves once every pending invalidation is applied and broadcast. */
  flush(): Promise<void>;
  /** Starts the reconciliation timer. */
  start(): void;
  /** Stops every timer and pending read; resolves once in-flight work has ended. */
  stop(): Promise<void>;
  /**
   * One reconciliation pass over every loaded project, now (after the pass in flight, if any, which may predate it);
   * with a `projectId`, a reload of that project only (after the host deleted or bulk-changed it, say). A project the
   * source no longer has is unloaded and its subscribers are closed with 4404.
   */
  reconcile(projectId?: string): Promise<void>;
  /** For a load balancer's probe: not `ok` while the store is unavailable (new connections get 4503) or once stopped. */
  health(): ServiceHealth;
}

export function createSnapshotService(options: SnapshotServiceOptions): SnapshotService {
  const resolved = resolveServiceOptions(options);
  const { source, store, coalesceMs, reconcileIntervalMs, gitConcurrency, sourceTimeoutMs, idleUnloadMs } = resolved;
  const { reconcileConcurrency, logger, now, scheduler } = resolved;

  let started = false;
  let stopped = false;
  let stopping: Promise<void> | null = null;
  const isStopped = () => stopped;

  const gate = createFreshnessGate();
  const build = snapshotBuilder(now);
  const reader = createSourceReader({ source, sourceTimeoutMs, gitConcurrency, scheduler, logger });
  const projects = createProjects({ store, reader, gate, build, scheduler, idleUnloadMs, logger });
  const parts = { store, reader, gate, projects, build, logger, isStopped };
  const coalescer = createCoalescer<string>({
    coalesceMs,
    scheduler,
    run: createRecompute(parts),
    onError: (workspaceId, error) => logger.error('recompute failed', { workspaceId, error: messageOf(error) }),
  });
  const reconciler = createReconciler({ ...parts, scheduler, reconcileIntervalMs, reconcileConcurrency });
  const unwatchStore = store.onStatus((event) => onStoreStatus(event));

  function onStoreStatus(event: StoreStatusEvent): void {
    if (stopped) return;
    if (event.type === 'lost') {
      logger.warn('the store lost the project’s epoch; loading it again', { projectId: event.projectId });
      projects.lost(event.projectId, event.epoch);
    } else if (event.type === 'unavailable') {
      logger.error('the store is unavailable; connected clients keep what they have', { reason: event.reason });
    } else {
      // Invalidations and commits may have been lost while it was away: the safety net, now.
      logger.warn('the store is available again; reconciling every loaded project', {});
      void reconciler.reconcile();
    }
  }

  /** The one shutdown: every caller of `stop()` waits for it. */
  async function stopService(): Promise<void> {
    stopped = true;
    unwatchStore();
    const passes = reconciler.stop();
    const loads = projects.stop();
    reader.close('the snapshot service stopped');
    await Promise.all([coalescer.stop(), passes, loads]);
    projects.detach();
  }

  const service: SnapshotService = {
    invalidate(workspaceId, invalidateOptions = {}) {
      if (stopped || !projects.anyoneMayWatch(workspaceId)) return;
      const { projectId } = invalidateOptions;
      // With a shared store another instance may hold the project: the read and the commit are for its subscribers.
      if (!store.shared && projectId !== undefined && !projects.known(projectId) && !projects.projectOf(workspaceId)) {
        return;
      }
      coalescer.request(workspaceId, { git: invalidateOptions.git ?? false });
    },
    flush: () => coalescer.idle(),
    start() {
      if (started || stopped) return;
      started = true;
      reconciler.start();
    },
    stop() {
      stopping ??= stopService();
      return stopping;
    },
    reconcile: (projectId) =>
      projectId === undefined ? reconciler.reconcile() : reconciler.reconcileProject(projectId),
    health() {
      const storeHealth = store.health();
      return { ok: !stopped && storeHealth.ok, stopped, store: storeHealth, loadedProjects: projects.loaded().length };
    },
  };
  registerFeed(service, {
    subscribe: (projectId) => projects.subscribe(projectId),
    state: (projectId) => store.get(projectId),
    readSince: (projectId, epoch, seq) => store.readSince(projectId, epoch, seq),
    onCommit: (listener) => store.subscribe(listener),
    onProjectGone: (listener) => projects.onGone(listener),
    onReset: (listener) => projects.onReset(listener),
  });
  return service;
}

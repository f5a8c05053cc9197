// The materialized view of every watched project: loads a project for its first subscriber, recomputes invalidated
// workspaces (coalesced, and only ever moving forward), reconciles on a timer, unloads idle projects, and commits
// every real change to the store, whose subscribers broadcast it.
import type {
  GitStats,
  SnapshotSourceKind,
  StreamMessage,
  WorkspaceFacts,
  WorkspaceSnapshot,
} from '@livesnap/protocol';
import { buildSnapshot, describeIssues, GitStatsSchema, WorkspaceFactsSchema } from '@livesnap/protocol';
import pLimit from 'p-limit';
import { type CoalesceRequest, createCoalescer } from './coalesce.js';
import { createDeadlines } from './deadline.js';
import { createFreshnessGate } from './freshness.js';
import { consoleLogger, type Logger } from './logger.js';
import { requireInteger } from './options.js';
import { type Scheduler, systemScheduler } from './scheduler.js';
import {
  type Change,
  type CommitEvent,
  createMemoryStore,
  DEFAULT_REPLAY_LIMIT,
  type ProjectState,
  type SnapshotStore,
} from './store.js';

/** Where the facts come from: the host app's database, session domain, git. Answers are validated. */
export interface SnapshotSource {
  /** Every workspace of the project, or null when there is no such project. */
  loadProject(projectId: string): Promise<WorkspaceFacts[] | null>;
  /** The workspace's facts, or null when the source no longer returns it (deleted, moved, hidden). */
  loadWorkspace(workspaceId: string): Promise<WorkspaceFacts | null>;
  /** Expensive; called with bounded concurrency. When present, its answer is the snapshot's `gitStats`. */
  loadGitStats?(workspaceId: string): Promise<GitStats | null>;
}

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

export interface SnapshotServiceOptions {
  source: SnapshotSource;
  /** Default: an in-memory store with `replayLimit`. */
  store?: SnapshotStore;
  /** Minimum time between two recompute starts of one workspace. Default 100 ms. */
  coalesceMs?: number;
  /** Interval of the safety-net reload of every loaded project. Default 60 s. */
  reconcileIntervalMs?: number;
  /** Concurrent `loadGitStats` calls. Default 3. */
  gitConcurrency?: number;
  /** A source call slower than this counts as failed. Default 10 s. */
  sourceTimeoutMs?: number;
  /** A project without subscribers for this long is unloaded, which ends its epoch. Default 5 min. */
  idleUnloadMs?: number;
  /** Messages kept per project for resuming clients (only for the default store). Default 1,000. */
  replayLimit?: number;
  logger?: Logger;
  /** Wall clock for `computedAt`. Default `Date.now`. */
  now?: () => number;
  /** The clock and timers of coalesced runs, reconciliation and idle unloads. Default Node's timers. */
  scheduler?: Scheduler;
}

/** A subscriber's hold on a loaded project: the state when it was acquired, and its release. */
export interface ProjectSubscription {
  readonly state: ProjectState;
  /** The last release of a project starts its idle-unload timer. Idempotent. */
  release(): void;
}

export interface SnapshotService {
  /** A domain says "this workspace changed". Cheap when nobody watches. */
  invalidate(workspaceId: string, options?: InvalidateOptions): void;
  /** Resolves once every pending invalidation is applied and broadcast. */
  flush(): Promise<void>;
  /** Starts the reconciliation timer. */
  start(): void;
  /** Stops every timer and pending read; resolves once in-flight work has ended. */
  stop(): Promise<void>;
  /** One reconciliation pass over every loaded project, now (after the pass in flight, if any, which may predate it). */
  reconcile(): Promise<void>;
  /** Loads the project if needed and holds it; null when the source has no such project; rejects when it failed. */
  subscribe(projectId: string): Promise<ProjectSubscription | null>;
  state(projectId: string): Promise<ProjectState | null>;
  readSince(projectId: string, epoch: string, seq: number): Promise<readonly StreamMessage[] | null>;
  /** Every committed message, grouped by commit; returns the unsubscribe function. */
  onCommit(listener: (event: CommitEvent) => void): () => void;
}

interface ProjectEntry {
  subscribers: number;
  /** Set once loaded; null while loading or after a failed load. */
  epoch: string | null;
  loading: Promise<string | null> | null;
  cancelIdle: (() => void) | null;
}

/** A read that failed (threw, timed out, or answered invalid facts): already logged, the last good snapshot stays. */
const FAILED = Symbol('failed read');

/** The service's defaults (ERRATA.md's numbers), each overridable by the option of the same name. */
export const SERVICE_DEFAULTS = {
  coalesceMs: 100,
  reconcileIntervalMs: 60_000,
  gitConcurrency: 3,
  sourceTimeoutMs: 10_000,
  idleUnloadMs: 300_000,
  replayLimit: DEFAULT_REPLAY_LIMIT,
} as const;

export function createSnapshotService(options: SnapshotServiceOptions): SnapshotService {
  const defaults = SERVICE_DEFAULTS;
  const coalesceMs = requireInteger('coalesceMs', options.coalesceMs ?? defaults.coalesceMs, 0);
  const reconcileIntervalMs = requireInteger(
    'reconcileIntervalMs',
    options.reconcileIntervalMs ?? defaults.reconcileIntervalMs,
    1,
  );
  const gitConcurrency = requireInteger('gitConcurrency', options.gitConcurrency ?? defaults.gitConcurrency, 1);
  const sourceTimeoutMs = requireInteger('sourceTimeoutMs', options.sourceTimeoutMs ?? defaults.sourceTimeoutMs, 1);
  const idleUnloadMs = requireInteger('idleUnloadMs', options.idleUnloadMs ?? defaults.idleUnloadMs, 0);
  const replayLimit = requireInteger('replayLimit', options.replayLimit ?? defaults.replayLimit, 0);
  const { source } = options;
  const store = options.store ?? createMemoryStore({ replayLimit });
  const logger = options.logger ?? consoleLogger;
  const now = options.now ?? Date.now;
  const scheduler = options.scheduler ?? systemScheduler;

  const gate = createFreshnessGate();
  const deadlines = createDeadlines(sourceTimeoutMs);
  const gitLimit = pLimit(gitConcurrency);
  const projects = new Map<string, ProjectEntry>();
  /** Store unloads still running, by project: a new load of the project waits for its old epoch's unload. */
  const unloading = new Map<string, Promise<void>>();
  /** Which loaded project each workspace is in, kept from loads and committed messages. */
  const projectOf = new Map<string, string>();
  let started = false;
  let stopped = false;
  let stopping: Promise<void> | null = null;
  let cancelReconcile: (() => void) | null = null;
  let reconciling: Promise<void> | null = null;
  /** A pass asked for while another was in flight; it starts when that one ends. */
  let nextPass: Promise<void> | null = null;

  const coalescer = createCoalescer<string>({
    coalesceMs,
    scheduler,
    run: recompute,
    onError: (workspaceId, error) => logger.error('recompute failed', { workspaceId, error: messageOf(error) }),
  });

  const unsubscribeStore = store.subscribe((event) => {
    if (!projects.get(event.projectId)?.epoch) return;
    for (const message of event.messages) {
      if (message.type === 'upsert') projectOf.set(message.snapshot.workspaceId, event.projectId);
      else if (projectOf.get(message.workspaceId) === event.projectId) projectOf.delete(message.workspaceId);
    }
  });

  const epochOf = (projectId: string): string | null => projects.get(projectId)?.epoch ?? null;

  function snapshotOf(facts: WorkspaceFacts, kind: SnapshotSourceKind): WorkspaceSnapshot {
    return buildSnapshot(facts, { version: 0, computedAt: new Date(now()).toISOString(), source: kind });
  }

  /**
   * The git stats to show: the facts' own when the source has no `loadGitStats`; else its fresh answer, or when that
   * read fails the last known stats (`lastKnown`, or the facts' own when none are held).
   */
  async function gitStatsOf(facts: WorkspaceFacts, lastKnown: GitStats | null): Promise<GitStats | null> {
    if (!source.loadGitStats) return facts.gitStats;
    const { workspaceId } = facts;
    const fallback = lastKnown ?? facts.gitStats;
    let raw: unknown;
    try {
      raw = await gitLimit(() =>
        deadlines.run(`loadGitStats(${workspaceId})`, () => source.loadGitStats!(workspaceId)),
      );
    } catch (error) {
      logger.warn('loadGitStats failed; the last known git stats stay', { workspaceId, error: messageOf(error) });
      return fallback;
    }
    if (raw === null) return null;
    const parsed = GitStatsSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    logger.warn('loadGitStats answered invalid stats; the last known stay', {
      workspaceId,
      issues: describeIssues(parsed.error.issues),
    });
    return fallback;
  }

  /** The validated facts of a project's workspaces, and the ids of those whose facts were unreadable. */
  function readProjectFacts(projectId: string, raw: unknown): { facts: WorkspaceFacts[]; unreadable: Set<string> } {
    if (!Array.isArray(raw)) throw new TypeError(`loadProject(${projectId}) answered ${typeof raw}, not an array`);
    const facts = new Map<string, WorkspaceFacts>();
    const unreadable = new Set<string>();
    for (const item of raw as unknown[]) {
      const parsed = WorkspaceFactsSchema.safeParse(item);
      if (!parsed.success) {
        const workspaceId = (item as { workspaceId?: unknown } | null)?.workspaceId;
        if (typeof workspaceId === 'string') unreadable.add(workspaceId);
        logger.error('loadProject answered invalid facts; the workspace keeps its last good snapshot', {
          projectId,
          workspaceId,
          issues: describeIssues(parsed.error.issues),
        });
      } else if (parsed.data.projectId !== projectId) {
        logger.warn('loadProject answered a workspace of another project; ignored', {
          projectId,
          workspaceId: parsed.data.workspaceId,
          itsProjectId: parsed.data.projectId,
        });
      } else {
        facts.set(parsed.data.workspaceId, parsed.data);
      }
    }
    return { facts: [...facts.values()], unreadable };
  }

  async function load(projectId: string): Promise<string | null> {
    const ticket = gate.begin();
    try {
      const raw = await deadlines.run(`loadProject(${projectId})`, () => source.loadProject(projectId));
      if (raw === null) return null;
      const { facts } = readProjectFacts(projectId, raw);
      const complete = await Promise.all(facts.map(async (f) => ({ ...f, gitStats: await gitStatsOf(f, null) })));
      // An unload of the previous epoch that is still running in the store would otherwise erase this one.
      await unloading.get(projectId);
      // A read that began after this load and was applied while it ran (a removal, or a move to another project: a
      // read that lands in this project waits for the load) wins, so the load must not bring the workspace back.
      // No await from these freshness decisions to the load.
      const fresh = complete.filter((f) => gate.tryApply(f.workspaceId, ticket));
      const state = await store.load(
        projectId,
        fresh.map((f) => snapshotOf(f, 'initial')),
      );
      for (const f of fresh) projectOf.set(f.workspaceId, projectId);
      return state.epoch;
    } finally {
      gate.end(ticket);
    }
  }

  function ensureLoaded(projectId: string, entry: ProjectEntry): Promise<string | null> {
    if (entry.epoch !== null) return Promise.resolve(entry.epoch);
    entry.loading ??= load(projectId)
      .then((epoch) => {
        if (!stopped) entry.epoch = epoch;
        return epoch;
      })
      .finally(() => {
        entry.loading = null;
        if (entry.subscribers === 0) unwatched(projectId, entry);
      });
    return entry.loading;
  }

  function release(projectId: string, entry: ProjectEntry): void {
    entry.subscribers -= 1;
    if (entry.subscribers === 0 && !entry.loading) unwatched(projectId, entry);
  }

  /** Nobody holds the project: forget it if it never loaded, else unload it after `idleUnloadMs`. */
  function unwatched(projectId: string, entry: ProjectEntry): void {
    if (projects.get(projectId) !== entry || entry.cancelIdle) return;
    if (entry.epoch === null || stopped) {
      projects.delete(projectId);
      return;
    }
    entry.cancelIdle = scheduler.schedule(() => unload(projectId, entry), idleUnloadMs);
  }

  function unload(projectId: string, entry: ProjectEntry): void {
    entry.cancelIdle = null;
    if (entry.subscribers > 0 || projects.get(projectId) !== entry) return;
    projects.delete(projectId);
    for (const [workspaceId, owner] of projectOf) if (owner === projectId) projectOf.delete(workspaceId);
    logger.info('project unloaded after its last subscriber left', { projectId });
    const done: Promise<void> = store
      .unload(projectId)
      .catch((error: unknown) => {
        logger.error('store.unload failed', { projectId, error: messageOf(error) });
      })
      .finally(() => {
        if (unloading.get(projectId) === done) unloading.delete(projectId);
      });
    unloading.set(projectId, done);
  }

  /** The workspace's current facts with the git stats to show; null when gone; FAILED when the read failed. */
  async function readWorkspace(workspaceId: string, git: boolean): Promise<WorkspaceFacts | null | typeof FAILED> {
    let raw: unknown;
    try {
      raw = await deadlines.run(`loadWorkspace(${workspaceId})`, () => source.loadWorkspace(workspaceId));
    } catch (error) {
      logger.error('loadWorkspace failed; the last good snapshot stays', { workspaceId, error: messageOf(error) });
      return FAILED;
    }
    if (raw === null) return null;
    const parsed = WorkspaceFactsSchema.safeParse(raw);
    if (!parsed.success || parsed.data.workspaceId !== workspaceId) {
      logger.error('loadWorkspace answered invalid facts; the last good snapshot stays', {
        workspaceId,
        issues: parsed.success
          ? `workspaceId is ${JSON.stringify(parsed.data.workspaceId)}`
          : describeIssues(parsed.error.issues),
      });
      return FAILED;
    }
    const facts = parsed.data;
    if (!source.loadGitStats) return facts;
    const epoch = epochOf(facts.projectId);
    const held = epoch ? await store.getWorkspace(facts.projectId, workspaceId) : null;
    // Git stats are expensive: re-read only when asked to, or when nothing is known yet.
    if (held && !git) return { ...facts, gitStats: held.gitStats };
    return { ...facts, gitStats: await gitStatsOf(facts, held?.gitStats ?? null) };
  }

  /** A workspace's id → project mapping is only known for loaded projects; otherwise a read is needed to learn it. */
  function anyoneMayWatch(workspaceId: string): boolean {
    return projectOf.has(workspaceId) || projects.size > 0;
  }

  async function recompute(workspaceId: string, request: CoalesceRequest): Promise<void> {
    if (stopped || !anyoneMayWatch(workspaceId)) return;
    const ticket = gate.begin();
    try {
      const facts = await readWorkspace(workspaceId, request.git);
      if (facts === FAILED) return;
      const target = facts?.projectId ?? null;
      const loading = target === null ? null : (projects.get(target)?.loading ?? null);
      // A read of a project being loaded is applied after the load, which it may be newer than.
      if (loading) await loading.catch(() => null);
      // No await from the freshness decision to the commits: another result must not slip in between.
      if (!gate.tryApply(workspaceId, ticket)) {
        logger.debug('discarded a read that started before an applied one', { workspaceId, ticket });
        return;
      }
      const commits: Promise<unknown>[] = [];
      const heldIn = projectOf.get(workspaceId);
      const heldEpoch = heldIn === undefined ? null : epochOf(heldIn);
      if (heldIn !== undefined && heldIn !== target && heldEpoch) {
        commits.push(store.commit(heldIn, heldEpoch, [{ type: 'remove', workspaceId }]));
      }
      const targetEpoch = target === null ? null : epochOf(target);
      if (facts && target && targetEpoch) {
        commits.push(store.commit(target, targetEpoch, [{ type: 'upsert', snapshot: snapshotOf(facts, 'event') }]));
      }
      await Promise.all(commits);
    } finally {
      gate.end(ticket);
    }
  }

  async function reconcileProject(projectId: string): Promise<void> {
    const epoch = epochOf(projectId);
    if (!epoch) return;
    const ticket = gate.begin();
    try {
      let raw: unknown;
      try {
        raw = await deadlines.run(`loadProject(${projectId})`, () => source.loadProject(projectId));
      } catch (error) {
        logger.error('reconciliation could not load the project; its snapshots stay', {
          projectId,
          error: messageOf(error),
        });
        return;
      }
      if (raw === null) logger.warn('the project no longer exists; removing its workspaces', { projectId });
      const { facts, unreadable } = readProjectFacts(projectId, raw ?? []);
      const current = await store.get(projectId);
      if (!current || current.epoch !== epoch) return;
      const held = new Map(current.snapshots.map((s) => [s.workspaceId, s]));
      const complete = await Promise.all(
        facts.map(async (f) => ({
          ...f,
          gitStats: await gitStatsOf(f, held.get(f.workspaceId)?.gitStats ?? null),
        })),
      );
      // No await from the freshness decisions to the commit.
      const changes: Change[] = [];
      const seen = new Set<string>();
      for (const f of complete) {
        seen.add(f.workspaceId);
        if (gate.tryApply(f.workspaceId, ticket)) {
          changes.push({ type: 'upsert', snapshot: snapshotOf(f, 'reconciliation') });
        }
      }
      for (const workspaceId of held.keys()) {
        if (seen.has(workspaceId) || unreadable.has(workspaceId)) continue;
        if (gate.tryApply(workspaceId, ticket)) changes.push({ type: 'remove', workspaceId });
      }
      if (changes.length > 0 && epochOf(projectId) === epoch) await store.commit(projectId, epoch, changes);
    } catch (error) {
      logger.error('reconciliation failed', { projectId, error: messageOf(error) });
    } finally {
      gate.end(ticket);
    }
  }

  function runPass(): Promise<void> {
    reconciling = (async () => {
      const loaded = [...projects].filter(([, entry]) => entry.epoch !== null).map(([projectId]) => projectId);
      await Promise.all(loaded.map(reconcileProject));
    })().finally(() => {
      reconciling = null;
    });
    return reconciling;
  }

  function reconcile(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (!reconciling) return runPass();
    // The pass in flight may have read before the caller's change: one more starts once it ends (at most one waits,
    // and a pass begun meanwhile began after the call too).
    nextPass ??= reconciling.then(() => {
      nextPass = null;
      if (stopped) return;
      return reconciling ?? runPass();
    });
    return nextPass;
  }

  /** The one shutdown: every caller of `stop()` waits for it. */
  async function stopService(): Promise<void> {
    stopped = true;
    cancelReconcile?.();
    cancelReconcile = null;
    for (const entry of projects.values()) {
      entry.cancelIdle?.();
      entry.cancelIdle = null;
    }
    deadlines.close('the snapshot service stopped');
    const loads = [...projects.values()].map((entry) => entry.loading?.catch(() => null));
    await Promise.all([coalescer.stop(), reconciling, nextPass, ...loads]);
    unsubscribeStore();
  }

  /** Passes start `reconcileIntervalMs` apart (start to start), so an unsignalled change shows within one interval. */
  function scheduleReconciliation(delayMs = reconcileIntervalMs): void {
    cancelReconcile = scheduler.schedule(() => {
      cancelReconcile = null;
      const startedAt = scheduler.now();
      void reconcile().finally(() => {
        if (!stopped) scheduleReconciliation(Math.max(0, reconcileIntervalMs - (scheduler.now() - startedAt)));
      });
    }, delayMs);
  }

  return {
    invalidate(workspaceId, invalidateOptions = {}) {
      if (stopped || !anyoneMayWatch(workspaceId)) return;
      const { projectId } = invalidateOptions;
      if (projectId !== undefined && !projects.has(projectId) && !projectOf.has(workspaceId)) return;
      coalescer.request(workspaceId, { git: invalidateOptions.git ?? false });
    },
    flush: () => coalescer.idle(),
    start() {
      if (started || stopped) return;
      started = true;
      scheduleReconciliation();
    },
    stop() {
      stopping ??= stopService();
      return stopping;
    },
    reconcile,
    async subscribe(projectId) {
      if (stopped) throw new Error(`the snapshot service is stopped; cannot subscribe to ${projectId}`);
      let entry = projects.get(projectId);
      if (!entry) {
        entry = { subscribers: 0, epoch: null, loading: null, cancelIdle: null };
        projects.set(projectId, entry);
      }
      const held = entry;
      held.subscribers += 1;
      held.cancelIdle?.();
      held.cancelIdle = null;
      let released = false;
      const releaseOnce = () => {
        if (released) return;
        released = true;
        release(projectId, held);
      };
      try {
        const epoch = await ensureLoaded(projectId, held);
        if (epoch === null) {
          releaseOnce();
          return null;
        }
        const state = await store.get(projectId);
        if (!state) throw new Error(`project ${projectId} is loaded but not in the store`);
        return { state, release: releaseOnce };
      } catch (error) {
        releaseOnce();
        throw error;
      }
    },
    state: (projectId) => store.get(projectId),
    readSince: (projectId, epoch, seq) => store.readSince(projectId, epoch, seq),
    onCommit: (listener) => store.subscribe(listener),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

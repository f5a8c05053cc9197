// Project lifecycle and epochs: a project is loaded for its first subscriber (which starts an epoch in the store, or
// joins the one a shared store holds), held while anyone subscribes, and unloaded `idleUnloadMs` after the last one
// leaves, or at once when the source no longer has it; loaded again when the store lost its epoch. Also knows which
// loaded project each workspace is in, so that an invalidation nobody watches costs nothing.
import { beginRead, type FreshnessGate } from './freshness.js';
import { type Logger, messageOf } from './logger.js';
import { projectChanges } from './project-changes.js';
import type { Scheduler } from './scheduler.js';
import type { SnapshotBuilder } from './snapshot-builder.js';
import type { SourceReader } from './source-reader.js';
import type { ProjectState, SnapshotStore } from './store.js';

/** A subscriber's hold on a loaded project: the state when it was acquired, and its release. */
export interface ProjectSubscription {
  readonly state: ProjectState;
  /** The last release of a project starts its idle-unload timer. Idempotent. */
  release(): void;
}

export interface Projects {
  /** Loads the project if needed and holds it; null when the source has no such project; rejects when it failed. */
  subscribe(projectId: string): Promise<ProjectSubscription | null>;
  /** The epoch of a loaded project; null while it loads or when it is not loaded. */
  epochOf(projectId: string): string | null;
  /** The load of the project in flight, if any. */
  loadingOf(projectId: string): Promise<string | null> | null;
  /** Every loaded project. */
  loaded(): string[];
  /** Whether anyone subscribes to the project or it is loaded (or loading). */
  known(projectId: string): boolean;
  /** The loaded project that holds the workspace, as far as loads and commits have told. */
  projectOf(workspaceId: string): string | undefined;
  /**
   * A workspace's id → project mapping is only known for loaded projects; otherwise a read is needed to learn it.
   * Always true with a shared store: another instance may watch any project.
   */
  anyoneMayWatch(workspaceId: string): boolean;
  /**
   * The source no longer has the project, read while it was loaded at `epoch`: it is unloaded at once (its next
   * subscriber loads it afresh, and learns it does not exist), and the `onGone` listeners are told. Nothing happens
   * when the project is no longer at that epoch.
   */
  gone(projectId: string, epoch: string): void;
  /** Calls `listener` with each project found gone; returns the unsubscribe function. */
  onGone(listener: (projectId: string) => void): () => void;
  /**
   * The store no longer has the project at `epoch`, or cannot give this instance its stream without a gap: it is
   * loaded again (a new epoch, or the shared store's current one), then the `onReset` listeners are told, so that
   * every subscriber is greeted anew. Nothing happens when the project is no longer at that epoch here.
   */
  lost(projectId: string, epoch: string): void;
  /** Calls `listener` with each project loaded again after `lost`; returns the unsubscribe function. */
  onReset(listener: (projectId: string) => void): () => void;
  /** Cancels every idle-unload timer and refuses new subscribers; resolves once the loads in flight have ended. */
  stop(): Promise<void>;
  /** Stops following the store's commits (after `stop()`, once nothing can commit any more). */
  detach(): void;
}

export interface ProjectsOptions {
  store: SnapshotStore;
  reader: SourceReader;
  gate: FreshnessGate;
  build: SnapshotBuilder;
  scheduler: Scheduler;
  idleUnloadMs: number;
  logger: Logger;
}

interface ProjectEntry {
  subscribers: number;
  /** Set once loaded; null while loading or after a failed load. */
  epoch: string | null;
  loading: Promise<string | null> | null;
  /** A load again after `lost`, in flight. */
  reloading: Promise<void> | null;
  cancelIdle: (() => void) | null;
}

export function createProjects(options: ProjectsOptions): Projects {
  const { store, reader, gate, build, scheduler, idleUnloadMs, logger } = options;
  const projects = new Map<string, ProjectEntry>();
  /** Store unloads still running, by project: a new load of the project waits for its old epoch's unload. */
  const unloading = new Map<string, Promise<void>>();
  /** Which loaded project each workspace is in, kept from loads and committed messages. */
  const projectOf = new Map<string, string>();
  const goneListeners = new Set<(projectId: string) => void>();
  const resetListeners = new Set<(projectId: string) => void>();
  let stopped = false;

  const unsubscribeStore = store.subscribe((event) => {
    if (!projects.get(event.projectId)?.epoch) return;
    for (const message of event.messages) {
      if (message.type === 'upsert') projectOf.set(message.snapshot.workspaceId, event.projectId);
      else if (projectOf.get(message.workspaceId) === event.projectId) projectOf.delete(message.workspaceId);
    }
  });

  async function load(projectId: string): Promise<string | null> {
    const ticket = await beginRead(store, gate);
    try {
      const read = await reader.loadProject(projectId);
      if (read === null) return null;
      const complete = await Promise.all(read.facts.map((f) => reader.withGitStats(f, null)));
      // An unload of the previous epoch that is still running in the store would otherwise erase this one.
      await unloading.get(projectId);
      // A read that began after this load and was applied while it ran (a removal, or a move to another project: a
      // read that lands in this project waits for the load) wins, so the load must not bring the workspace back.
      // No await from these freshness decisions to the load.
      const fresh = complete.filter((f) => gate.tryApply(f.workspaceId, ticket));
      const state = await store.load(
        projectId,
        fresh.map((f) => build(f, 'initial')),
        ticket,
      );
      for (const f of fresh) projectOf.set(f.workspaceId, projectId);
      if (state.joined) {
        // Another instance loaded it into the shared store: bring it up to this read, as a reconciliation would.
        const current = { facts: complete, unreadable: read.unreadable, ticket, kind: 'reconciliation' as const };
        const changes = projectChanges(state.snapshots, current, gate, build);
        if (changes.length > 0) await store.commit(projectId, state.epoch, changes);
      }
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
    logger.info('project unloaded after its last subscriber left', { projectId });
    drop(projectId, entry, 'idle');
  }

  async function reload(projectId: string, entry: ProjectEntry): Promise<void> {
    const lostEpoch = entry.epoch;
    let epoch: string | null;
    try {
      epoch = await load(projectId);
    } catch (error) {
      // Its subscribers keep what they have; the next sign of the lost epoch (a commit, a reconciliation) tries again.
      logger.warn('the store lost the project, and loading it again failed', { projectId, error: messageOf(error) });
      return;
    }
    if (projects.get(projectId) !== entry || stopped || lostEpoch === null) return;
    if (epoch === null) return gone(projectId, lostEpoch);
    entry.epoch = epoch;
    logger.info('the project was loaded again; its subscribers are greeted anew', { projectId, epoch });
    for (const listener of resetListeners) listener(projectId);
  }

  function gone(projectId: string, epoch: string): void {
    const entry = projects.get(projectId);
    if (!entry || entry.epoch !== epoch) return;
    logger.warn('the project no longer exists at the source; its subscribers are closed with 4404', { projectId });
    drop(projectId, entry, 'gone');
    for (const listener of goneListeners) listener(projectId);
  }

  /** Forgets the project here and in the store; a load that comes next waits for the store's unload. */
  function drop(projectId: string, entry: ProjectEntry, reason: 'idle' | 'gone'): void {
    entry.cancelIdle?.();
    entry.cancelIdle = null;
    projects.delete(projectId);
    for (const [workspaceId, owner] of projectOf) if (owner === projectId) projectOf.delete(workspaceId);
    const done: Promise<void> = store
      .unload(projectId, reason)
      .catch((error: unknown) => {
        logger.error('store.unload failed', { projectId, error: messageOf(error) });
      })
      .finally(() => {
        if (unloading.get(projectId) === done) unloading.delete(projectId);
      });
    unloading.set(projectId, done);
  }

  return {
    async subscribe(projectId) {
      if (stopped) throw new Error(`the snapshot service is stopped; cannot subscribe to ${projectId}`);
      let entry = projects.get(projectId);
      if (!entry) {
        entry = { subscribers: 0, epoch: null, loading: null, reloading: null, cancelIdle: null };
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
        // Found gone at the source while this subscriber joined.
        if (projects.get(projectId) !== held) {
          releaseOnce();
          return null;
        }
        if (!state) throw new Error(`project ${projectId} is loaded but not in the store`);
        return { state, release: releaseOnce };
      } catch (error) {
        releaseOnce();
        throw error;
      }
    },
    epochOf: (projectId) => projects.get(projectId)?.epoch ?? null,
    loadingOf: (projectId) => projects.get(projectId)?.loading ?? null,
    loaded: () => [...projects].filter(([, entry]) => entry.epoch !== null).map(([projectId]) => projectId),
    known: (projectId) => projects.has(projectId),
    projectOf: (workspaceId) => projectOf.get(workspaceId),
    // With a shared store, another instance may watch any project.
    anyoneMayWatch: (workspaceId) => store.shared || projectOf.has(workspaceId) || projects.size > 0,
    gone,
    onGone(listener) {
      goneListeners.add(listener);
      return () => {
        goneListeners.delete(listener);
      };
    },
    lost(projectId, epoch) {
      const entry = projects.get(projectId);
      if (!entry || entry.epoch !== epoch || stopped) return;
      entry.reloading ??= reload(projectId, entry).finally(() => {
        entry.reloading = null;
      });
    },
    onReset(listener) {
      resetListeners.add(listener);
      return () => {
        resetListeners.delete(listener);
      };
    },
    async stop() {
      stopped = true;
      for (const entry of projects.values()) {
        entry.cancelIdle?.();
        entry.cancelIdle = null;
      }
      await Promise.all([...projects.values()].flatMap((entry) => [entry.loading?.catch(() => null), entry.reloading]));
    },
    detach: unsubscribeStore,
  };
}

// The state of every loaded project behind one small interface, so that a shared (Redis) store can replace memory.
import { randomUUID } from 'node:crypto';
import type { StreamMessage, WorkspaceSnapshot } from '@livesnap/protocol';
import { visibleFieldsEqual } from '@livesnap/protocol';
import { functionOption, integerOption, optionsObject } from './options.js';

/** What a project's subscribers are served: its epoch, the seq its snapshots correspond to, the snapshots. */
export interface ProjectState {
  readonly epoch: string;
  readonly seq: number;
  readonly snapshots: readonly WorkspaceSnapshot[];
}

/** A snapshot as the service computed it; the store gives it its `version` when it commits it. */
export type UnversionedSnapshot = Omit<WorkspaceSnapshot, 'version'>;

export type Change =
  | { readonly type: 'upsert'; readonly snapshot: UnversionedSnapshot }
  | { readonly type: 'remove'; readonly workspaceId: string };

/** The messages one `commit` produced, in seq order. */
export interface CommitEvent {
  readonly projectId: string;
  readonly epoch: string;
  readonly messages: readonly StreamMessage[];
}

export interface SnapshotStore {
  /** Starts a new epoch for the project at seq 0, holding these snapshots at version 0. */
  load(projectId: string, snapshots: readonly UnversionedSnapshot[]): Promise<ProjectState>;
  get(projectId: string): Promise<ProjectState | null>;
  getWorkspace(projectId: string, workspaceId: string): Promise<WorkspaceSnapshot | null>;
  /**
   * Atomically applies the changes that are real — an upsert whose visible fields differ from what the store holds,
   * a remove of a workspace it holds — giving each the next seq; an upserted snapshot's `version` is that seq, so
   * versions keep increasing across removals and returns. Nothing is committed when `epoch` is not the project's
   * current epoch (the change was computed for a state that has ended). Commits apply in call order. Resolves to
   * the committed messages, which subscribers also receive as one event.
   */
  commit(projectId: string, epoch: string, changes: readonly Change[]): Promise<readonly StreamMessage[]>;
  /**
   * Every message after `seq` in `epoch`, or null when the log cannot say: another epoch, a `seq` newer than the
   * project's, or older than the replay window.
   */
  readSince(projectId: string, epoch: string, seq: number): Promise<readonly StreamMessage[] | null>;
  /** Forgets the project; its next load starts a new epoch. */
  unload(projectId: string): Promise<void>;
  /** Calls `listener` with every commit that produced messages; returns the unsubscribe function. */
  subscribe(listener: (event: CommitEvent) => void): () => void;
}

export interface MemoryStoreOptions {
  /** Messages kept per project for resuming clients. Default 1,000. */
  replayLimit?: number;
  /** A new epoch id. Default `crypto.randomUUID`. */
  newEpoch?: () => string;
}

interface MemoryProject {
  epoch: string;
  seq: number;
  snapshots: Map<string, WorkspaceSnapshot>;
  log: StreamMessage[];
}

export const DEFAULT_REPLAY_LIMIT = 1000;

export function createMemoryStore(input: MemoryStoreOptions = {}): SnapshotStore {
  const options = optionsObject<MemoryStoreOptions>('createMemoryStore', input, true);
  const replayLimit = integerOption('replayLimit', options.replayLimit, DEFAULT_REPLAY_LIMIT, 0);
  const newEpoch = functionOption('newEpoch', options.newEpoch, randomUUID);
  const projects = new Map<string, MemoryProject>();
  const listeners = new Set<(event: CommitEvent) => void>();

  const stateOf = (project: MemoryProject): ProjectState => ({
    epoch: project.epoch,
    seq: project.seq,
    snapshots: [...project.snapshots.values()],
  });

  function apply(project: MemoryProject, change: Change): StreamMessage | null {
    if (change.type === 'remove') {
      if (!project.snapshots.delete(change.workspaceId)) return null;
      project.seq += 1;
      return { type: 'remove', seq: project.seq, workspaceId: change.workspaceId };
    }
    const held = project.snapshots.get(change.snapshot.workspaceId);
    if (held && visibleFieldsEqual(held, change.snapshot)) return null;
    project.seq += 1;
    const snapshot: WorkspaceSnapshot = { ...change.snapshot, version: project.seq };
    project.snapshots.set(snapshot.workspaceId, snapshot);
    return { type: 'upsert', seq: project.seq, snapshot };
  }

  function record(project: MemoryProject, messages: readonly StreamMessage[]): void {
    project.log.push(...messages);
    const excess = project.log.length - replayLimit;
    if (excess > 0) project.log.splice(0, excess);
  }

  return {
    async load(projectId, snapshots) {
      const project: MemoryProject = { epoch: newEpoch(), seq: 0, snapshots: new Map(), log: [] };
      for (const snapshot of snapshots) project.snapshots.set(snapshot.workspaceId, { ...snapshot, version: 0 });
      projects.set(projectId, project);
      return stateOf(project);
    },
    async get(projectId) {
      const project = projects.get(projectId);
      return project ? stateOf(project) : null;
    },
    async getWorkspace(projectId, workspaceId) {
      return projects.get(projectId)?.snapshots.get(workspaceId) ?? null;
    },
    async commit(projectId, epoch, changes) {
      const project = projects.get(projectId);
      if (!project || project.epoch !== epoch) return [];
      const messages: StreamMessage[] = [];
      for (const change of changes) {
        const message = apply(project, change);
        if (message) messages.push(message);
      }
      if (messages.length === 0) return messages;
      record(project, messages);
      const event: CommitEvent = { projectId, epoch, messages };
      for (const listener of listeners) listener(event);
      return messages;
    },
    async readSince(projectId, epoch, seq) {
      const project = projects.get(projectId);
      if (!project || project.epoch !== epoch || seq > project.seq) return null;
      if (seq === project.seq) return [];
      const first = project.log[0];
      // The log must hold every message from seq + 1 on.
      if (!first || first.seq > seq + 1) return null;
      return project.log.slice(seq + 1 - first.seq);
    },
    async unload(projectId) {
      projects.delete(projectId);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

// The default store: every loaded project in this process's memory, with a replay log of `replayLimit` messages. One
// process, one writer: it is never shared, never unavailable, never loses a project, and every lease is its own.
import { randomUUID } from 'node:crypto';
import type { CommittedMessage, WorkspaceSnapshot } from '@livesnap/protocol';
import { changedFields } from '@livesnap/protocol';
import { functionOption, integerOption, optionsObject } from './options.js';
import type { Change, CommitEvent, ProjectState, SnapshotStore, StoreHealth } from './store.js';

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
  log: CommittedMessage[];
}

export const DEFAULT_REPLAY_LIMIT = 1000;

const HEALTHY: StoreHealth = { ok: true };

export function createMemoryStore(input: MemoryStoreOptions = {}): SnapshotStore {
  const options = optionsObject<MemoryStoreOptions>('createMemoryStore', input, true);
  const replayLimit = integerOption('replayLimit', options.replayLimit, DEFAULT_REPLAY_LIMIT, 0);
  const newEpoch = functionOption('newEpoch', options.newEpoch, randomUUID);
  const projects = new Map<string, MemoryProject>();
  const listeners = new Set<(event: CommitEvent) => void>();
  let tickets = 0;

  const stateOf = (project: MemoryProject): ProjectState => ({
    epoch: project.epoch,
    seq: project.seq,
    snapshots: [...project.snapshots.values()],
  });

  function apply(project: MemoryProject, change: Change): CommittedMessage | null {
    if (change.type === 'remove') {
      if (!project.snapshots.delete(change.workspaceId)) return null;
      project.seq += 1;
      return { type: 'remove', seq: project.seq, workspaceId: change.workspaceId };
    }
    const held = project.snapshots.get(change.snapshot.workspaceId);
    // The changed fields are known here, at commit, and kept with the message: a version-2 patch is made of them.
    const fieldChange = held ? { fields: changedFields(held, change.snapshot), baseVersion: held.version } : null;
    if (fieldChange?.fields.length === 0) return null;
    project.seq += 1;
    const snapshot: WorkspaceSnapshot = { ...change.snapshot, version: project.seq };
    project.snapshots.set(snapshot.workspaceId, snapshot);
    return { type: 'upsert', seq: project.seq, snapshot, change: fieldChange };
  }

  function record(project: MemoryProject, messages: readonly CommittedMessage[]): void {
    project.log.push(...messages);
    const excess = project.log.length - replayLimit;
    if (excess > 0) project.log.splice(0, excess);
  }

  return {
    shared: false,
    async ticket() {
      tickets += 1;
      return tickets;
    },
    async load(projectId, snapshots) {
      const project: MemoryProject = { epoch: newEpoch(), seq: 0, snapshots: new Map(), log: [] };
      for (const snapshot of snapshots) project.snapshots.set(snapshot.workspaceId, { ...snapshot, version: 0 });
      projects.set(projectId, project);
      return { ...stateOf(project), joined: false };
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
      if (!project || (epoch !== null && project.epoch !== epoch)) return [];
      const messages: CommittedMessage[] = [];
      for (const change of changes) {
        const message = apply(project, change);
        if (message) messages.push(message);
      }
      if (messages.length === 0) return messages;
      record(project, messages);
      const event: CommitEvent = { projectId, epoch: project.epoch, messages };
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
    lease: async () => true,
    health: () => HEALTHY,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    onStatus: () => () => {},
  };
}

// Shared fixtures of the client's tests.
import type { WorkspaceFacts } from '@livesnap/protocol';
import { makeFacts } from '@livesnap/protocol/testing';
import { vi } from 'vitest';
import {
  createSnapshotClient,
  type SnapshotClientError,
  type SnapshotClientOptions,
  type Timers,
} from '../src/index.js';
import type { MockSnapshotServer } from '../src/testing/index.js';

/** Facts of workspace `id` (created at minute `minute`), with overrides. */
export function facts(id: string, overrides: Partial<WorkspaceFacts> = {}): WorkspaceFacts {
  return makeFacts({ workspaceId: id, name: `Workspace ${id}`, ...overrides });
}

/** A client of the in-process mock server; `random: () => 0` makes every backoff delay its full, unjittered value. */
export function inProcessClient(server: MockSnapshotServer, options: Partial<SnapshotClientOptions> = {}) {
  const errors: SnapshotClientError[] = [];
  const client = createSnapshotClient({
    url: 'ws://mock.test/snapshots',
    projectId: server.projectId,
    WebSocket: server.WebSocket,
    random: () => 0,
    onError: (error) => errors.push(error),
    ...options,
  });
  return { client, errors };
}

/** Lets queued microtasks, 0 ms timers and the deliveries they cause run, on fake time. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await vi.advanceTimersByTimeAsync(0);
}

/** The names of the client's workspaces, by id (what a test usually compares). */
export function names(workspaces: Record<string, { name: string }>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(workspaces)
      .map(([id, w]) => [id, w.name] as const)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

/** Global timers that remember which are still pending, to show that the client leaves none behind. */
export function countingTimers() {
  const pending = new Set<ReturnType<typeof setTimeout>>();
  const timers: Timers = {
    setTimeout(callback, ms) {
      const handle = setTimeout(() => {
        pending.delete(handle);
        callback();
      }, ms);
      pending.add(handle);
      return handle;
    },
    clearTimeout(handle) {
      pending.delete(handle as ReturnType<typeof setTimeout>);
      clearTimeout(handle as ReturnType<typeof setTimeout>);
    },
  };
  return { timers, pending };
}

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
export function names(workspaces: ReadonlyMap<string, { name: string }>): Record<string, string> {
  return Object.fromEntries(
    [...workspaces].map(([id, w]) => [id, w.name] as const).sort(([a], [b]) => (a < b ? -1 : 1)),
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

/**
 * Timers that never fire by themselves: the test fires the pending ones set for a given duration, for example the
 * hello deadline, while real sockets run on real time.
 */
export function manualTimers() {
  const pending = new Map<number, { callback: () => void; ms: number }>();
  const waiters: { ms: number; resolve: () => void }[] = [];
  let nextId = 1;
  const timers: Timers = {
    setTimeout(callback, ms) {
      const id = nextId++;
      pending.set(id, { callback, ms });
      for (const waiter of waiters.filter((w) => w.ms === ms)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      return id;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
  };
  return {
    timers,
    /** Whether a timer for `ms` is pending. */
    armed: (ms: number) => [...pending.values()].some((t) => t.ms === ms),
    /** Resolves once a timer for `ms` is pending (now or later). */
    whenArmed(ms: number): Promise<void> {
      if ([...pending.values()].some((t) => t.ms === ms)) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ ms, resolve }));
    },
    /** Fires the timers pending for `ms`; returns how many. */
    fire(ms: number): number {
      const due = [...pending].filter(([, t]) => t.ms === ms);
      for (const [id] of due) pending.delete(id);
      for (const [, t] of due) t.callback();
      return due.length;
    },
  };
}

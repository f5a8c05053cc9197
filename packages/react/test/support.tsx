// Shared fixtures of the React tests: workspaces that sit in a chosen board column, a client of the in-process mock
// server, and a way to let the mock's deliveries reach React inside act().
import { createSnapshotClient, type SnapshotClientOptions, type SnapshotClientState } from '@livesnap/client';
import { type MockSnapshotServer, waitForState } from '@livesnap/client/testing';
import type { KanbanColumn, WorkspaceFacts } from '@livesnap/protocol';
import { makeFacts } from '@livesnap/protocol/testing';
import { act } from '@testing-library/react';

const COLUMN_FACTS: Record<KanbanColumn, Partial<WorkspaceFacts>> = {
  WORKING: { hasHadSessions: true, isSessionWorking: true },
  WAITING: { hasHadSessions: true },
  DONE: { hasHadSessions: true, prUrl: 'https://git.example/pr/1', prNumber: 1, prState: 'MERGED' },
};

/** Facts of workspace `id` in board column `column`, with overrides; `n` orders it (a larger `n` is newer). */
export function card(id: string, column: KanbanColumn, n: number, overrides: Partial<WorkspaceFacts> = {}) {
  return makeFacts({
    workspaceId: id,
    name: `Workspace ${id}`,
    createdAt: new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString(),
    ...COLUMN_FACTS[column],
    ...overrides,
  });
}

/** `count` cards, `w0` … `w<count-1>`, spread over the three columns in turn. */
export function board(count: number): WorkspaceFacts[] {
  const columns: KanbanColumn[] = ['WORKING', 'WAITING', 'DONE'];
  return Array.from({ length: count }, (_, i) => card(`w${i}`, columns[i % 3]!, i));
}

/** A client of `server` (not connected until the test or a provider says so when `startClosed`). */
export function clientOf(server: MockSnapshotServer, options: Partial<SnapshotClientOptions> = {}) {
  return createSnapshotClient({
    url: 'ws://mock.test/snapshots',
    projectId: server.projectId,
    WebSocket: server.WebSocket,
    random: () => 0,
    ...options,
  });
}

/**
 * Runs `change` inside act() and waits until the client's state satisfies `until`, so that React has rendered what
 * the change delivered before the test looks.
 */
export async function deliver(
  client: { store: Parameters<typeof waitForState>[0] },
  change: () => void,
  until: (state: SnapshotClientState) => boolean,
): Promise<void> {
  await act(async () => {
    change();
    await waitForState(client.store, until);
  });
}

/**
 * Renders nothing and hands what `read` returned to `onRender` at each render: `read` calls hooks, always the same
 * ones, so a test can look at what they returned without a component of its own.
 */
export function Probe<T>({ read, onRender }: { read: () => T; onRender: (value: T) => void }): null {
  onRender(read());
  return null;
}

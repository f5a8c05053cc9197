// Shared fixtures of the devtools' tests: a client of the in-process mock server, workspaces, frames on demand, and
// reads of the panel's sections.
import {
  createSnapshotClient,
  type SnapshotClient,
  type SnapshotClientOptions,
  type SnapshotClientState,
} from '@livesnap/client';
import { type MockSnapshotServer, waitForState } from '@livesnap/client/testing';
import type { WorkspaceFacts } from '@livesnap/protocol';
import { makeFacts } from '@livesnap/protocol/testing';
import { act, screen, within } from '@testing-library/react';
import type { FrameSource } from '../src/frame-scheduler.js';

/** Facts of workspace `id`, named after it, with overrides. */
export function facts(id: string, overrides: Partial<WorkspaceFacts> = {}): WorkspaceFacts {
  return makeFacts({ workspaceId: id, name: `Workspace ${id}`, ...overrides });
}

/** A client of `server`, closed until the test connects it; it reconnects without delay; with more `options`. */
export function clientOf(server: MockSnapshotServer, options: Partial<SnapshotClientOptions> = {}): SnapshotClient {
  return createSnapshotClient({
    url: 'ws://mock.test/snapshots',
    projectId: server.projectId,
    WebSocket: server.WebSocket,
    startClosed: true,
    reconnect: { minDelayMs: 0 },
    ...options,
  });
}

/** Runs `change` inside act() and waits until the client's state satisfies `until`. */
export async function deliver(
  client: SnapshotClient,
  change: () => void,
  until: (state: SnapshotClientState) => boolean,
): Promise<void> {
  await act(async () => {
    change();
    await waitForState(client.store, until);
  });
}

/** Animation frames that come when the test says. */
export function manualFrames() {
  const pending = new Map<number, () => void>();
  let next = 1;
  const source: FrameSource = {
    request(callback) {
      pending.set(next, callback);
      return next++;
    },
    cancel: (handle) => pending.delete(handle as number),
  };
  /** Runs the callbacks waiting for the next frame. */
  const frame = () => {
    const due = [...pending.values()];
    pending.clear();
    for (const callback of due) callback();
  };
  return { source, frame, pending };
}

/** The panel's section named `title`. */
export const section = (title: string) => screen.getByRole('region', { name: title });

/** The value of a fact of the connection section (`epoch`, `gaps`, …). */
export function fact(term: string): string | null {
  const dt = within(section('Connection'))
    .getAllByRole('term')
    .find((element) => element.textContent === term);
  return dt?.nextElementSibling?.textContent ?? null;
}

/** The text of each body row of the table of `title`'s section, cells joined by ` | `. */
export function rows(title: string): string[] {
  const table = within(section(title)).getByRole('table');
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent).join(' | '));
}

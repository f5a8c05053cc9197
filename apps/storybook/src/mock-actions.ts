// The toolbar's actions on the story's mock server: their names and labels (read by the manager's toolbar), the
// channel event that carries one to the story, and what each does to the server.
import type { MockSnapshotServer } from '@livesnap/client/testing';
import { simulateActivity } from './workspaces.js';

export const MOCK_ACTIONS = [
  {
    action: 'drop',
    label: 'Drop',
    title: 'Drop the connection (1006, no close frame): the client backs off and resumes',
  },
  { action: 'gap', label: 'Gap', title: 'Lose a frame, then send two: the client sees a gap and resyncs' },
  {
    action: 'restart',
    label: 'Restart',
    title: 'Restart the server (a new epoch, 1001): the client gets a full hello',
  },
  { action: 'stale', label: 'Stale upsert', title: 'Send an upsert older than what the client holds: it is ignored' },
] as const;

export type MockAction = (typeof MOCK_ACTIONS)[number]['action'];

/** The channel event the manager's toolbar emits, with a `MockAction` as its argument. */
export const MOCK_ACTION_EVENT = 'livesnap/mock-action';

export function isMockAction(value: unknown): value is MockAction {
  return MOCK_ACTIONS.some((a) => a.action === value);
}

/** Does `action` to `server`; changes pick a shown workspace with `random`. */
export function runMockAction(server: MockSnapshotServer, action: MockAction, random: () => number): void {
  switch (action) {
    case 'drop':
      server.drop(1006);
      return;
    case 'gap':
      server.loseNext(1);
      changeOne(server, random);
      changeOne(server, random);
      return;
    case 'restart':
      server.restart();
      return;
    case 'stale': {
      const target = pick(server, random);
      if (target !== undefined) server.sendStale(target.workspaceId);
      return;
    }
  }
}

/** One simulated event on one of the server's shown workspaces (none when it holds none). */
export function changeOne(server: MockSnapshotServer, random: () => number): void {
  const target = pick(server, random);
  // A snapshot holds every fact; the server derives the rest again from them.
  if (target !== undefined) server.upsert(simulateActivity(target, random));
}

function pick(server: MockSnapshotServer, random: () => number) {
  const shown = server.snapshots.filter((s) => s.status !== 'ARCHIVED');
  return shown[Math.floor(random() * shown.length)];
}

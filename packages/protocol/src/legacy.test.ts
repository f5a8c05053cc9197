import { describe, expect, it } from 'vitest';
import { legacyBoard, legacyBoardEntry, legacySidebar, legacySidebarEntry } from './legacy.js';
import { makeSnapshot } from './testing.js';

const older = makeSnapshot({ workspaceId: 'b', createdAt: '2026-11-25T09:00:00.000Z', hasHadSessions: true });
const newer = makeSnapshot({ workspaceId: 'c', createdAt: '2026-11-25T10:00:00.000Z', isSessionWorking: true });
const tie = makeSnapshot({ workspaceId: 'a', createdAt: '2026-11-25T10:00:00.000Z' });
const archived = makeSnapshot({ workspaceId: 'z', status: 'ARCHIVED', hasHadSessions: true });

// DOMAIN.md, "What the old endpoints returned": the fields and their order.
const SIDEBAR_KEYS = [
  'id',
  'name',
  'createdAt',
  'branchName',
  'prUrl',
  'prNumber',
  'prState',
  'prCiStatus',
  'isWorking',
  'gitStats',
  'lastActivityAt',
  'ratchetEnabled',
  'ratchetState',
  'sidebarStatus',
  'ratchetButtonAnimated',
  'flowPhase',
  'ciObservation',
  'runScriptStatus',
  'pendingRequestType',
];

describe('legacySidebarEntry', () => {
  it("has exactly the old entry's fields, in its order, each the snapshot's field of that name", () => {
    const snapshot = makeSnapshot({
      workspaceId: 'w9',
      gitStats: { total: 1, additions: 2, deletions: 3, hasUncommitted: true },
    });
    const entry = legacySidebarEntry(snapshot);
    expect(Object.keys(entry)).toEqual(SIDEBAR_KEYS);
    const { id, ...rest } = entry;
    expect(id).toBe('w9');
    for (const [key, value] of Object.entries(rest)) expect(value, key).toBe(snapshot[key as keyof typeof snapshot]);
  });
});

describe('legacyBoardEntry', () => {
  it('adds status, kanbanColumn and isArchived false after the sidebar fields', () => {
    const entry = legacyBoardEntry(older);
    expect(Object.keys(entry ?? {})).toEqual([...SIDEBAR_KEYS, 'status', 'kanbanColumn', 'isArchived']);
    expect(entry).toMatchObject({ status: 'READY', kanbanColumn: 'WAITING', isArchived: false });
  });

  it('is null for a workspace that is not on the board', () => {
    expect(legacyBoardEntry(tie)).toBeNull(); // never had a session: no column
    expect(legacyBoardEntry(archived)).toBeNull();
  });
});

describe('legacySidebar', () => {
  it('lists every workspace but the archived ones, newest first, then by id', () => {
    const { workspaces } = legacySidebar([older, archived, newer, tie], 0);
    expect(workspaces.map((w) => w.id)).toEqual(['a', 'c', 'b']);
  });

  it('carries the reviewCount it is given', () => {
    expect(legacySidebar([older], 7)).toEqual({ workspaces: [legacySidebarEntry(older)], reviewCount: 7 });
  });

  it('does not reorder the array it is given', () => {
    const input = [older, newer];
    legacySidebar(input, 0);
    expect(input).toEqual([older, newer]);
  });
});

describe('legacyBoard', () => {
  it('holds the workspaces that have a column, in the list order, columns mixed', () => {
    const board = legacyBoard([older, archived, newer, tie]);
    expect(board.map((w) => [w.id, w.kanbanColumn, w.status, w.isArchived])).toEqual([
      ['c', 'WORKING', 'READY', false],
      ['b', 'WAITING', 'READY', false],
    ]);
  });
});

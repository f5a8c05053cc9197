import { makeFacts } from '@livesnap/protocol/testing';
import { describe, expect, it } from 'vitest';
import { legacyBoard, legacySidebar } from './legacy.js';

const older = makeFacts({ workspaceId: 'b', createdAt: '2026-11-25T09:00:00.000Z', hasHadSessions: true });
const newer = makeFacts({ workspaceId: 'c', createdAt: '2026-11-25T10:00:00.000Z', isSessionWorking: true });
const tie = makeFacts({ workspaceId: 'a', createdAt: '2026-11-25T10:00:00.000Z' });
const archived = makeFacts({ workspaceId: 'z', status: 'ARCHIVED', hasHadSessions: true });
const openPr = { prUrl: 'https://git.example/pr/1', prNumber: 1, prCiStatus: 'SUCCESS' } as const;

describe('legacySidebar', () => {
  it('lists every workspace but the archived ones, newest first, then by id', () => {
    const { workspaces } = legacySidebar([older, archived, newer, tie]);
    expect(workspaces.map((w) => w.id)).toEqual(['a', 'c', 'b']);
  });

  it('derives the display fields of each entry', () => {
    const [entry] = legacySidebar([newer]).workspaces;
    expect(entry).toMatchObject({ isWorking: true, sidebarStatus: { activityState: 'WORKING', ciState: 'NONE' } });
  });

  it('counts the pull requests that wait for a review', () => {
    const review = makeFacts({ ...openPr, workspaceId: 'r', prState: 'OPEN' });
    const changes = makeFacts({ ...openPr, workspaceId: 's', prState: 'CHANGES_REQUESTED' });
    const merged = makeFacts({ ...openPr, workspaceId: 't', prState: 'MERGED' });
    expect(legacySidebar([review, changes, merged, older]).reviewCount).toBe(2);
  });
});

describe('legacyBoard', () => {
  it('holds the workspaces that have a column, with status, kanbanColumn and isArchived false', () => {
    // `tie` never had a session: not a card.
    const board = legacyBoard([older, archived, newer, tie]);
    expect(board.map((w) => [w.id, w.kanbanColumn, w.status, w.isArchived])).toEqual([
      ['c', 'WORKING', 'READY', false],
      ['b', 'WAITING', 'READY', false],
    ]);
  });
});

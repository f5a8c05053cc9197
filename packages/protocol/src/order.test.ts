// The order of every workspace list, and which workspaces the sidebar and the board show (DOMAIN.md).
import { describe, expect, it } from 'vitest';
import { boardColumn, compareWorkspaces, isOnSidebar } from './order.js';
import type { KanbanColumn, WorkspaceStatus } from './snapshot.js';
import { makeSnapshot } from './testing.js';

function at(workspaceId: string, createdAt: string) {
  return { workspaceId, createdAt };
}

describe('compareWorkspaces', () => {
  it('puts the newer workspace first', () => {
    const older = at('a', '2026-11-25T10:00:00.000Z');
    const newer = at('b', '2026-11-25T10:00:00.001Z');
    expect(compareWorkspaces(newer, older)).toBeLessThan(0);
    expect(compareWorkspaces(older, newer)).toBeGreaterThan(0);
  });

  it('orders by createdAt before workspaceId', () => {
    const olderButFirstById = at('a', '2026-11-24T10:00:00.000Z');
    const newerButLaterById = at('z', '2026-11-25T10:00:00.000Z');
    expect(compareWorkspaces(newerButLaterById, olderButFirstById)).toBeLessThan(0);
  });

  it('breaks a createdAt tie by workspaceId ascending', () => {
    const a = at('w1', '2026-11-25T10:00:00.000Z');
    const b = at('w2', '2026-11-25T10:00:00.000Z');
    expect(compareWorkspaces(a, b)).toBeLessThan(0);
    expect(compareWorkspaces(b, a)).toBeGreaterThan(0);
  });

  it('finds a workspace equal to itself', () => {
    const a = at('w1', '2026-11-25T10:00:00.000Z');
    expect(compareWorkspaces(a, { ...a })).toBe(0);
  });

  it('sorts a list newest first, ties by workspaceId ascending', () => {
    const list = [
      at('w3', '2026-11-24T09:00:00.000Z'),
      at('w2', '2026-11-25T10:00:00.000Z'),
      at('w9', '2026-11-26T08:00:00.000Z'),
      at('w1', '2026-11-25T10:00:00.000Z'),
      at('w0', '2026-11-24T09:00:00.000Z'),
    ];
    expect([...list].sort(compareWorkspaces).map((w) => w.workspaceId)).toEqual(['w9', 'w1', 'w2', 'w0', 'w3']);
  });

  it('accepts whole snapshots', () => {
    const a = makeSnapshot({ workspaceId: 'w1', createdAt: '2026-11-25T10:00:00.000Z' });
    const b = makeSnapshot({ workspaceId: 'w2', createdAt: '2026-11-26T10:00:00.000Z' });
    expect([a, b].sort(compareWorkspaces)).toEqual([b, a]);
  });
});

describe('isOnSidebar', () => {
  it.each([
    { status: 'NEW', shown: true },
    { status: 'PROVISIONING', shown: true },
    { status: 'READY', shown: true },
    { status: 'FAILED', shown: true },
    { status: 'ARCHIVING', shown: true },
    { status: 'ARCHIVED', shown: false },
  ] satisfies { status: WorkspaceStatus; shown: boolean }[])('is $shown for status $status', ({ status, shown }) => {
    expect(isOnSidebar(makeSnapshot({ status }))).toBe(shown);
  });
});

describe('boardColumn', () => {
  it.each([
    { name: 'a WORKING card', status: 'READY', kanbanColumn: 'WORKING', column: 'WORKING' },
    { name: 'a WAITING card', status: 'READY', kanbanColumn: 'WAITING', column: 'WAITING' },
    { name: 'a DONE card', status: 'READY', kanbanColumn: 'DONE', column: 'DONE' },
    { name: 'a workspace that is not a card', status: 'READY', kanbanColumn: null, column: null },
    { name: 'an ARCHIVING workspace', status: 'ARCHIVING', kanbanColumn: null, column: null },
    {
      name: 'an ARCHIVED workspace, whatever its kanbanColumn says',
      status: 'ARCHIVED',
      kanbanColumn: 'DONE',
      column: null,
    },
  ] satisfies {
    name: string;
    status: WorkspaceStatus;
    kanbanColumn: KanbanColumn | null;
    column: KanbanColumn | null;
  }[])('gives $name the column $column', ({ status, kanbanColumn, column }) => {
    expect(boardColumn({ status, kanbanColumn })).toBe(column);
  });

  it('agrees with the derived kanbanColumn of a real snapshot', () => {
    const card = makeSnapshot({ hasHadSessions: true });
    expect(boardColumn(card)).toBe('WAITING');
    expect(boardColumn(makeSnapshot({ hasHadSessions: true, status: 'ARCHIVED' }))).toBeNull();
  });
});

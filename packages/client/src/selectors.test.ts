import type { WorkspaceFacts, WorkspaceSnapshot } from '@livesnap/protocol';
import { boardColumn, compareWorkspaces, isOnSidebar } from '@livesnap/protocol';
import { makeSnapshot } from '@livesnap/protocol/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSnapshotSelectors, selectWorkspace } from './selectors.js';
import { INITIAL_STATS, type SnapshotClientState } from './store.js';

function state(workspaces: Record<string, WorkspaceSnapshot>, seq = 0): SnapshotClientState {
  return { status: 'open', error: null, isStale: false, epoch: 'e1', seq, workspaces, stats: INITIAL_STATS };
}

const at = (minute: number) => `2026-11-25T10:${String(minute).padStart(2, '0')}:00.000Z`;
const snap = (id: string, facts: Partial<WorkspaceFacts> = {}) =>
  makeSnapshot({ workspaceId: id, name: id, createdAt: at(0), ...facts });

// a working card (NEW), a waiting card (had sessions, idle), a done card (merged PR), an archived workspace
const working = snap('working', { status: 'NEW', createdAt: at(3) });
const waiting = snap('waiting', { hasHadSessions: true, createdAt: at(2) });
const done = snap('done', {
  prUrl: 'https://x/pr/1',
  prNumber: 1,
  prState: 'MERGED',
  hasHadSessions: true,
  createdAt: at(1),
});
const archived = snap('archived', { status: 'ARCHIVED', hasHadSessions: true, createdAt: at(4) });
const base = { working, waiting, done, archived };

describe('selectors', () => {
  it('lists every workspace newest first, then by id', () => {
    const { selectWorkspaceList } = createSnapshotSelectors();
    const twin = snap('a-twin', { createdAt: at(2) });
    const ids = selectWorkspaceList(state({ ...base, twin })).map((w) => w.workspaceId);
    expect(ids).toEqual(['archived', 'working', 'a-twin', 'waiting', 'done']);
  });

  it('keeps the sidebar off archived workspaces and the board in its columns', () => {
    const { selectSidebar, selectKanbanColumns } = createSnapshotSelectors();
    expect(selectSidebar(state(base)).map((w) => w.workspaceId)).toEqual(['working', 'waiting', 'done']);
    const columns = selectKanbanColumns(state(base));
    expect(columns.WORKING).toEqual([working]);
    expect(columns.WAITING).toEqual([waiting]);
    expect(columns.DONE).toEqual([done]);
  });

  it('returns the same result for the same workspaces record', () => {
    const { selectWorkspaceList, selectSidebar, selectKanbanColumns } = createSnapshotSelectors();
    const s = state(base);
    expect(selectWorkspaceList(s)).toBe(selectWorkspaceList(s));
    expect(selectSidebar(s)).toBe(selectSidebar(s));
    expect(selectKanbanColumns(s)).toBe(selectKanbanColumns(s));
  });

  it('keeps its results when a new record holds the same objects', () => {
    const { selectWorkspaceList, selectSidebar, selectKanbanColumns } = createSnapshotSelectors();
    const before = state(base);
    const after = state({ ...base }, 1);
    expect(selectWorkspaceList(after)).toBe(selectWorkspaceList(before));
    expect(selectSidebar(after)).toBe(selectSidebar(before));
    expect(selectKanbanColumns(after)).toBe(selectKanbanColumns(before));
  });

  it('keeps the other columns when a change touched only one column', () => {
    const { selectKanbanColumns } = createSnapshotSelectors();
    const before = selectKanbanColumns(state(base));
    const renamed = snap('waiting', { hasHadSessions: true, createdAt: at(2), name: 'renamed' });
    const after = selectKanbanColumns(state({ ...base, waiting: renamed }));
    expect(after).not.toBe(before);
    expect(after.WAITING).not.toBe(before.WAITING);
    expect(after.WAITING[0]?.name).toBe('renamed');
    expect(after.WORKING).toBe(before.WORKING);
    expect(after.DONE).toBe(before.DONE);
  });

  it('keeps the sidebar and board when only an archived workspace changed', () => {
    const { selectSidebar, selectKanbanColumns, selectWorkspaceList } = createSnapshotSelectors();
    const before = state(base);
    const after = state({ ...base, archived: snap('archived', { status: 'ARCHIVED', name: 'x', createdAt: at(4) }) });
    expect(selectSidebar(after)).toBe(selectSidebar(before));
    expect(selectKanbanColumns(after)).toBe(selectKanbanColumns(before));
    expect(selectWorkspaceList(after)).not.toBe(selectWorkspaceList(before));
  });

  it('moves a card between columns and changes only those two', () => {
    const { selectKanbanColumns } = createSnapshotSelectors();
    const before = selectKanbanColumns(state(base));
    const nowWorking = snap('waiting', { hasHadSessions: true, isSessionWorking: true, createdAt: at(2) });
    const after = selectKanbanColumns(state({ ...base, waiting: nowWorking }));
    expect(after.WORKING.map((w) => w.workspaceId)).toEqual(['working', 'waiting']);
    expect(after.WAITING).toEqual([]);
    expect(after.DONE).toBe(before.DONE);
  });

  it('selects one workspace by id with a stable selector and a stable result', () => {
    expect(selectWorkspace('waiting')).toBe(selectWorkspace('waiting'));
    const s1 = state(base);
    const s2 = state({ ...base, working: snap('working', { status: 'READY' }) });
    expect(selectWorkspace('waiting')(s2)).toBe(selectWorkspace('waiting')(s1));
    expect(selectWorkspace('missing')(s1)).toBeUndefined();
  });

  it('selects nothing for an id the client does not hold, even one named like an Object property', () => {
    for (const id of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(selectWorkspace(id)(state(base))).toBeUndefined();
    }
  });
});

describe('selectors against a naive model', () => {
  it('always equal sorting, filtering and partitioning from scratch, through any sequence of changes', () => {
    const change = fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      kind: fc.constantFrom('upsert', 'remove'),
      minute: fc.integer({ min: 0, max: 3 }),
      status: fc.constantFrom('NEW', 'READY', 'ARCHIVED', 'READY') as fc.Arbitrary<WorkspaceFacts['status']>,
      hasHadSessions: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(change, { maxLength: 40 }), (changes) => {
        const selectors = createSnapshotSelectors();
        let workspaces: Record<string, WorkspaceSnapshot> = {};
        for (const c of changes) {
          workspaces = { ...workspaces };
          if (c.kind === 'remove') delete workspaces[c.id];
          else
            workspaces[c.id] = snap(c.id, {
              createdAt: at(c.minute),
              status: c.status,
              hasHadSessions: c.hasHadSessions,
            });
          const s = state(workspaces);
          const sorted = Object.values(workspaces).sort(compareWorkspaces);
          expect(selectors.selectWorkspaceList(s)).toEqual(sorted);
          expect(selectors.selectSidebar(s)).toEqual(sorted.filter(isOnSidebar));
          const columns = selectors.selectKanbanColumns(s);
          for (const column of ['WORKING', 'WAITING', 'DONE'] as const) {
            expect(columns[column]).toEqual(sorted.filter((w) => boardColumn(w) === column));
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

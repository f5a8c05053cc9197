import type { StreamMessage, WorkspaceFacts, WorkspaceSnapshot } from '@livesnap/protocol';
import {
  boardColumn,
  changedFields,
  compareWorkspaces,
  isOnSidebar,
  messageInVersion,
  visibleFieldsEqual,
} from '@livesnap/protocol';
import { makeSnapshot } from '@livesnap/protocol/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSnapshotSelectors, selectWorkspace } from './selectors.js';
import { initialSequenceState, receiveHello, receiveStream, type SequenceState } from './sequence.js';
import { INITIAL_STATS, type SnapshotClientState } from './store.js';
import { buildWorkspaceMap, type PersistentWorkspaceMap, WorkspaceMapDraft } from './workspace-map.js';

function state(workspaces: PersistentWorkspaceMap, seq = 0): SnapshotClientState {
  return {
    status: 'open',
    error: null,
    nextAttemptAt: null,
    isStale: false,
    epoch: 'e1',
    seq,
    workspaces,
    origin: 'hello',
    restored: null,
    stats: INITIAL_STATS,
  };
}

/** The map after `changes` (a snapshot to set, or an id to delete) in one draft. */
function changed(map: PersistentWorkspaceMap, ...changes: (WorkspaceSnapshot | string)[]): PersistentWorkspaceMap {
  const draft = new WorkspaceMapDraft(map);
  for (const change of changes) {
    if (typeof change === 'string') draft.delete(change);
    else draft.set(change);
  }
  return draft.finish();
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
const base = buildWorkspaceMap([working, waiting, done, archived]);

describe('selectors', () => {
  it('lists every workspace newest first, then by id', () => {
    const { selectWorkspaceList } = createSnapshotSelectors();
    const twin = snap('a-twin', { createdAt: at(2) });
    const ids = selectWorkspaceList(state(changed(base, twin))).map((w) => w.workspaceId);
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

  it('returns the same results for the same map, whichever set of selectors reads it', () => {
    const one = createSnapshotSelectors();
    const other = createSnapshotSelectors();
    const s = state(base);
    expect(one.selectWorkspaceList(s)).toBe(other.selectWorkspaceList(state(base, 1)));
    expect(one.selectSidebar(s)).toBe(other.selectSidebar(s));
    expect(one.selectKanbanColumns(s)).toBe(other.selectKanbanColumns(s));
  });

  it('keeps its results when a full hello brings the same objects again', () => {
    const { selectWorkspaceList, selectSidebar, selectKanbanColumns } = createSnapshotSelectors();
    const before = state(base);
    const after = state(buildWorkspaceMap([archived, done, waiting, working], base), 1);
    expect(after.workspaces).not.toBe(before.workspaces);
    expect(selectWorkspaceList(after)).toBe(selectWorkspaceList(before));
    expect(selectSidebar(after)).toBe(selectSidebar(before));
    expect(selectKanbanColumns(after)).toBe(selectKanbanColumns(before));
  });

  it('keeps the other columns when a change touched only one column', () => {
    const { selectKanbanColumns } = createSnapshotSelectors();
    const before = selectKanbanColumns(state(base));
    const renamed = snap('waiting', { hasHadSessions: true, createdAt: at(2), name: 'renamed' });
    const after = selectKanbanColumns(state(changed(base, renamed)));
    expect(after).not.toBe(before);
    expect(after.WAITING).not.toBe(before.WAITING);
    expect(after.WAITING[0]?.name).toBe('renamed');
    expect(after.WORKING).toBe(before.WORKING);
    expect(after.DONE).toBe(before.DONE);
  });

  it('keeps the sidebar and board when only an archived workspace changed', () => {
    const { selectSidebar, selectKanbanColumns, selectWorkspaceList } = createSnapshotSelectors();
    const before = state(base);
    const after = state(changed(base, snap('archived', { status: 'ARCHIVED', name: 'x', createdAt: at(4) })));
    expect(selectSidebar(after)).toBe(selectSidebar(before));
    expect(selectKanbanColumns(after)).toBe(selectKanbanColumns(before));
    expect(selectWorkspaceList(after)).not.toBe(selectWorkspaceList(before));
  });

  it('moves a card between columns and changes only those two', () => {
    const { selectKanbanColumns } = createSnapshotSelectors();
    const before = selectKanbanColumns(state(base));
    const nowWorking = snap('waiting', { hasHadSessions: true, isSessionWorking: true, createdAt: at(2) });
    const after = selectKanbanColumns(state(changed(base, nowWorking)));
    expect(after.WORKING.map((w) => w.workspaceId)).toEqual(['working', 'waiting']);
    expect(after.WAITING).toEqual([]);
    expect(after.DONE).toBe(before.DONE);
  });

  it('selects one workspace by id with a stable selector and a stable result', () => {
    expect(selectWorkspace('waiting')).toBe(selectWorkspace('waiting'));
    const s1 = state(base);
    const s2 = state(changed(base, snap('working', { status: 'READY' })));
    expect(selectWorkspace('waiting')(s2)).toBe(selectWorkspace('waiting')(s1));
    expect(selectWorkspace('missing')(s1)).toBeUndefined();
  });

  it('selects nothing for an id the client does not hold, even one named like an Object property', () => {
    for (const id of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(selectWorkspace(id)(state(base))).toBeUndefined();
    }
  });

  it('leaves an older state reading what it held after later changes', () => {
    const { selectWorkspaceList, selectSidebar, selectKanbanColumns } = createSnapshotSelectors();
    const before = state(base);
    const list = selectWorkspaceList(before);
    const after = state(changed(base, 'waiting', snap('new', { status: 'NEW', createdAt: at(5) }), 'archived'));
    expect(selectWorkspaceList(after).map((w) => w.workspaceId)).toEqual(['new', 'working', 'done']);
    expect(selectWorkspaceList(before)).toBe(list);
    expect(list).toEqual([archived, working, waiting, done]);
    expect(selectSidebar(before)).toEqual([working, waiting, done]);
    expect(selectKanbanColumns(before).WAITING).toEqual([waiting]);
    expect(selectWorkspace('waiting')(before)).toBe(waiting);
    expect(selectWorkspace('new')(before)).toBeUndefined();
    expect(before.workspaces.size).toBe(4);
  });
});

// --- the model ---------------------------------------------------------------------------------------------------

const IDS = ['a', 'b', 'c', 'd', 'e', 'f', '__proto__', 'constructor'] as const;

const facts = fc.record({
  id: fc.constantFrom(...IDS),
  name: fc.constantFrom('x', 'y'),
  minute: fc.integer({ min: 0, max: 3 }),
  status: fc.constantFrom('NEW', 'READY', 'ARCHIVED', 'READY') as fc.Arbitrary<WorkspaceFacts['status']>,
  hasHadSessions: fc.boolean(),
  isSessionWorking: fc.boolean(),
  merged: fc.boolean(),
});
type Facts = typeof facts extends fc.Arbitrary<infer F> ? F : never;

const toSnapshot = (f: Facts, version: number) =>
  makeSnapshot(
    {
      workspaceId: f.id,
      name: f.name,
      createdAt: at(f.minute),
      status: f.status,
      hasHadSessions: f.hasHadSessions,
      isSessionWorking: f.isSessionWorking,
      ...(f.merged ? { prUrl: 'https://x/pr/1', prNumber: 1, prState: 'MERGED' as const } : {}),
    },
    { version },
  );

const change = fc.oneof(
  facts.map((f) => ({ kind: 'upsert' as const, facts: f })),
  fc.constantFrom(...IDS).map((id) => ({ kind: 'remove' as const, id })),
);
const step = fc.record({
  event: fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('stream' as const),
        changes: fc.array(change, { minLength: 1, maxLength: 8 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('hello' as const),
        workspaces: fc.uniqueArray(facts, { selector: (f) => f.id, maxLength: IDS.length }),
      }),
    },
  ),
  // Which views are read after the step: an unread view defers its changes, up to its limit.
  reads: fc.oneof(
    { weight: 12, arbitrary: fc.constant('none' as const) },
    { weight: 1, arbitrary: fc.constantFrom('list' as const, 'sidebar' as const, 'board' as const) },
  ),
});

type Expected = { byId: Map<string, WorkspaceSnapshot>; list: WorkspaceSnapshot[] };
type ViewArrays = Record<'list' | 'sidebar' | 'WORKING' | 'WAITING' | 'DONE', readonly WorkspaceSnapshot[]>;

function expected(byId: Map<string, WorkspaceSnapshot>): Expected {
  return { byId: new Map(byId), list: [...byId.values()].sort(compareWorkspaces) };
}

/** Sorting, filtering and partitioning from scratch. */
function naiveViews(model: Expected): ViewArrays {
  const column = (name: string) => model.list.filter((w) => boardColumn(w) === name);
  const { list } = model;
  return {
    list,
    sidebar: list.filter(isOnSidebar),
    WORKING: column('WORKING'),
    WAITING: column('WAITING'),
    DONE: column('DONE'),
  };
}

function selectedViews(s: SnapshotClientState): ViewArrays {
  const { selectWorkspaceList, selectSidebar, selectKanbanColumns } = createSnapshotSelectors();
  return { list: selectWorkspaceList(s), sidebar: selectSidebar(s), ...selectKanbanColumns(s) };
}

const VIEWS = ['list', 'sidebar', 'WORKING', 'WAITING', 'DONE'] as const;

const sameObjects = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** Where `s` differs from the model: each view must hold exactly its objects, and `get` and iteration read it. */
function differences(s: SnapshotClientState, model: Expected): string[] {
  const naive = naiveViews(model);
  const selected = selectedViews(s);
  const found: string[] = VIEWS.filter((view) => !sameObjects(selected[view], naive[view]));
  for (const id of IDS) if (s.workspaces.get(id) !== model.byId.get(id)) found.push(`get(${id})`);
  if (s.workspaces.size !== model.list.length) found.push('size');
  if (!sameObjects([...s.workspaces.values()], model.list)) found.push('values()');
  return found;
}

/** Where identity broke its rule between two states: a view keeps its identity exactly while it holds the same objects. */
function identityBreaks(before: { state: SnapshotClientState; model: Expected }, after: typeof before): string[] {
  const [was, is] = [naiveViews(before.model), naiveViews(after.model)];
  const [held, now] = [selectedViews(before.state), selectedViews(after.state)];
  return VIEWS.filter((view) => (now[view] === held[view]) !== sameObjects(is[view], was[view]));
}

describe('selectors against a naive model', () => {
  // 300 runs of up to 60 steps take about 2 s; the timeout leaves room for a loaded machine.
  it('equal sorting, filtering and partitioning from scratch through upserts, patches, removes, batches and hellos', {
    timeout: 60_000,
  }, () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60, size: 'max' }), (steps) => {
        let sequence = helloed(initialSequenceState(), 0, []);
        const byId = new Map<string, WorkspaceSnapshot>();
        // What the server sent last of each workspace held, and its version: the base of the next patch.
        const latest = new Map<string, WorkspaceSnapshot>();
        const versions = new Map<string, number>();
        const history: { state: SnapshotClientState; model: Expected }[] = [];
        for (const { event, reads } of steps) {
          const seq = sequence.seq! + 1;
          if (event.kind === 'stream') {
            // Versions rise with `seq`, so no upsert is stale; one whose visible fields are equal keeps the object. A
            // change of a workspace held is sent as a patch every other seq, based on the version the client has.
            const snapshots: (WorkspaceSnapshot | string)[] = [];
            const messages: StreamMessage[] = event.changes.map((e, i) => {
              if (e.kind === 'remove') {
                snapshots.push(e.id);
                versions.delete(e.id);
                return { type: 'remove', seq: seq + i, workspaceId: e.id };
              }
              const snapshot = toSnapshot(e.facts, seq + i);
              const id = snapshot.workspaceId;
              const base = versions.get(id);
              snapshots.push(snapshot);
              versions.set(id, snapshot.version);
              const change =
                base === undefined || (seq + i) % 2 === 1
                  ? null
                  : { fields: changedFields(latest.get(id)!, snapshot), baseVersion: base };
              latest.set(id, snapshot);
              return messageInVersion({ type: 'upsert', seq: seq + i, snapshot, change }, 2);
            });
            sequence = receiveStream(sequence, messages).state;
            for (const snapshot of snapshots) {
              if (typeof snapshot === 'string') byId.delete(snapshot);
              else keepOrSet(byId, byId.get(snapshot.workspaceId), snapshot);
            }
            // A patched workspace is an object the client made: it must equal the model's, which then takes it as its
            // own (a later step's identity checks hold against it).
            for (const message of messages) {
              if (message.type !== 'patch') continue;
              const [mine, model] = [sequence.workspaces.get(message.workspaceId), byId.get(message.workspaceId)];
              if (mine === model || mine === undefined || model === undefined) continue;
              expect(mine).toEqual(model);
              byId.set(message.workspaceId, mine);
            }
          } else {
            const snapshots = event.workspaces.map((f) => toSnapshot(f, seq));
            sequence = helloed(sequence, seq, snapshots);
            versions.clear();
            for (const snapshot of snapshots) {
              versions.set(snapshot.workspaceId, snapshot.version);
              latest.set(snapshot.workspaceId, snapshot);
            }
            const held = new Map(byId);
            byId.clear();
            for (const snapshot of snapshots) keepOrSet(byId, held.get(snapshot.workspaceId), snapshot);
          }
          const s = state(sequence.workspaces, sequence.seq!);
          history.push({ state: s, model: expected(byId) });
          // What is read when decides which views defer their changes (up to their limit) and which apply them.
          if (reads === 'list') s.workspaces.list;
          else if (reads === 'sidebar') s.workspaces.sidebar;
          else if (reads === 'board') s.workspaces.columns;
        }
        // Every state handed out still reads what it held then, whatever was read when.
        expect(
          history.flatMap(({ state: past, model }, i) => differences(past, model).map((d) => `${i}: ${d}`)),
        ).toEqual([]);
        expect(
          history.slice(1).flatMap((after, i) => identityBreaks(history[i]!, after).map((d) => `${i + 1}: ${d}`)),
        ).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

/** The state after a full hello of `snapshots`. */
function helloed(sequence: SequenceState, seq: number, snapshots: WorkspaceSnapshot[]): SequenceState {
  const hello = { type: 'hello', protocol: 1, projectId: 'p1', epoch: 'e1', resumed: false } as const;
  const outcome = receiveHello(sequence, { ...hello, seq, snapshots });
  if (outcome.kind !== 'replaced') throw new Error('a full hello must replace the state');
  return outcome.state;
}

/** What the client does with an applied snapshot: keeps the held object when the visible fields are equal. */
function keepOrSet(byId: Map<string, WorkspaceSnapshot>, held: WorkspaceSnapshot | undefined, next: WorkspaceSnapshot) {
  byId.set(next.workspaceId, held !== undefined && visibleFieldsEqual(held, next) ? held : next);
}

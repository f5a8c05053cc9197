// `pnpm --filter @livesnap/bench compare-state-shapes`: the measurement behind the client's state shape (BENCHMARKS.md,
// "Client state shape"). Each candidate applies one upsert (a rename; every fourth also moves a card between two board
// columns) to a project of 50, 5,000 and 50,000 workspaces, in memory, without decoding or a store: only what the
// shape costs. The chosen shape is imported from the client's source; the others are written out here.
import type { WorkspaceSnapshot } from '@livesnap/protocol';
import { boardColumn, compareWorkspaces, isOnSidebar } from '@livesnap/protocol';
import { makeSnapshot } from '@livesnap/protocol/testing';
// Internal modules, on purpose: they are what is measured, and the package does not export them.
import { trieOf, trieSet } from '../../client/src/hash-trie.js';
import { buildWorkspaceMap, WorkspaceMapDraft } from '../../client/src/workspace-map.js';

const SIZES = [50, 5_000, 50_000];
const quick = process.argv.includes('--quick');

function project(size: number): WorkspaceSnapshot[] {
  return Array.from({ length: size }, (_, i) =>
    makeSnapshot({
      workspaceId: `w${i}`,
      hasHadSessions: true,
      createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    }),
  );
}

/** The k-th change: a new object for a workspace spread over the project, every fourth one moved to WORKING. */
function changeOf(snapshots: WorkspaceSnapshot[], k: number): WorkspaceSnapshot {
  const held = snapshots[(k * 7919) % snapshots.length]!;
  const working = k % 4 === 1;
  return { ...held, name: `changed ${k}`, isSessionWorking: working, kanbanColumn: working ? 'WORKING' : 'WAITING' };
}

/** Microseconds per call of `apply(k)`, the median of 5 rounds after a warm-up round. */
function time(apply: (k: number) => void, calls: number): number {
  const rounds: number[] = [];
  for (let round = 0; round <= 5; round++) {
    const started = performance.now();
    for (let k = 0; k < calls; k++) apply(round * calls + k);
    if (round > 0) rounds.push(((performance.now() - started) * 1000) / calls);
  }
  return rounds.sort((a, b) => a - b)[2]!;
}

// --- by id ---------------------------------------------------------------------------------------------------------

const byId = {
  'Record, copied a change (before)': (snapshots: WorkspaceSnapshot[]) => {
    let record: Record<string, WorkspaceSnapshot> = Object.fromEntries(snapshots.map((s) => [s.workspaceId, s]));
    return (next: WorkspaceSnapshot) => {
      const copy: Record<string, WorkspaceSnapshot> = {};
      for (const key of Object.keys(record)) copy[key] = record[key]!;
      copy[next.workspaceId] = next;
      record = copy;
    };
  },
  'Map, copied a change': (snapshots: WorkspaceSnapshot[]) => {
    let map = new Map(snapshots.map((s) => [s.workspaceId, s]));
    return (next: WorkspaceSnapshot) => {
      map = new Map(map).set(next.workspaceId, next);
    };
  },
  'persistent hash trie (chosen)': (snapshots: WorkspaceSnapshot[]) => {
    let trie = trieOf(snapshots.map((s): [string, WorkspaceSnapshot] => [s.workspaceId, s]));
    return (next: WorkspaceSnapshot) => {
      trie = trieSet(trie, next.workspaceId, next);
    };
  },
};

// --- the views -----------------------------------------------------------------------------------------------------

type Views = { list: WorkspaceSnapshot[]; sidebar: WorkspaceSnapshot[]; columns: Record<string, WorkspaceSnapshot[]> };

function viewsOf(list: WorkspaceSnapshot[]): Views {
  const columns: Record<string, WorkspaceSnapshot[]> = { WORKING: [], WAITING: [], DONE: [] };
  for (const s of list) {
    const column = boardColumn(s);
    if (column !== null) columns[column]!.push(s);
  }
  return { list, sidebar: list.filter(isOnSidebar), columns };
}

const views = {
  // The selectors before: the list rebuilt in order without sorting (no createdAt changed), then filtered.
  'rebuilt from the map after each change (before)': (snapshots: WorkspaceSnapshot[]) => {
    const map = new Map(snapshots.map((s) => [s.workspaceId, s]));
    let list = [...snapshots].sort(compareWorkspaces);
    return (next: WorkspaceSnapshot) => {
      map.set(next.workspaceId, next);
      list = list.map((s) => map.get(s.workspaceId)!);
      viewsOf(list);
    };
  },
  'sorted arrays, copied and spliced at each change': (snapshots: WorkspaceSnapshot[]) => {
    let current = viewsOf([...snapshots].sort(compareWorkspaces));
    const byId = new Map(snapshots.map((s) => [s.workspaceId, s]));
    const replace = (
      array: WorkspaceSnapshot[],
      held: WorkspaceSnapshot | undefined,
      next: WorkspaceSnapshot | null,
    ) => {
      const copy = array.slice();
      if (held !== undefined) copy.splice(placeOf(copy, held), 1);
      if (next !== null) copy.splice(placeOf(copy, next), 0, next);
      return copy;
    };
    return (next: WorkspaceSnapshot) => {
      const held = byId.get(next.workspaceId)!;
      byId.set(next.workspaceId, next);
      const columns = { ...current.columns };
      const [from, to] = [boardColumn(held), boardColumn(next)];
      if (from !== null) columns[from] = replace(columns[from]!, held, from === to ? next : null);
      if (to !== null && to !== from) columns[to] = replace(columns[to]!, undefined, next);
      current = {
        list: replace(current.list, held, next),
        sidebar: replace(current.sidebar, held, next),
        columns,
      };
    };
  },
  'deferred views, all read after each change (chosen)': (snapshots: WorkspaceSnapshot[]) => {
    const draft = new WorkspaceMapDraft(buildWorkspaceMap(snapshots));
    return (next: WorkspaceSnapshot) => {
      draft.set(next);
      const map = draft.finish();
      void [map.list, map.sidebar, map.columns];
    };
  },
  'deferred views, sidebar read after each change (chosen)': (snapshots: WorkspaceSnapshot[]) => {
    const draft = new WorkspaceMapDraft(buildWorkspaceMap(snapshots));
    return (next: WorkspaceSnapshot) => {
      draft.set(next);
      void draft.finish().sidebar;
    };
  },
  'deferred views, none read (chosen)': (snapshots: WorkspaceSnapshot[]) => {
    const draft = new WorkspaceMapDraft(buildWorkspaceMap(snapshots));
    return (next: WorkspaceSnapshot) => {
      draft.set(next);
      draft.finish();
    };
  },
};

function placeOf(array: readonly WorkspaceSnapshot[], snapshot: WorkspaceSnapshot): number {
  let [low, high] = [0, array.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareWorkspaces(array[middle]!, snapshot) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

function table(
  title: string,
  candidates: Record<string, (snapshots: WorkspaceSnapshot[]) => (next: WorkspaceSnapshot) => void>,
) {
  const projects = SIZES.map(project);
  const lines = [
    `| ${title} | ${SIZES.map((n) => `${n}`).join(' | ')} | 5,000 / 50 | 50,000 / 50 |`,
    `| --- |${' ---: |'.repeat(5)}`,
  ];
  for (const [name, make] of Object.entries(candidates)) {
    const cost = projects.map((snapshots) => {
      const apply = make(snapshots);
      // Few calls where a change is slow, so that the slowest candidates finish too.
      const calls = Math.max(20, Math.round((quick ? 20_000 : 200_000) / snapshots.length));
      return time((k) => apply(changeOf(snapshots, k)), calls);
    });
    const [small, medium, large] = cost as [number, number, number];
    const µs = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(0));
    lines.push(
      `| ${name} | ${cost.map(µs).join(' | ')} | ${(medium / small).toFixed(1)}× | ${(large / small).toFixed(1)}× |`,
    );
  }
  console.log(`${lines.join('\n')}\n`);
}

console.log('µs per change (median of 5 rounds):\n');
table('by id: one upsert', byId);
table('list, sidebar and board kept current', views);

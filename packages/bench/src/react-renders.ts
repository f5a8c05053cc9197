// The React rows of `pnpm bench`: with a board of cards mounted (each card reads its workspace with
// useWorkspaceSnapshot inside its column; the columns from their snapshots, then from their ids), what one upsert
// renders (a count) and how long it takes to reach React's commit, against the same with 50 cards in the same run. The measurements run in a child process
// (react-renders.worker.tsx): React's profiling build on jsdom.
import { fork } from 'node:child_process';
import type { BoardMeasurement, ColumnKind, WorkerRequest } from './react-renders.worker.js';
import type { BenchGroup, Row } from './row.js';

const SMALL = 50;

function measureInChild(request: WorkerRequest): Promise<BoardMeasurement[][]> {
  const child = fork(new URL('./react-renders.worker.tsx', import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return new Promise((resolve, reject) => {
    child.once('message', (measurements: BoardMeasurement[][]) => {
      child.kill();
      resolve(measurements);
    });
    child.once('exit', (code) => reject(new Error(`the React bench process exited (${code}) before reporting`)));
    child.send(request);
  });
}

const middle = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function reactRenderRows({
  cards,
  repeats,
  upserts,
  sideBySide = false,
}: {
  cards: number;
  repeats: number;
  upserts: number;
  /** Both kinds of column in child processes at once (--quick: the figures only have to exist, not compare). */
  sideBySide?: boolean;
}) {
  const rows: Row[] = [];
  const columnsFrom: Record<ColumnKind, string> = { snapshots: 'useKanbanColumn', ids: 'useKanbanColumnIds' };
  const kinds = ['snapshots', 'ids'] as const;
  const measure = (kind: ColumnKind) => measureInChild({ kind, sizes: [SMALL, cards], repeats, upserts });
  const early = sideBySide ? await Promise.all(kinds.map(measure)) : null;
  for (const [k, kind] of kinds.entries()) {
    const rounds = early ? early[k]! : await measure(kind);
    const runs = { small: rounds.map(([small]) => small!), big: rounds.map(([, big]) => big!) };
    const row = (what: string, unit: string, pick: (m: BoardMeasurement) => number): Row => ({
      name: `React (columns from ${columnsFrom[kind]}): ${what}, ${cards} cards mounted`,
      livesnap: middle(runs.big.map(pick)),
      baselineName: `the same with ${SMALL} cards`,
      baseline: middle(runs.small.map(pick)),
      unit,
    });
    rows.push(
      row('components rendered for one upsert', 'renders', (m) => m.rendered),
      row('one upsert to its commit (<Profiler>)', 'µs', (m) => m.commitUs),
      row('render work of that commit (<Profiler> actualDuration)', 'µs', (m) => m.renderUs),
    );
  }
  return rows;
}

export const reactRendersGroup: BenchGroup = {
  id: 'react-renders',
  title: 'Client cost: React renders',
  measures:
    "A board (three columns, each card a memoized component reading its workspace with `useWorkspaceSnapshot`, each column reading its list with `useKanbanColumn`, or its ids with `useKanbanColumnIds`) mounted in React's profiling build on jsdom, in a child process (`react-renders.worker.tsx`); upserts rename a card in a column holding every card. *Components rendered* counts the cards and columns rendered per upsert; *one upsert to its commit* is the time from the mock server's upsert to the root `<Profiler>`'s `onRender` (decode, validation, sequencing, store, selectors, React render and commit); *render work* is that commit's `actualDuration`.",
  run: async ({ quick, repeats }) => ({
    rows: await reactRenderRows({ cards: quick ? 200 : 5000, repeats, upserts: quick ? 10 : 200, sideBySide: quick }),
  }),
};

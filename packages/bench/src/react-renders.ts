// The React rows of `pnpm bench`: with a board of cards mounted (each card reads its workspace with
// useWorkspaceSnapshot inside its column; the columns from their snapshots, then from their ids), what one upsert
// renders (a count) and how long it takes to reach React's commit, against the same with 50 cards in the same run. The measurements run in a child process
// (react-renders.worker.tsx): React's profiling build on jsdom.
import { fork } from 'node:child_process';
import type { BoardMeasurement, ColumnKind, WorkerRequest } from './react-renders.worker.js';

export interface ReactRenderRow {
  name: string;
  livesnap: number;
  baselineName: string;
  baseline: number;
  unit: string;
}

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
}: {
  cards: number;
  repeats: number;
  upserts: number;
}) {
  const rows: ReactRenderRow[] = [];
  const columnsFrom: Record<ColumnKind, string> = { snapshots: 'useKanbanColumn', ids: 'useKanbanColumnIds' };
  for (const kind of ['snapshots', 'ids'] as const) {
    const rounds = await measureInChild({ kind, sizes: [SMALL, cards], repeats, upserts });
    const runs = { small: rounds.map(([small]) => small!), big: rounds.map(([, big]) => big!) };
    const row = (what: string, unit: string, pick: (m: BoardMeasurement) => number): ReactRenderRow => ({
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

// The React rows of `pnpm bench`: with a board of cards mounted (each card reads its workspace with
// useWorkspaceSnapshot inside its column), what one upsert renders (a count) and how long it takes to reach React's
// commit, against the same with 50 cards in the same run. The measurements run in a child process
// (react-renders.worker.tsx): React's profiling build on jsdom.
import { fork } from 'node:child_process';
import type { BoardMeasurement, WorkerRequest } from './react-renders.worker.js';

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
  const rounds = await measureInChild({ sizes: [SMALL, cards], repeats, upserts });
  const runs = { small: rounds.map(([small]) => small!), big: rounds.map(([, big]) => big!) };
  const row = (name: string, unit: string, pick: (m: BoardMeasurement) => number): ReactRenderRow => ({
    name,
    livesnap: middle(runs.big.map(pick)),
    baselineName: `the same with ${SMALL} cards`,
    baseline: middle(runs.small.map(pick)),
    unit,
  });
  return [
    row(`React: components rendered for one upsert, ${cards} cards mounted`, 'renders', (m) => m.rendered),
    row(`React: one upsert to its commit (<Profiler>), ${cards} cards mounted`, 'µs', (m) => m.commitUs),
    row(
      `React: render work of that commit (<Profiler> actualDuration), ${cards} cards mounted`,
      'µs',
      (m) => m.renderUs,
    ),
  ];
}

// The child process of the React rows (react-renders.ts): React's profiling build (NODE_ENV=production, so that
// <Profiler> reports as it would in a production app that profiles) on a jsdom document, a board of cards mounted,
// and upserts through a real client on the mock socket. Its own process, so that the DOM globals and the production
// build touch no other row.
import { createSnapshotClient, type SnapshotClient } from '@livesnap/client';
import { MockSnapshotServer, waitForState } from '@livesnap/client/testing';
import type { KanbanColumn } from '@livesnap/protocol';
import { makeFacts } from '@livesnap/protocol/testing';
import { JSDOM } from 'jsdom';

const { window } = new JSDOM('<!doctype html><html><body><div id="root"></div></body></html>', {
  pretendToBeVisual: true,
});
Object.assign(globalThis, { window, document: window.document, navigator: window.navigator });

// After the globals: react-dom reads them when it loads.
const React = await import('react');
const { createRoot } = await import('react-dom/profiling');
const { SnapshotProvider, useKanbanColumn, useKanbanColumnIds, useWorkspaceSnapshot } = await import('@livesnap/react');

export interface BoardMeasurement {
  /** Components rendered (cards and columns) for one upsert that keeps its card in its column. */
  rendered: number;
  /** Median time from the upsert to React's commit of it (the root Profiler's onRender), in µs. */
  commitUs: number;
  /** Median of the Profiler's actualDuration for that commit: React's own render work, in µs. */
  renderUs: number;
}

const COLUMNS: KanbanColumn[] = ['WORKING', 'WAITING', 'DONE'];
/** Every card rendered since the last upsert; counted in the components' bodies. */
let rendered = 0;

const Card = React.memo(function Card({ id }: { id: string }) {
  rendered++;
  return <li>{useWorkspaceSnapshot(id)?.name}</li>;
});

/** A column of its snapshots (`useKanbanColumn`): it re-renders, as a list, whenever one of its cards changes. */
function Column({ column }: { column: KanbanColumn }) {
  rendered++;
  const cards = useKanbanColumn(column);
  return (
    <ol title={column}>
      {cards.map((card) => (
        <Card key={card.workspaceId} id={card.workspaceId} />
      ))}
    </ol>
  );
}

/** A column of its ids (`useKanbanColumnIds`): it re-renders only when its membership or order changes. */
function IdColumn({ column }: { column: KanbanColumn }) {
  rendered++;
  const ids = useKanbanColumnIds(column);
  return (
    <ol title={column}>
      {ids.map((id) => (
        <Card key={id} id={id} />
      ))}
    </ol>
  );
}

export type ColumnKind = 'snapshots' | 'ids';

/** `count` cards waiting on the board: one column of them, the worst case for the column that re-renders. */
function facts(i: number, name = `Workspace ${i}`) {
  const createdAt = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
  return makeFacts({ workspaceId: `w${i}`, projectId: 'p1', name, createdAt, hasHadSessions: true });
}

async function measure(count: number, upserts: number, kind: ColumnKind): Promise<BoardMeasurement> {
  const ColumnOf = kind === 'ids' ? IdColumn : Column;
  const server = new MockSnapshotServer({ workspaces: Array.from({ length: count }, (_, i) => facts(i)) });
  const client: SnapshotClient = createSnapshotClient({
    url: 'ws://mock/snapshots',
    projectId: 'p1',
    WebSocket: server.WebSocket,
  });
  await waitForState(client.store, (s) => s.status === 'open');

  let committed: (() => void) | null = null;
  const renders: number[] = [];
  const root = createRoot(window.document.getElementById('root')!);
  const mounted = new Promise<void>((resolve) => {
    committed = resolve;
  });
  root.render(
    <React.Profiler
      id="board"
      onRender={(_id, _phase, actualDuration) => {
        renders.push(actualDuration);
        committed?.();
      }}
    >
      <SnapshotProvider client={client}>
        {COLUMNS.map((column) => (
          <ColumnOf key={column} column={column} />
        ))}
      </SnapshotProvider>
    </React.Profiler>,
  );
  await mounted;

  const counts: number[] = [];
  const commits: number[] = [];
  renders.length = 0;
  // The first tenth warms the path up (JIT) and is not counted.
  const warmUp = Math.ceil(upserts / 10);
  for (let i = -warmUp; i < upserts; i++) {
    if (i === 0) {
      counts.length = 0;
      commits.length = 0;
      renders.length = 0;
    }
    rendered = 0;
    const commit = new Promise<void>((resolve) => {
      committed = resolve;
    });
    const started = performance.now();
    server.upsert(facts((i + warmUp) % count, `changed ${i}`));
    await commit;
    commits.push((performance.now() - started) * 1000);
    counts.push(rendered);
  }
  root.unmount();
  client.close();
  return { rendered: Math.max(...counts), commitUs: median(commits), renderUs: median(renders.map((ms) => ms * 1000)) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export interface WorkerRequest {
  kind: ColumnKind;
  sizes: readonly number[];
  repeats: number;
  upserts: number;
}

/** For each repeat, each size in turn: `measurements[repeat][size index]`. */
process.once('message', async ({ kind, sizes, repeats, upserts }: WorkerRequest) => {
  const measurements: BoardMeasurement[][] = [];
  for (let repeat = 0; repeat < repeats; repeat++) {
    const round: BoardMeasurement[] = [];
    for (const count of sizes) round.push(await measure(count, upserts, kind));
    measurements.push(round);
  }
  process.send?.(measurements);
});

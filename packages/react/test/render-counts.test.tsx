// Render isolation, counted with React's <Profiler>: a board of 500 and of 5,000 cards (each card reads its own
// workspace with useWorkspaceSnapshot, inside its column), and what one change renders. Counts are facts; no time is
// asserted here (the bench reports commit times).
import type { SnapshotClient } from '@livesnap/client';
import { MockSnapshotServer } from '@livesnap/client/testing';
import type { KanbanColumn } from '@livesnap/protocol';
import { render } from '@testing-library/react';
import { memo, Profiler, type ProfilerOnRenderCallback } from 'react';
import { describe, expect, it } from 'vitest';
import { SnapshotProvider, useKanbanColumn, useKanbanColumnIds, useWorkspaceSnapshot } from '../src/index.js';
import { board, card, clientOf, deliver } from './support.js';

const COLUMNS: KanbanColumn[] = ['WORKING', 'WAITING', 'DONE'];

/** The profiled components that rendered since the last `take()`, as `id phase`, and the commits of the whole tree. */
function renderLog() {
  let rendered: string[] = [];
  let commits = 0;
  const onRender: ProfilerOnRenderCallback = (id, phase) => {
    if (id === 'board') commits++;
    else rendered.push(`${id} ${phase}`);
  };
  const take = () => {
    const taken = { rendered: rendered.sort(), commits };
    rendered = [];
    commits = 0;
    return taken;
  };
  return { onRender, take };
}

// Each Profiler wraps only what its own component renders (the column's header, not its cards), so that a card's
// render does not count as its column's.
const Card = memo(function Card({ id, onRender }: { id: string; onRender: ProfilerOnRenderCallback }) {
  const workspace = useWorkspaceSnapshot(id);
  return (
    <Profiler id={`card:${id}`} onRender={onRender}>
      <li>{workspace?.name}</li>
    </Profiler>
  );
});

function Column({ column, onRender }: { column: KanbanColumn; onRender: ProfilerOnRenderCallback }) {
  const cards = useKanbanColumn(column);
  return (
    <section>
      <Profiler id={`column:${column}`} onRender={onRender}>
        <h2>{`${column} (${cards.length})`}</h2>
      </Profiler>
      <ol>
        {cards.map((w) => (
          <Card key={w.workspaceId} id={w.workspaceId} onRender={onRender} />
        ))}
      </ol>
    </section>
  );
}

/** A column rendered from its ids: it renders for its membership and order only, its cards each for their own. */
function IdColumn({ column, onRender }: { column: KanbanColumn; onRender: ProfilerOnRenderCallback }) {
  const ids = useKanbanColumnIds(column);
  return (
    <section>
      <Profiler id={`column:${column}`} onRender={onRender}>
        <h2>{`${column} (${ids.length})`}</h2>
      </Profiler>
      <ol>
        {ids.map((id) => (
          <Card key={id} id={id} onRender={onRender} />
        ))}
      </ol>
    </section>
  );
}

type ColumnComponent = typeof Column;

function mountBoard(client: SnapshotClient, onRender: ProfilerOnRenderCallback, ColumnOf: ColumnComponent = Column) {
  return render(
    <Profiler id="board" onRender={onRender}>
      <SnapshotProvider client={client}>
        {COLUMNS.map((column) => (
          <ColumnOf key={column} column={column} onRender={onRender} />
        ))}
      </SnapshotProvider>
    </Profiler>,
  );
}

// Columns from their snapshots (useKanbanColumn) render as lists when one of their cards changes; columns from their
// ids (useKanbanColumnIds) only when their membership or order does.
const boards = [
  { columns: 'snapshots', ColumnOf: Column, renamed: ['card:w7 update', 'column:WAITING update'] },
  { columns: 'ids', ColumnOf: IdColumn, renamed: ['card:w7 update'] },
] as const;

describe.each([500, 5_000].flatMap((count) => boards.map((b) => ({ count, ...b }))))(
  'a board of $count cards, columns from their $columns',
  ({ count, ColumnOf, renamed }) => {
    it(`renders ${renamed.join(' and ')} for an upsert, the card and two columns for a move, nothing for no change`, {
      timeout: 120_000,
    }, async () => {
      const server = new MockSnapshotServer({ workspaces: board(count) });
      const client = clientOf(server, { startClosed: true });
      const log = renderLog();
      const view = mountBoard(client, log.onRender, ColumnOf);
      await deliver(
        client,
        () => client.connect(),
        (s) => s.status === 'open',
      );
      expect(view.container.querySelectorAll('li')).toHaveLength(count);
      log.take();

      // w7 is in WAITING (7 % 3 === 1): a visible change that keeps its column
      await deliver(
        client,
        () => server.upsert(card('w7', 'WAITING', 7, { name: 'renamed' })),
        (s) => s.seq === 1,
      );
      expect(log.take()).toEqual({ rendered: [...renamed], commits: 1 });
      expect(view.getByText('renamed')).toBeTruthy();

      // w7 moves to DONE: it leaves one column and joins the other (a new card there), both columns render
      await deliver(
        client,
        () => server.upsert(card('w7', 'DONE', 7, { name: 'renamed' })),
        (s) => s.seq === 2,
      );
      expect(log.take()).toEqual({
        rendered: ['card:w7 mount', 'column:DONE update', 'column:WAITING update'],
        commits: 1,
      });

      // the same visible fields again (a new version): nothing changed for the user, nothing renders
      await deliver(
        client,
        () => server.upsert(card('w7', 'DONE', 7, { name: 'renamed' })),
        (s) => s.seq === 3,
      );
      expect(log.take()).toEqual({ rendered: [], commits: 0 });

      // a full hello of the same epoch (same workspaces): nothing renders
      const messages = client.store.getState().stats.messages;
      await deliver(
        client,
        () => server.sendHello(),
        (s) => s.stats.messages === messages + 1,
      );
      expect(client.store.getState().epoch).toBe(server.epoch);
      expect(log.take()).toEqual({ rendered: [], commits: 0 });
      client.close();
    });
  },
);

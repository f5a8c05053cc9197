// The kanban board: WORKING, WAITING and DONE. Each column reads its ids from the feed and each card its own
// workspace, so a change re-renders that card, and a column only when its membership or order changes; only the cards
// in view are mounted.
import type { KanbanColumn as ColumnName } from '@livesnap/protocol';
import { memo, useCallback } from 'react';
import { useFeed } from './feed.js';
import { useRenderCount } from './render-probe.js';
import type { RunCardAction } from './views.js';
import { VirtualList } from './virtual-list.js';
import { WorkspaceCard } from './workspace-card.js';

const COLUMNS: readonly { column: ColumnName; title: string }[] = [
  { column: 'WORKING', title: 'Working' },
  { column: 'WAITING', title: 'Waiting' },
  { column: 'DONE', title: 'Done' },
];

export interface KanbanBoardProps {
  /** Runs a card's action; without it the cards show no buttons. */
  onAction?: RunCardAction;
}

/** The three columns of the nearest feed's board, with their cards. */
export function KanbanBoard({ onAction }: KanbanBoardProps) {
  return (
    <main className="board" aria-label="Board">
      {COLUMNS.map(({ column, title }) => (
        <KanbanColumn key={column} column={column} title={title} onAction={onAction} />
      ))}
    </main>
  );
}

export interface KanbanColumnProps {
  column: ColumnName;
  title: string;
  onAction?: RunCardAction;
}

/** One column of the board: its title, its count and its cards in list order. */
export const KanbanColumn = memo(function KanbanColumn({ column, title, onAction }: KanbanColumnProps) {
  useRenderCount('KanbanColumn');
  const ids = useFeed().useColumnIds(column);
  const renderCard = useCallback((id: string) => <BoardCard workspaceId={id} onAction={onAction} />, [onAction]);
  return (
    <section className="column" data-column={column} aria-label={title}>
      <h2>
        {title} <span className="count">{ids.length}</span>
      </h2>
      <VirtualList as="ol" ids={ids} estimateSize={120} gap={8} renderItem={renderCard} />
    </section>
  );
});

const BoardCard = memo(function BoardCard({
  workspaceId,
  onAction,
}: {
  workspaceId: string;
  onAction?: RunCardAction;
}) {
  const workspace = useFeed().useCard(workspaceId);
  return workspace ? <WorkspaceCard workspace={workspace} onAction={onAction} /> : null;
});

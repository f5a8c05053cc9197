// The seam between the page's components and where their data comes from: a feed is a set of hooks (one adapter per
// mode: the live stream, the old polling, fixed data for stories), handed down by context. A feed is chosen once per
// page and never swapped under a mounted tree, so its hooks are called in the same order on every render.
import type { KanbanColumn } from '@livesnap/protocol';
import { createContext, type ReactNode, useContext } from 'react';
import type { CardView, ConnectionView, SidebarItemView } from './views.js';

export interface WorkspaceFeed {
  /** The sidebar's workspace ids in list order; the same array while they do not change. */
  useSidebarIds(): readonly string[];
  /** One sidebar row's data; re-renders its caller only when that workspace changes. */
  useSidebarItem(workspaceId: string): SidebarItemView | undefined;
  /** One board column's ids in list order; the same array while they do not change. */
  useColumnIds(column: KanbanColumn): readonly string[];
  /** One card's data; re-renders its caller only when that workspace changes. */
  useCard(workspaceId: string): CardView | undefined;
  useConnection(): ConnectionView;
}

const FeedContext = createContext<WorkspaceFeed | null>(null);
FeedContext.displayName = 'FeedContext';

/** Hands `feed` to the sidebar, the board and the connection indicator below it. */
export function FeedProvider({ feed, children }: { feed: WorkspaceFeed; children?: ReactNode }) {
  return <FeedContext.Provider value={feed}>{children}</FeedContext.Provider>;
}

/** The nearest `FeedProvider`'s feed. */
export function useFeed(): WorkspaceFeed {
  const feed = useContext(FeedContext);
  if (feed === null) throw new Error('useFeed() must be called inside a <FeedProvider feed={…}>');
  return feed;
}

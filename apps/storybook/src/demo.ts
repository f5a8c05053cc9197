// The demo's components and its live feed, from where they live (apps/demo/web): Storybook shows them, never copies.
export { ConnectionIndicator, FeedConnectionIndicator } from '../../demo/web/components/connection-indicator.js';
export { FeedProvider } from '../../demo/web/components/feed.js';
export { KanbanBoard } from '../../demo/web/components/kanban-board.js';
export { type ProjectOption, ProjectSwitcher } from '../../demo/web/components/project-switcher.js';
export { Sidebar } from '../../demo/web/components/sidebar.js';
export type { CardAction, ConnectionView } from '../../demo/web/components/views.js';
export { WorkspaceCard } from '../../demo/web/components/workspace-card.js';
export { liveFeed } from '../../demo/web/feeds/live-feed.js';

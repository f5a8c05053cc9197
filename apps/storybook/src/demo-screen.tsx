// The demo page's screen for the connection stories: the top bar with the connection indicator, the sidebar, the
// board, and the devtools panel, all read from the story's client.
import { SnapshotDevtools } from '@livesnap/devtools/production';
import { FeedConnectionIndicator, KanbanBoard, Sidebar } from './demo.js';

export interface DemoScreenProps {
  /** Whether the devtools panel is open at first (the user's choice is remembered after that). */
  devtoolsOpen?: boolean;
}

/** The demo's layout on the story's client: indicator, sidebar, board, and the devtools panel. */
export function DemoScreen({ devtoolsOpen = true }: DemoScreenProps) {
  return (
    <div className="storybook-screen">
      <header className="topbar">
        <h1>Livesnap demo</h1>
        <FeedConnectionIndicator />
      </header>
      <div className="layout">
        <Sidebar />
        <KanbanBoard />
      </div>
      {/* The production entry: Storybook's build is a production build, where the default entry renders nothing. */}
      <SnapshotDevtools initialIsOpen={devtoolsOpen} storageKey="livesnap-storybook-devtools" />
    </div>
  );
}

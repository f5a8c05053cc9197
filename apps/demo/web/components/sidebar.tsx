// The sidebar: the project's workspaces (archived ones aside) in list order. It reads the ids from the feed and each
// row reads its own workspace, so a change re-renders that row, and the list only when membership or order changes;
// only the rows in view are mounted.
import { memo } from 'react';
import { AsyncButton } from './async-button.js';
import { useFeed } from './feed.js';
import { useRenderCount } from './render-probe.js';
import { SidebarRow } from './sidebar-row.js';
import { VirtualList } from './virtual-list.js';

export interface SidebarProps {
  /** Adds a workspace to the project; without it there is no "Add workspace" button. */
  onAddWorkspace?: () => Promise<unknown>;
}

/** The workspace list of the nearest feed, with a count and an "Add workspace" button. */
export function Sidebar({ onAddWorkspace }: SidebarProps) {
  useRenderCount('Sidebar');
  const ids = useFeed().useSidebarIds();
  return (
    <nav className="sidebar" aria-label="Workspaces">
      <header>
        <h2>
          Workspaces <span className="count">{ids.length}</span>
        </h2>
        {onAddWorkspace && <AsyncButton onClick={onAddWorkspace}>Add workspace</AsyncButton>}
      </header>
      <VirtualList ids={ids} estimateSize={48} renderItem={renderEntry} />
    </nav>
  );
}

const renderEntry = (workspaceId: string) => <SidebarEntry workspaceId={workspaceId} />;

const SidebarEntry = memo(function SidebarEntry({ workspaceId }: { workspaceId: string }) {
  const workspace = useFeed().useSidebarItem(workspaceId);
  return workspace ? <SidebarRow workspace={workspace} /> : null;
});

// A row of the sidebar: one workspace at a glance.
import { memo } from 'react';
import { useRenderCount } from './render-probe.js';
import type { SidebarItemView } from './views.js';
import { ActivityDot, CiBadge, GitDelta, PrBadge, WaitsFor } from './workspace-badges.js';

export interface SidebarRowProps {
  workspace: SidebarItemView;
}

/** One workspace in the sidebar: activity dot, name, CI state, PR number and state, git +/−, what it waits for. */
export const SidebarRow = memo(function SidebarRow({ workspace: w }: SidebarRowProps) {
  useRenderCount('SidebarRow');
  return (
    <div className="row" data-workspace-id={w.workspaceId} data-source={w.source ?? ''} data-version={w.version ?? ''}>
      <ActivityDot activity={w.sidebarStatus.activityState} />
      <span className="name">{w.name}</span>
      <span className="facts">
        <CiBadge ciState={w.sidebarStatus.ciState} />
        <PrBadge prNumber={w.prNumber} prState={w.prState} />
        <GitDelta gitStats={w.gitStats} />
        <WaitsFor pendingRequestType={w.pendingRequestType} />
      </span>
    </div>
  );
});

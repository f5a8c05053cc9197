// A card of the kanban board: one workspace's state and the buttons that act on it. It knows nothing of HTTP: an
// action is a callback, whose rejection (the server's reason) the card shows until the next action.
import { memo, useState } from 'react';
import { useRenderCount } from './render-probe.js';
import { CARD_ACTIONS, type CardAction, type CardView, type RunCardAction } from './views.js';
import { ActivityDot, CiBadge, GitDelta, PrBadge, WaitsFor } from './workspace-badges.js';

export interface WorkspaceCardProps {
  workspace: CardView;
  /** Runs an action on the workspace; without it the card shows no buttons. */
  onAction?: RunCardAction;
}

/** One workspace on the board: name, branch, status, PR, CI, git +/−, what it waits for, and its action buttons. */
export const WorkspaceCard = memo(function WorkspaceCard({ workspace: w, onAction }: WorkspaceCardProps) {
  useRenderCount('WorkspaceCard');
  const [running, setRunning] = useState<CardAction | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const run = (action: CardAction) => {
    if (!onAction) return;
    setRunning(action);
    setFailure(null);
    onAction(w.workspaceId, action).then(
      () => setRunning(null),
      (error: unknown) => {
        setRunning(null);
        setFailure(error instanceof Error ? error.message : String(error));
      },
    );
  };
  return (
    <article
      className="card"
      aria-label={w.name}
      data-workspace-id={w.workspaceId}
      data-status={w.status}
      data-column={w.kanbanColumn ?? ''}
      data-source={w.source ?? ''}
      data-version={w.version ?? ''}
    >
      <header>
        <ActivityDot activity={w.sidebarStatus.activityState} />
        <h3 className="name">{w.name}</h3>
        {w.status !== 'READY' && <span className="badge status">{w.status.toLowerCase()}</span>}
      </header>
      {w.branchName !== null && <p className="branch">{w.branchName}</p>}
      <p className="facts">
        <PrBadge prNumber={w.prNumber} prState={w.prState} />
        <CiBadge ciState={w.sidebarStatus.ciState} />
        <GitDelta gitStats={w.gitStats} />
        <WaitsFor pendingRequestType={w.pendingRequestType} />
      </p>
      {onAction && (
        <footer className="actions">
          {CARD_ACTIONS.map(({ action, label }) => (
            <button
              key={action}
              type="button"
              data-action={action}
              disabled={running !== null}
              aria-busy={running === action}
              onClick={() => run(action)}
            >
              {label}
            </button>
          ))}
        </footer>
      )}
      {failure !== null && (
        <p className="failure" role="alert">
          {failure}
        </p>
      )}
    </article>
  );
});

// The small facts a sidebar row and a card both show: activity, CI, the pull request, git's +/−, and what the agent
// waits for. Each renders nothing when there is nothing to say.
import type { SidebarItemView } from './views.js';

const CI_LABELS: Record<SidebarItemView['sidebarStatus']['ciState'], string | null> = {
  NONE: null,
  RUNNING: 'CI running',
  PASSING: 'CI passing',
  FAILING: 'CI failing',
  UNKNOWN: 'CI unknown',
  CONFLICT: 'conflict',
  MERGED: 'merged',
  CLOSED: 'closed',
};

const WAITS_FOR: Record<NonNullable<SidebarItemView['pendingRequestType']>, string> = {
  plan_approval: 'waits for plan approval',
  user_question: 'waits for an answer',
};

/** A dot that is green and pulsing while the workspace works (its agent or its PR's flow), grey when idle. */
export function ActivityDot({ activity }: { activity: SidebarItemView['sidebarStatus']['activityState'] }) {
  const label = activity === 'WORKING' ? 'working' : 'idle';
  return <span className="dot" data-activity={activity} role="img" aria-label={label} title={label} />;
}

/** The sidebar's CI state (DOMAIN.md's `ciState`), or nothing for `NONE`. */
export function CiBadge({ ciState }: { ciState: SidebarItemView['sidebarStatus']['ciState'] }) {
  const label = CI_LABELS[ciState];
  return label === null ? null : (
    <span className="badge ci" data-ci={ciState}>
      {label}
    </span>
  );
}

/** `#12 OPEN`, or nothing without a pull request. */
export function PrBadge({ prNumber, prState }: Pick<SidebarItemView, 'prNumber' | 'prState'>) {
  if (prNumber === null) return null;
  return (
    <span className="badge pr" data-pr-state={prState ?? 'NONE'}>
      #{prNumber} {(prState ?? 'NONE').toLowerCase().replace('_', ' ')}
    </span>
  );
}

/** `+120 −4` and a mark for uncommitted edits, or nothing before git stats are read. */
export function GitDelta({ gitStats }: Pick<SidebarItemView, 'gitStats'>) {
  if (gitStats === null) return null;
  const files = `${gitStats.total} file${gitStats.total === 1 ? '' : 's'} changed`;
  return (
    <span className="git" title={files + (gitStats.hasUncommitted ? ', uncommitted edits' : '')}>
      <span className="added">+{gitStats.additions}</span> <span className="removed">−{gitStats.deletions}</span>
      {gitStats.hasUncommitted && <span className="uncommitted"> ●</span>}
    </span>
  );
}

/** What the agent waits for from the user, or nothing. */
export function WaitsFor({ pendingRequestType }: Pick<SidebarItemView, 'pendingRequestType'>) {
  return pendingRequestType === null ? null : (
    <span className="waits" data-waits-for={pendingRequestType}>
      {WAITS_FOR[pendingRequestType]}
    </span>
  );
}

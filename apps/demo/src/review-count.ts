// The old sidebar's `reviewCount`, which no snapshot carries: the demo counts the pull requests that wait for a review.
import type { WorkspaceFacts } from '@livesnap/protocol';

/** Pull requests open or with changes requested, among the workspaces the sidebar shows (not ARCHIVED). */
export function reviewCount(workspaces: readonly Pick<WorkspaceFacts, 'status' | 'prState'>[]): number {
  return workspaces.filter(
    (w) => w.status !== 'ARCHIVED' && (w.prState === 'OPEN' || w.prState === 'CHANGES_REQUESTED'),
  ).length;
}

// Git's one-line diff summary and porcelain status as DOMAIN.md's `gitStats`.
import type { GitStats } from '@livesnap/protocol';

/**
 * `git diff --shortstat` output (" 3 files changed, 12 insertions(+), 2 deletions(-)"; either count may be missing,
 * and no change prints nothing) plus whether `git status --porcelain` listed anything.
 */
export function parseGitStats(shortstat: string, porcelain: string): GitStats {
  const count = (pattern: RegExp): number => Number(pattern.exec(shortstat)?.[1] ?? 0);
  return {
    total: count(/(\d+) files? changed/),
    additions: count(/(\d+) insertions?\(\+\)/),
    deletions: count(/(\d+) deletions?\(-\)/),
    hasUncommitted: porcelain.trim() !== '',
  };
}

// The demo's SnapshotSource: workspace facts from SQLite, git stats from the workspace's worktree. Every read here is
// counted as the push path's work.
import type { GitStats, WorkspaceFacts } from '@livesnap/protocol';
import type { SnapshotSource } from '@livesnap/server';
import type { DemoDatabase } from './database.js';
import type { StoredFacts } from './schema.js';
import type { Worktrees } from './worktrees.js';

/** Stored facts as a source answers them: `gitStats` is null here and comes from `loadGitStats`. */
export const withoutGitStats = (facts: StoredFacts): WorkspaceFacts => ({ ...facts, gitStats: null });

export function createDemoSource(db: DemoDatabase, worktrees: Worktrees): Required<SnapshotSource> {
  return {
    async loadProject(projectId) {
      if (!db.project(projectId, 'push')) return null;
      return db.workspacesOf(projectId, 'push').map(withoutGitStats);
    },
    async loadWorkspace(workspaceId) {
      const facts = db.workspace(workspaceId, 'push');
      return facts ? withoutGitStats(facts) : null;
    },
    loadGitStats(workspaceId): Promise<GitStats | null> {
      return worktrees.stats(workspaceId, 'push');
    },
  };
}

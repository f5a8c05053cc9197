// The old world, for side-by-side comparison and the benchmarks' polling rows: every request reads SQLite and runs git
// in every worktree, as the old endpoints did, and answers DOMAIN.md's legacy shapes.
import {
  deriveSnapshotFields,
  type LegacyBoardEntry,
  type LegacySidebar,
  type LegacySource,
  legacyBoard,
  legacySidebar,
} from '@livesnap/protocol';
import pLimit from 'p-limit';
import type { DemoDatabase } from './database.js';
import { notFound } from './errors.js';
import type { Metrics } from './metrics.js';
import { reviewCount } from './review-count.js';
import type { Worktrees } from './worktrees.js';

export interface PollingOptions {
  db: DemoDatabase;
  worktrees: Worktrees;
  metrics: Metrics;
  /** Git reads at once per request (the old app bounded them too). Default 3, like the service's. */
  gitConcurrency?: number;
}

export interface Polling {
  sidebar(projectId: string): Promise<LegacySidebar>;
  board(projectId: string): Promise<LegacyBoardEntry[]>;
}

export function createPolling({ db, worktrees, metrics, gitConcurrency = 3 }: PollingOptions): Polling {
  /** The project's workspaces that the lists show, each with git stats read now and the derived fields. */
  async function read(projectId: string): Promise<LegacySource[]> {
    metrics.pollRequest();
    if (!db.project(projectId, 'poll')) throw notFound(`no project ${JSON.stringify(projectId)}`);
    const shown = db.workspacesOf(projectId, 'poll').filter((w) => w.status !== 'ARCHIVED');
    const limit = pLimit(gitConcurrency);
    return Promise.all(
      shown.map(async (w) => {
        const facts = { ...w, gitStats: await limit(() => worktrees.stats(w.workspaceId, 'poll')).catch(() => null) };
        return { ...facts, ...deriveSnapshotFields(facts) };
      }),
    );
  }
  return {
    sidebar: async (projectId) => {
      const workspaces = await read(projectId);
      return legacySidebar(workspaces, reviewCount(workspaces));
    },
    board: async (projectId) => legacyBoard(await read(projectId)),
  };
}

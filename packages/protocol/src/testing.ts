// Fixtures for tests of every package: valid facts and snapshots with overridable fields.
import { buildSnapshot } from './derive.js';
import type { SnapshotMetadata, WorkspaceFacts, WorkspaceSnapshot } from './snapshot.js';

/** Valid facts of a fresh, idle workspace; `overrides` win. */
export function makeFacts(overrides: Partial<WorkspaceFacts> = {}): WorkspaceFacts {
  return {
    workspaceId: 'w1',
    projectId: 'p1',
    name: 'Workspace w1',
    status: 'READY',
    branchName: 'feature/w1',
    createdAt: '2026-11-25T10:00:00.000Z',
    prUrl: null,
    prNumber: null,
    prState: null,
    prCiStatus: null,
    isSessionWorking: false,
    hasHadSessions: false,
    pendingRequestType: null,
    ratchetEnabled: false,
    ratchetState: null,
    gitStats: null,
    runScriptStatus: null,
    lastActivityAt: null,
    ...overrides,
  };
}

/**
 * Facts of a workspace as a user sees one (an open PR with passing checks, git stats, a run script, recent activity):
 * the workspace whose bytes on the wire tests and benchmarks quote; `overrides` win.
 */
export function makeBusyFacts(overrides: Partial<WorkspaceFacts> = {}): WorkspaceFacts {
  return makeFacts({
    prUrl: 'https://github.com/acme/app/pull/7',
    prNumber: 7,
    prState: 'OPEN',
    prCiStatus: 'SUCCESS',
    hasHadSessions: true,
    gitStats: { total: 3, additions: 120, deletions: 14, hasUncommitted: true },
    runScriptStatus: 'IDLE',
    lastActivityAt: '2026-11-25T10:05:00.000Z',
    ...overrides,
  });
}

/** A snapshot of `makeFacts(overrides)` with consistent derived fields; metadata may be overridden too. */
export function makeSnapshot(
  overrides: Partial<WorkspaceFacts> = {},
  metadata: Partial<SnapshotMetadata> = {},
): WorkspaceSnapshot {
  return buildSnapshot(makeFacts(overrides), {
    version: 0,
    computedAt: '2026-11-25T10:00:00.000Z',
    source: 'initial',
    ...metadata,
  });
}

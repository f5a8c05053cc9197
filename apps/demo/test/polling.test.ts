// The old polling endpoints: DOMAIN.md's legacy shapes, computed from SQLite and git on every request, in agreement
// with what the snapshots show; and the metrics that count each path's database queries and git commands.
import { selectSidebar, selectWorkspaceList } from '@livesnap/client';
import type { WorkspaceSnapshot } from '@livesnap/protocol';
import { describe, expect, it } from 'vitest';
import type { LegacyBoardEntry, LegacySidebar } from '../src/legacy.js';
import type { MetricsReport } from '../src/metrics.js';
import { api, connect, startTestServer, untilProjectAgrees } from './helpers.js';

// DOMAIN.md, "What the old endpoints returned".
const SIDEBAR_KEYS = [
  'id',
  'name',
  'createdAt',
  'branchName',
  'prUrl',
  'prNumber',
  'prState',
  'prCiStatus',
  'isWorking',
  'gitStats',
  'lastActivityAt',
  'ratchetEnabled',
  'ratchetState',
  'sidebarStatus',
  'ratchetButtonAnimated',
  'flowPhase',
  'ciObservation',
  'runScriptStatus',
  'pendingRequestType',
];
const BOARD_KEYS = [...SIDEBAR_KEYS, 'status', 'kanbanColumn', 'isArchived'];

/** The legacy entry's fields, each equal to the snapshot's field of the same name (`id` is `workspaceId`). */
function expectSameFields(entry: Record<string, unknown>, snapshot: WorkspaceSnapshot) {
  const { id, isArchived, ...rest } = entry;
  expect(id).toBe(snapshot.workspaceId);
  if (isArchived !== undefined) expect(isArchived).toBe(false);
  for (const [key, value] of Object.entries(rest)) expect(value, key).toEqual(snapshot[key as keyof WorkspaceSnapshot]);
}

describe('the polling endpoints', () => {
  it('answer the legacy sidebar and board with the same workspaces, order and values as the snapshots', async () => {
    const server = await startTestServer({ seedWorktreesPerProject: 4 });
    await server.gitSeeded;
    const client = await connect(server, 'acme-web');
    const state = await untilProjectAgrees(client, server, 'acme-web');

    const sidebar = (await api(server, 'GET', '/api/poll/sidebar?projectId=acme-web')).body as LegacySidebar;
    expect(Object.keys(sidebar).sort()).toEqual(['reviewCount', 'workspaces']);
    const shown = selectSidebar(state);
    expect(sidebar.workspaces.map((w) => w.id)).toEqual(shown.map((s) => s.workspaceId));
    sidebar.workspaces.forEach((entry, i) => {
      expect(Object.keys(entry)).toEqual(SIDEBAR_KEYS);
      expectSameFields(entry, shown[i]!);
    });
    expect(sidebar.workspaces.some((w) => w.gitStats !== null)).toBe(true);
    expect(sidebar.reviewCount).toBe(
      shown.filter((s) => s.prState === 'OPEN' || s.prState === 'CHANGES_REQUESTED').length,
    );

    const board = (await api(server, 'GET', '/api/poll/board?projectId=acme-web')).body as LegacyBoardEntry[];
    const cards = selectWorkspaceList(state).filter((s) => s.status !== 'ARCHIVED' && s.kanbanColumn !== null);
    expect(board.map((w) => w.id)).toEqual(cards.map((s) => s.workspaceId));
    board.forEach((entry, i) => {
      expect(Object.keys(entry)).toEqual(BOARD_KEYS);
      expectSameFields(entry, cards[i]!);
    });
    expect(new Set(board.map((w) => w.kanbanColumn))).toEqual(new Set(['WORKING', 'WAITING', 'DONE']));
  });

  it("count their work and the push path's apart: per request two queries and three git commands a worktree", async () => {
    const server = await startTestServer({ seedWorktreesPerProject: 3 });
    await server.gitSeeded;
    const metrics = async () => (await api(server, 'GET', '/api/metrics')).body as MetricsReport;

    // Push: one project load reads the database twice and each worktree's stats once, then nothing more.
    await api(server, 'POST', '/api/metrics/reset');
    await connect(server, 'acme-api');
    expect(await metrics()).toMatchObject({
      pollRequests: 0,
      dbQueries: { push: 2, poll: 0 },
      gitCommands: { push: 3 * 3 },
    });

    // Poll: every request does it all again.
    await api(server, 'POST', '/api/metrics/reset');
    await api(server, 'GET', '/api/poll/sidebar?projectId=acme-api');
    await api(server, 'GET', '/api/poll/board?projectId=acme-api');
    expect(await metrics()).toMatchObject({
      pollRequests: 2,
      dbQueries: { poll: 4, push: 0 },
      gitCommands: { poll: 2 * 3 * 3, push: 0 },
    });
  });

  it('answer 404 for an unknown project and 400 without a projectId', async () => {
    const server = await startTestServer();
    expect(await api(server, 'GET', '/api/poll/board?projectId=nope')).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found', message: 'no project "nope"' } },
    });
    expect(await api(server, 'GET', '/api/poll/sidebar')).toMatchObject({
      status: 400,
      body: { error: { code: 'bad_request' } },
    });
  });
});

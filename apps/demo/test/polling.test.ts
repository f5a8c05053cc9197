// The old polling endpoints: DOMAIN.md's legacy shapes, computed from SQLite and git on every request, in agreement
// with what the snapshots show; and the metrics that count each path's database queries and git commands.
import { selectWorkspaceList } from '@livesnap/client';
import { type LegacyBoardEntry, type LegacySidebar, legacyBoard, legacySidebar } from '@livesnap/protocol';
import { describe, expect, it } from 'vitest';
import type { MetricsReport } from '../src/metrics.js';
import { reviewCount } from '../src/review-count.js';
import { api, connect, startTestServer, untilProjectAgrees } from './helpers.js';

/** Each entry's keys, in order: the old endpoints' field order is part of their shape. */
const keysOf = (entries: readonly object[]) => entries.map((entry) => Object.keys(entry));

describe('the polling endpoints', () => {
  it('answer the legacy sidebar and board with the same workspaces, order and values as the snapshots', async () => {
    const server = await startTestServer({ seedWorktreesPerProject: 4 });
    await server.gitSeeded;
    const client = await connect(server, 'acme-web');
    const state = await untilProjectAgrees(client, server, 'acme-web');

    // The snapshots the client holds, through @livesnap/protocol's one implementation of the old shapes.
    const snapshots = selectWorkspaceList(state);

    const sidebar = (await api(server, 'GET', '/api/poll/sidebar?projectId=acme-web')).body as LegacySidebar;
    const expectedSidebar = legacySidebar(snapshots, reviewCount(snapshots));
    expect(sidebar).toEqual(expectedSidebar);
    expect(keysOf(sidebar.workspaces)).toEqual(keysOf(expectedSidebar.workspaces));
    expect(sidebar.workspaces.some((w) => w.gitStats !== null)).toBe(true);
    expect(sidebar.workspaces.length).toBeLessThan(snapshots.length); // the seed archives some

    const board = (await api(server, 'GET', '/api/poll/board?projectId=acme-web')).body as LegacyBoardEntry[];
    const expectedBoard = legacyBoard(snapshots);
    expect(board).toEqual(expectedBoard);
    expect(keysOf(board)).toEqual(keysOf(expectedBoard));
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

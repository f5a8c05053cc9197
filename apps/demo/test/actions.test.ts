// The HTTP API's actions change the database (and git), and a real client connected to the real server then shows
// exactly what the source computes: every visible field, git stats included.
import { waitForState } from '@livesnap/client/testing';
import { describe, expect, it } from 'vitest';
import type { ActionName } from '../src/actions.js';
import type { StoredFacts } from '../src/schema.js';
import { api, connect, startTestServer, untilClientAgrees } from './helpers.js';

type Step = [ActionName, Partial<StoredFacts>, { requestType?: string }?];

// One workspace's life, each action with the facts it must leave in the database.
const LIFE: Step[] = [
  ['start-agent', { isSessionWorking: true, hasHadSessions: true }],
  ['edit', { isSessionWorking: true }],
  ['ask', { pendingRequestType: 'user_question', isSessionWorking: false }, { requestType: 'user_question' }],
  ['answer', { pendingRequestType: null, isSessionWorking: true }],
  ['finish-turn', { isSessionWorking: false }],
  ['ask', { pendingRequestType: 'plan_approval' }],
  ['answer', { pendingRequestType: null }],
  ['finish-turn', { isSessionWorking: false }],
  ['open-pr', { prState: 'OPEN', prCiStatus: 'PENDING', ratchetState: 'CI_RUNNING' }],
  ['fail-ci', { prCiStatus: 'FAILURE', ratchetState: 'CI_FAILED' }],
  ['ratchet-fix', { prCiStatus: 'PENDING', ratchetState: 'CI_RUNNING' }],
  ['request-changes', { prState: 'CHANGES_REQUESTED', ratchetState: 'REVIEW_PENDING' }],
  ['ratchet-fix', { prState: 'OPEN', ratchetState: 'CI_RUNNING' }],
  ['pass-ci', { prCiStatus: 'SUCCESS', ratchetState: 'READY' }],
  ['approve', { prState: 'APPROVED' }],
  ['merge', { prState: 'MERGED', ratchetState: 'MERGED' }],
  ['archive', { status: 'ARCHIVED' }],
];

describe('the HTTP API', () => {
  it('walks a workspace through its life; after each action the client shows what the source computes', async () => {
    const server = await startTestServer();
    await server.gitSeeded;
    const client = await connect(server, 'acme-web');
    const w = server.db
      .workspacesOf('acme-web', 'api')
      .find(
        (f) => f.status === 'READY' && !f.hasHadSessions && f.ratchetEnabled && !server.worktrees.has(f.workspaceId),
      )!;
    expect(w).toBeDefined();
    const id = w.workspaceId;

    for (const [action, facts, body] of LIFE) {
      const response = await api(server, 'POST', `/api/workspaces/${id}/actions/${action}`, body);
      expect(response.status, `${action}: ${JSON.stringify(response.body)}`).toBe(200);
      expect(server.db.workspace(id, 'api'), action).toMatchObject(facts);
      expect(response.body).toEqual({ ...server.db.workspace(id, 'api'), gitStats: null });
      const { snapshot } = await untilClientAgrees(client, server, id);
      expect(snapshot.source, action).toBe('event');
      if (action === 'start-agent') expect(snapshot.gitStats?.hasUncommitted, 'the agent wrote files').toBe(true);
      if (action === 'finish-turn') expect(snapshot.gitStats).toMatchObject({ hasUncommitted: false });
    }
    const archived = client.store.getState().workspaces.get(id)!;
    expect(archived).toMatchObject({ status: 'ARCHIVED', kanbanColumn: null, gitStats: null });
    expect(server.worktrees.has(id)).toBe(false);
  });

  it('adds a workspace that goes NEW, then READY with its own worktree', async () => {
    const server = await startTestServer();
    const client = await connect(server, 'acme-api');
    const response = await api(server, 'POST', '/api/projects/acme-api/workspaces', { name: 'Try the demo' });
    expect(response.status).toBe(201);
    const added = response.body as StoredFacts;
    expect(added).toMatchObject({ projectId: 'acme-api', name: 'Try the demo', status: 'NEW' });
    const ready = await waitForState(client.store, (s) => s.workspaces.get(added.workspaceId)?.status === 'READY');
    expect(ready.workspaces.get(added.workspaceId)!.gitStats).toEqual({
      total: 0,
      additions: 0,
      deletions: 0,
      hasUncommitted: false,
    });
    await untilClientAgrees(client, server, added.workspaceId);
    expect(server.worktrees.has(added.workspaceId)).toBe(true);
  });

  it('lists the projects with their workspace counts', async () => {
    const server = await startTestServer({ workspacesPerProject: 3, largeProjectWorkspaces: 5 });
    const { status, body } = await api(server, 'GET', '/api/projects');
    expect(status).toBe(200);
    expect((body as { id: string; workspaceCount: number }[]).map((p) => [p.id, p.workspaceCount])).toEqual([
      ['acme-web', 3],
      ['acme-api', 3],
      ['design-system', 3],
      ['monorepo', 5],
    ]);
  });
});

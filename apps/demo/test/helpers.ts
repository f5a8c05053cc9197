// What the demo's integration tests share: a demo server on a temp data folder and 127.0.0.1, a real client of it,
// and the snapshot the source computes for a workspace, to compare a client's with.
import { createSnapshotClient, type SnapshotClient } from '@livesnap/client';
import { waitForState } from '@livesnap/client/testing';
import { buildSnapshot, visibleFieldsEqual, type WorkspaceSnapshot } from '@livesnap/protocol';
import { onTestFinished } from 'vitest';
import { WebSocket } from 'ws';
import { type DemoServer, type DemoServerOptions, startDemoServer } from '../src/demo-server.js';
import { tempDir } from './temp-dir.js';

export const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * A small demo: 20 workspaces a project (every seeded stage once), no large project, no worktrees made at start, no
 * timer-driven simulation, reconciliation only when asked.
 */
export const SMALL_DEMO = {
  eventsPerSecond: 0,
  workspacesPerProject: 20,
  largeProjectWorkspaces: 0,
  seedWorktreesPerProject: 0,
  coalesceMs: 5,
  reconcileIntervalMs: 600_000,
  logger: quiet,
} as const satisfies Partial<DemoServerOptions>;

/** A small demo on a free port; closed after the test. */
export async function startTestServer(options: Partial<DemoServerOptions> = {}): Promise<DemoServer> {
  const server = await startDemoServer({ dataDir: await tempDir(), ...SMALL_DEMO, ...options });
  onTestFinished(() => server.close());
  return server;
}

/** A real client of `projectId`, open (its first hello applied); closed after the test. */
export async function connect(server: DemoServer, projectId: string): Promise<SnapshotClient> {
  const client = createSnapshotClient({ url: server.snapshotsUrl, projectId, WebSocket });
  onTestFinished(() => client.close());
  await waitForState(client.store, (s) => s.status === 'open');
  return client;
}

/** The snapshot of the workspace as the source computes it now (facts from SQLite, stats from git), or null. */
export async function sourceSnapshot(server: DemoServer, workspaceId: string): Promise<WorkspaceSnapshot | null> {
  const facts = await server.source.loadWorkspace(workspaceId);
  if (!facts) return null;
  const gitStats = await server.source.loadGitStats(workspaceId);
  return buildSnapshot({ ...facts, gitStats }, { version: 0, computedAt: new Date(0).toISOString(), source: 'event' });
}

/** The client's state once its snapshot of the workspace shows every visible field the source computes now. */
export async function untilClientAgrees(client: SnapshotClient, server: DemoServer, workspaceId: string) {
  const expected = await sourceSnapshot(server, workspaceId);
  if (!expected) throw new Error(`the source has no workspace ${workspaceId}`);
  const state = await waitForState(client.store, (s) => {
    const held = s.workspaces.get(workspaceId);
    return held !== undefined && visibleFieldsEqual(held, expected);
  });
  return { state, snapshot: state.workspaces.get(workspaceId)!, expected };
}

/** A JSON request to the demo's HTTP API: the status and the parsed body. */
export async function api(
  server: DemoServer,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    ...(body === undefined
      ? {}
      : {
          body: typeof body === 'string' ? body : JSON.stringify(body),
          headers: { 'content-type': 'application/json' },
        }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : JSON.parse(text) };
}

/** The client's state once it holds exactly what the source holds for the whole project. */
export async function untilProjectAgrees(client: SnapshotClient, server: DemoServer, projectId: string) {
  const facts = (await server.source.loadProject(projectId))!;
  const expected = await Promise.all(
    facts.map(async (f) =>
      buildSnapshot(
        { ...f, gitStats: await server.source.loadGitStats(f.workspaceId) },
        { version: 0, computedAt: new Date(0).toISOString(), source: 'event' },
      ),
    ),
  );
  return waitForState(
    client.store,
    (s) =>
      s.workspaces.size === expected.length &&
      expected.every((e) => s.workspaces.get(e.workspaceId) && visibleFieldsEqual(s.workspaces.get(e.workspaceId)!, e)),
  );
}

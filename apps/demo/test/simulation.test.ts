// The simulated activity: replayable from its seed, every change reaches clients (signalled ones at once, silent ones
// through reconciliation), and its rate is set through the HTTP API while it runs.
import { waitForState } from '@livesnap/client/testing';
import { describe, expect, it } from 'vitest';
import { SEED_PROJECTS } from '../src/seed.js';
import type { StepReport } from '../src/simulation.js';
import { api, connect, startTestServer, untilProjectAgrees } from './helpers.js';

describe('the simulation', () => {
  it('replays the same events and the same rows for the same seed and clock', async () => {
    const options = { seed: 5, now: () => Date.UTC(2026, 10, 25, 12) };
    const [a, b] = [await startTestServer(options), await startTestServer(options)];
    const run = async (server: typeof a) => {
      const reports: StepReport[] = [];
      for (let i = 0; i < 20; i++) reports.push(await server.simulation.step());
      return reports;
    };
    const reports = await run(a);
    expect(await run(b)).toEqual(reports);
    expect(new Set(reports.map((r) => r.event)).size).toBeGreaterThan(5);
    for (const { id } of SEED_PROJECTS) expect(a.db.workspacesOf(id, 'api')).toEqual(b.db.workspacesOf(id, 'api'));
  });

  it('keeps a client in step: after its events and one reconciliation, the client shows what the source holds', async () => {
    const server = await startTestServer({ seed: 11 });
    const client = await connect(server, 'acme-web');
    const events = new Set<string>();
    for (let i = 0; i < 40; i++) events.add((await server.simulation.step()).event);
    expect(events).toContain('silent-write');
    await server.service.flush();
    await server.service.reconcile();
    const state = await untilProjectAgrees(client, server, 'acme-web');
    // The agents' edits made worktrees along the way: git stats are part of what agrees.
    expect([...state.workspaces.values()].some((w) => w.gitStats !== null)).toBe(true);
  });

  it('runs at the rate set through the HTTP API, and pauses', async () => {
    const server = await startTestServer();
    const client = await connect(server, 'acme-web');
    expect(await api(server, 'PUT', '/api/simulation', { eventsPerSecond: 100 })).toMatchObject({
      status: 200,
      body: { eventsPerSecond: 100, paused: false },
    });
    await waitForState(client.store, (s) => (s.seq ?? 0) >= 2);
    expect(await api(server, 'PUT', '/api/simulation', { paused: true })).toMatchObject({
      status: 200,
      body: { eventsPerSecond: 100, paused: true },
    });
    expect((await api(server, 'GET', '/api/simulation')).body).toMatchObject({ paused: true });
  });
});

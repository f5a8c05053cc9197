// The silent writer changes rows and tells nobody: clients see those changes only when reconciliation finds them.
import { visibleFieldsEqual } from '@livesnap/protocol';
import { describe, expect, it } from 'vitest';
import { api, connect, sourceSnapshot, startTestServer, untilClientAgrees } from './helpers.js';

describe('a silent write', () => {
  it('reaches clients only through reconciliation, as source "reconciliation"', async () => {
    const server = await startTestServer();
    const client = await connect(server, 'acme-web');
    const [quiet, loud] = server.db.workspacesOf('acme-web', 'api').filter((w) => w.status === 'READY');
    const before = client.store.getState().workspaces.get(quiet!.workspaceId)!;

    const written = await api(server, 'POST', `/api/workspaces/${quiet!.workspaceId}/silent-write`);
    expect(written.status).toBe(200);
    expect(written.body).toEqual({ ...server.db.workspace(quiet!.workspaceId, 'api'), gitStats: null });
    const changed = (await sourceSnapshot(server, quiet!.workspaceId))!;
    expect(visibleFieldsEqual(changed, before)).toBe(false);

    // A signalled change made after the silent one arrives, and the silent one still has not.
    await api(server, 'POST', `/api/workspaces/${loud!.workspaceId}/actions/ask`);
    await untilClientAgrees(client, server, loud!.workspaceId);
    expect(client.store.getState().workspaces.get(quiet!.workspaceId)).toBe(before);

    const reconciled = await api(server, 'POST', '/api/reconcile');
    expect(reconciled).toMatchObject({ status: 200, body: { reconciled: true } });
    const { snapshot } = await untilClientAgrees(client, server, quiet!.workspaceId);
    expect(snapshot.source).toBe('reconciliation');
  });

  it('made by the simulation shows after the periodic reconciliation, with no call', async () => {
    const server = await startTestServer({ silentShare: 1, reconcileIntervalMs: 50 });
    const client = await connect(server, 'design-system');
    let report = await server.simulation.step();
    while (report.projectId !== 'design-system' || report.event !== 'silent-write') {
      report = await server.simulation.step();
    }
    const { snapshot } = await untilClientAgrees(client, server, report.workspaceId!);
    expect(snapshot.source).toBe('reconciliation');
    expect(server.simulation.state.silentWrites).toBeGreaterThan(0);
  });
});

// End to end across the packages: the example server, a real client over a real socket on 127.0.0.1.
import { createSnapshotClient, selectWorkspaceList } from '@livesnap/client';
import { waitForState } from '@livesnap/client/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type ExampleServer, startExampleServer } from '../src/server.js';

let server: ExampleServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the example', () => {
  it('serves its seeded workspaces and pushes a signalled change, a new workspace and a removal', async () => {
    server = await startExampleServer({ port: 0, workspacesPerProject: 3, eventsPerSecond: 0 });
    const client = createSnapshotClient({ url: server.url, projectId: 'demo', WebSocket });
    try {
      const hello = await waitForState(client.store, (s) => s.status === 'open');
      const seeded = selectWorkspaceList(hello);
      expect(seeded.map((w) => w.status)).toEqual(['READY', 'READY', 'READY']);

      const [first, second] = server.source.list('demo');
      server.source.put({ ...first!, isSessionWorking: true, hasHadSessions: true });
      server.invalidate(first!.workspaceId);
      const working = await waitForState(client.store, (s) => s.workspaces.get(first!.workspaceId)?.isWorking === true);
      expect(working.workspaces.get(first!.workspaceId)).toMatchObject({ kanbanColumn: 'WORKING', source: 'event' });

      server.source.delete(second!.workspaceId);
      server.invalidate(second!.workspaceId);
      const removed = await waitForState(client.store, (s) => !s.workspaces.has(second!.workspaceId));
      expect(removed.workspaces.size).toBe(2);
      expect(removed.seq).toBe(2);
    } finally {
      client.close();
    }
  });

  it('shows a project that does not exist as a terminal 4404', async () => {
    server = await startExampleServer({ port: 0, eventsPerSecond: 0 });
    const client = createSnapshotClient({ url: server.url, projectId: 'nope', WebSocket });
    try {
      const closed = await waitForState(client.store, (s) => s.status === 'closed');
      expect(closed.error?.code).toBe(4404);
    } finally {
      client.close();
    }
  });
});

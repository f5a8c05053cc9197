// Hydration: what the server rendered is what the browser's first render produces, so React adopts the HTML without
// a mismatch; the provider connects afterwards, in its effect.
import type { SnapshotClient } from '@livesnap/client';
import { MockSnapshotServer, waitForState } from '@livesnap/client/testing';
import { act } from '@testing-library/react';
import { hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { SnapshotProvider, useSidebarWorkspaces, useSnapshotClient, useSnapshotStatus } from '../src/index.js';
import { card } from './support.js';

let client: SnapshotClient | undefined;

function Sidebar() {
  client = useSnapshotClient();
  const { status, isStale } = useSnapshotStatus();
  const workspaces = useSidebarWorkspaces();
  return (
    <aside data-status={status} data-stale={String(isStale)}>
      <ul>
        {workspaces.map((w) => (
          <li key={w.workspaceId}>{w.name}</li>
        ))}
      </ul>
    </aside>
  );
}

describe('hydration', () => {
  it('adopts the server-rendered HTML without a mismatch, then connects and shows the workspaces', async () => {
    const server = new MockSnapshotServer({ workspaces: [card('w1', 'WAITING', 1), card('w2', 'WORKING', 2)] });
    const app = (
      <SnapshotProvider url="ws://mock.test/snapshots" projectId="p1" WebSocket={server.WebSocket}>
        <Sidebar />
      </SnapshotProvider>
    );
    const html = renderToString(app);
    expect(html).toBe('<aside data-status="closed" data-stale="false"><ul></ul></aside>');
    const container = document.createElement('div');
    container.innerHTML = html;
    document.body.append(container);
    const serverAside = container.firstElementChild;

    const warnings = vi.spyOn(console, 'error');
    const recoverable: unknown[] = [];
    let root: Root | undefined;
    act(() => {
      root = hydrateRoot(container, app, { onRecoverableError: (e) => recoverable.push(e) });
    });
    // Hydrated and connecting: the client the browser's provider made is the last one rendered.
    expect(client!.store.getState().status).toBe('connecting');
    await act(() => waitForState(client!.store, (state) => state.status === 'open'));
    expect(warnings).not.toHaveBeenCalled();
    expect(recoverable).toEqual([]);
    // The very element the server rendered, now live.
    expect(container.firstElementChild).toBe(serverAside);
    expect(container.querySelector('aside')?.dataset.status).toBe('open');
    expect([...container.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Workspace w2', 'Workspace w1']);
    warnings.mockRestore();
    act(() => root?.unmount());
    container.remove();
    await server.waitFor((event) => event.type === 'close');
    expect(server.openConnections).toHaveLength(0);
  });
});

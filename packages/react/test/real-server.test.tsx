// The hooks against the real @livesnap/server (in-process, on 127.0.0.1 and an ephemeral port, over `ws`): what a
// provider that owns its client renders converges to the server's source through changes, a removal and a restart.
import { type SnapshotClient, type SnapshotClientState, selectWorkspaceList } from '@livesnap/client';
import { waitForState } from '@livesnap/client/testing';
import { act, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { RealSnapshotServer } from '../../client/test/real-server.js';
import { SnapshotProvider, useSidebarWorkspaces, useSnapshotClient } from '../src/index.js';
import { card, Probe } from './support.js';

let server: RealSnapshotServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function Sidebar() {
  return (
    <ul>
      {useSidebarWorkspaces().map((w) => (
        <li key={w.workspaceId}>{w.name}</li>
      ))}
    </ul>
  );
}

/** The client holds exactly the source's workspaces, by id and name. */
function holdsSource(state: SnapshotClientState, source: RealSnapshotServer): boolean {
  const held = selectWorkspaceList(state).map((w) => `${w.workspaceId}:${w.name}`);
  const expected = [...source.workspaces.values()].map((w) => `${w.workspaceId}:${w.name}`);
  return state.status === 'open' && held.length === expected.length && expected.every((entry) => held.includes(entry));
}

describe('the hooks with the real server', () => {
  it('render what the source holds through changes, a removal and a service restart', async () => {
    const source = await RealSnapshotServer.start('p1', [card('w1', 'WAITING', 1, { projectId: 'p1' })]);
    server = source;
    let client: SnapshotClient | undefined;
    const view = render(
      <SnapshotProvider url={source.url} projectId="p1" WebSocket={WebSocket}>
        <Probe read={useSnapshotClient} onRender={(value) => (client = value)} />
        <Sidebar />
      </SnapshotProvider>,
    );
    const converge = () => act(() => waitForState(client!.store, (state) => holdsSource(state, source)).then(() => {}));
    const shown = () => [...view.container.querySelectorAll('li')].map((li) => li.textContent);

    await converge();
    expect(shown()).toEqual(['Workspace w1']);

    source.put(card('w2', 'WORKING', 2, { projectId: 'p1' }));
    source.put(card('w1', 'WAITING', 1, { projectId: 'p1', name: 'renamed' }));
    await converge();
    expect(shown()).toEqual(['Workspace w2', 'renamed']);

    source.delete('w1');
    source.put(card('w3', 'DONE', 3, { projectId: 'p1', status: 'ARCHIVED' }));
    await converge();
    expect(shown()).toEqual(['Workspace w2']);

    const epoch = client!.store.getState().epoch;
    await source.restartService();
    source.put(card('w4', 'WAITING', 4, { projectId: 'p1' }));
    await act(() => waitForState(client!.store, (state) => state.epoch !== epoch && holdsSource(state, source)));
    expect(shown()).toEqual(['Workspace w4', 'Workspace w2']);
    view.unmount();
  });
});

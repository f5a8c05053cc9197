// SnapshotProvider's lifecycle: the client it owns under StrictMode, on unmount, on a new project and a new token; a
// client it is given; several providers side by side and nested; a hook outside any provider.
import { MockSnapshotServer, waitForState } from '@livesnap/client/testing';
import { act, render } from '@testing-library/react';
import { Profiler, StrictMode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type SnapshotClient,
  SnapshotProvider,
  useSidebarWorkspaces,
  useSnapshotClient,
  useSnapshotStatus,
  useWorkspaceSnapshot,
} from '../src/index.js';
import { card, clientOf, deliver, Probe } from './support.js';

afterEach(() => {
  vi.useRealTimers();
});

/** Lets the mock's deliveries and the client's 0 ms timers run, on fake time, inside act(). */
const settle = () => act(() => vi.advanceTimersByTimeAsync(0));

function Name() {
  return <span>{useWorkspaceSnapshot('w1')?.name}</span>;
}

function Names() {
  const names = useSidebarWorkspaces().map((w) => w.name);
  const { status, error } = useSnapshotStatus();
  return (
    <p>
      {status} {error?.code} {names.join(', ')}
    </p>
  );
}

describe('a provider that owns its client', () => {
  it("under StrictMode's double effects makes one socket, never shows stale data, and leaves no socket or timer after unmount", async () => {
    vi.useFakeTimers();
    const server = new MockSnapshotServer({ workspaces: [card('w1', 'WAITING', 1)] });
    const stale: boolean[] = [];
    const view = render(
      <StrictMode>
        <SnapshotProvider url="ws://mock.test/snapshots" projectId="p1" WebSocket={server.WebSocket}>
          <Names />
          <Probe read={useSnapshotStatus} onRender={(status) => stale.push(status.isStale)} />
        </SnapshotProvider>
      </StrictMode>,
    );
    await settle();
    // One attempt, one socket: the double effects did not close and reopen, nor show the data as stale meanwhile.
    expect(server.connections).toHaveLength(1);
    expect(stale.filter(Boolean)).toEqual([]);
    expect(view.container.textContent).toBe('open  Workspace w1');
    expect(server.openConnections).toHaveLength(1);
    // Another minute of heartbeats: still the one socket.
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(server.openConnections).toHaveLength(1);

    view.unmount();
    await settle();
    expect(server.openConnections).toHaveLength(0);
    expect(server.connections.every((c) => c.closeCode === 1000)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('connects only once mounted, reads the latest token and onError, and makes a new client for a new projectId', async () => {
    vi.useFakeTimers();
    const server = new MockSnapshotServer({ workspaces: [card('w1', 'WAITING', 1)] });
    const clients: SnapshotClient[] = [];
    const errors: (number | string)[] = [];
    const children = (
      <>
        <Probe read={useSnapshotClient} onRender={(client) => clients.push(client)} />
        <Names />
      </>
    );
    const props = { url: 'ws://mock.test/snapshots', WebSocket: server.WebSocket, reconnect: { minDelayMs: 0 } };
    const view = render(
      <SnapshotProvider {...props} projectId="p1" token={() => 'first'}>
        {children}
      </SnapshotProvider>,
    );
    await settle();
    expect(server.connections.map((c) => c.params.token)).toEqual(['first']);

    // A new token function is read at the next connection, by the same client.
    view.rerender(
      <SnapshotProvider {...props} projectId="p1" token={() => 'second'}>
        {children}
      </SnapshotProvider>,
    );
    server.drop(1001);
    await settle();
    expect(server.connections.map((c) => c.params.token)).toEqual(['first', 'second']);
    expect(new Set(clients).size).toBe(1);
    expect(view.container.textContent).toBe('open  Workspace w1');

    // Another project: another client, which holds nothing of the first one's (this server has no p2: 4404).
    view.rerender(
      <SnapshotProvider {...props} projectId="p2" token={() => 'second'} onError={(error) => errors.push(error.code)}>
        {children}
      </SnapshotProvider>,
    );
    await settle();
    expect(new Set(clients).size).toBe(2);
    expect(server.connections.map((c) => [c.params.projectId, c.closeCode])).toEqual([
      ['p1', 1001],
      ['p1', 1000],
      ['p2', 4404],
    ]);
    expect(view.container.textContent).toBe('closed 4404 ');
    expect(errors).toEqual([4404]);
    view.unmount();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('a provider given a client', () => {
  it('neither connects nor closes it', async () => {
    const server = new MockSnapshotServer({ workspaces: [card('w1', 'WAITING', 1)] });
    const client = clientOf(server, { startClosed: true });
    const view = render(
      <SnapshotProvider client={client}>
        <Names />
      </SnapshotProvider>,
    );
    expect(client.store.getState().status).toBe('closed');
    await deliver(
      client,
      () => client.connect(),
      (s) => s.status === 'open',
    );
    view.unmount();
    expect(client.store.getState().status).toBe('open');
    client.close();
  });
});

describe('several providers', () => {
  it('side by side: each subtree shows its own project, and a change in one renders nothing in the other', async () => {
    const one = new MockSnapshotServer({
      projectId: 'p1',
      workspaces: [card('w1', 'WAITING', 1, { projectId: 'p1' })],
    });
    const two = new MockSnapshotServer({
      projectId: 'p2',
      workspaces: [card('w1', 'WAITING', 1, { projectId: 'p2', name: 'other' })],
    });
    const [clientOne, clientTwo] = [clientOf(one), clientOf(two)];
    await Promise.all([clientOne, clientTwo].map((c) => waitForState(c.store, (s) => s.status === 'open')));
    const renders: string[] = [];
    const view = render(
      <>
        <Profiler id="p1" onRender={(id) => renders.push(id)}>
          <SnapshotProvider client={clientOne}>
            <Name />
          </SnapshotProvider>
        </Profiler>
        <Profiler id="p2" onRender={(id) => renders.push(id)}>
          <SnapshotProvider client={clientTwo}>
            <Name />
          </SnapshotProvider>
        </Profiler>
      </>,
    );
    expect(view.container.textContent).toBe('Workspace w1other');
    renders.length = 0;
    await deliver(
      clientOne,
      () => one.upsert(card('w1', 'WAITING', 1, { projectId: 'p1', name: 'changed' })),
      (s) => s.seq === 1,
    );
    expect(view.container.textContent).toBe('changedother');
    expect(renders).toEqual(['p1']);
    clientOne.close();
    clientTwo.close();
  });

  it('nested: the nearest provider wins', async () => {
    const outer = new MockSnapshotServer({ workspaces: [card('w1', 'WAITING', 1, { name: 'outer' })] });
    const inner = new MockSnapshotServer({ workspaces: [card('w1', 'WAITING', 1, { name: 'inner' })] });
    const [outerClient, innerClient] = [clientOf(outer), clientOf(inner)];
    await Promise.all([outerClient, innerClient].map((c) => waitForState(c.store, (s) => s.status === 'open')));
    const view = render(
      <SnapshotProvider client={outerClient}>
        <Name />
        <SnapshotProvider client={innerClient}>
          <Name />
        </SnapshotProvider>
      </SnapshotProvider>,
    );
    expect(view.container.textContent).toBe('outerinner');
    outerClient.close();
    innerClient.close();
  });
});

describe('a hook outside any provider', () => {
  it('throws an error that names the hook and SnapshotProvider', () => {
    // React reports the render error to the console as well; the test only needs the thrown error.
    const report = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(() => render(<Names />)).toThrow(/useSidebarWorkspaces\(\) must be called inside a <SnapshotProvider>/);
    } finally {
      report.mockRestore();
    }
  });
});

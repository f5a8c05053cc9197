// useSuspenseProjectSnapshots: the fallback for the first load only, never again (a reconnect, a resync, a new
// epoch); a client that stops before its first hello sends a SnapshotLoadError to the error boundary.
import type { SnapshotClient } from '@livesnap/client';
import { MockSnapshotServer } from '@livesnap/client/testing';
import { act, render } from '@testing-library/react';
import { Component, type ReactNode, Suspense } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { SnapshotLoadError, SnapshotProvider, useSnapshotClient, useSuspenseProjectSnapshots } from '../src/index.js';
import { card, deliver, Probe } from './support.js';

class Boundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state = { error: null as unknown };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override render() {
    return this.state.error === null ? this.props.children : <p>failed</p>;
  }
}

let client: SnapshotClient | undefined;

function Names() {
  client = useSnapshotClient();
  return (
    <p>
      {useSuspenseProjectSnapshots()
        .map((w) => w.name)
        .join(', ')}
    </p>
  );
}

/** The app under test: a provider that owns its client, the boundary and the Suspense inside it. */
function renderApp(server: MockSnapshotServer, token?: string) {
  let fallbacks = 0;
  let boundary: Boundary | null = null;
  const view = render(
    <SnapshotProvider
      url="ws://mock.test/snapshots"
      projectId="p1"
      token={token}
      WebSocket={server.WebSocket}
      reconnect={{ minDelayMs: 0 }}
    >
      <Boundary
        ref={(b) => {
          boundary = b;
        }}
      >
        <Suspense
          fallback={
            <>
              <p>loading</p>
              <Probe read={() => null} onRender={() => fallbacks++} />
            </>
          }
        >
          <ProvidesClient />
          <Names />
        </Suspense>
      </Boundary>
    </SnapshotProvider>,
  );
  return { view, fallbacks: () => fallbacks, error: () => boundary?.state.error };
}

/** Renders nothing; exposes the provider's client to the test even while Names is suspended. */
function ProvidesClient() {
  client = useSnapshotClient();
  return null;
}

describe('useSuspenseProjectSnapshots', () => {
  it('suspends until the first hello, then never again through a reconnect, a resync and a new epoch', async () => {
    const server = new MockSnapshotServer({ workspaces: [card('w1', 'WAITING', 1)] });
    server.withholdHello();
    const connected = server.nextConnection();
    const app = renderApp(server);
    await act(() => connected);
    expect(app.view.container.textContent).toBe('loading');

    await deliver(
      client!,
      () => server.sendHello(),
      (s) => s.status === 'open',
    );
    expect(app.view.container.textContent).toBe('Workspace w1');
    server.withholdHello(false);

    // a reconnect that resumes
    await deliver(
      client!,
      () => server.drop(1006),
      (s) => s.status === 'open' && s.stats.resumed === 1,
    );
    // a gap healed by a resync
    server.loseNext(1);
    await deliver(
      client!,
      () => {
        server.upsert(card('w2', 'WAITING', 2));
        server.upsert(card('w3', 'WAITING', 3));
      },
      (s) => s.stats.resyncs === 1 && s.seq === 2,
    );
    // a new epoch, with a reconnect
    await deliver(
      client!,
      () => server.restart(),
      (s) => s.status === 'open' && s.epoch === 'epoch-2',
    );

    expect(app.view.container.textContent).toBe('Workspace w3, Workspace w2, Workspace w1');
    expect(app.fallbacks()).toBe(1);
  });

  it.each([
    ['4404, no such project', 4404, (server: MockSnapshotServer) => server.refuse(4404)],
    ['4403, forbidden', 4403, (server: MockSnapshotServer) => server.refuse(4403)],
    ['4401 three times', 4401, (server: MockSnapshotServer) => server.refuse(4401)],
  ])(
    'throws a SnapshotLoadError to the error boundary when the client stops before its first hello: %s',
    async (_, code, refuse) => {
      const report = vi.spyOn(console, 'error').mockImplementation(() => {});
      try {
        const server = new MockSnapshotServer({ workspaces: [card('w1', 'WAITING', 1)] });
        refuse(server);
        const app = renderApp(server, 'token');
        await deliver(
          client!,
          () => {},
          (s) => s.status === 'closed' && s.error !== null,
        );
        expect(app.view.container.textContent).toBe('failed');
        expect(app.error()).toBeInstanceOf(SnapshotLoadError);
        expect(app.error()).toMatchObject({ code, name: 'SnapshotLoadError' });
        expect((app.error() as Error).message).toMatch(
          new RegExp(`^the project's snapshots did not load: .*\\(${code}\\)`),
        );
        expect(server.connections.map((c) => c.closeCode)).toEqual(code === 4401 ? [4401, 4401, 4401] : [code]);
      } finally {
        report.mockRestore();
      }
    },
  );
});

// A provider that persists (`persist`): a reload renders the saved snapshots before the hello, and
// useSuspenseProjectSnapshots waits for the storage only, not for the server.
import type { SnapshotClient } from '@livesnap/client';
import { persistence } from '@livesnap/client/persist';
import { createMemoryStorage, type MemoryStorage, MockSnapshotServer, waitForState } from '@livesnap/client/testing';
import { act, render } from '@testing-library/react';
import { Suspense } from 'react';
import { describe, expect, it } from 'vitest';
import { SnapshotProvider, useSnapshotClient, useSuspenseProjectSnapshots } from '../src/index.js';
import { card, deliver } from './support.js';

let client: SnapshotClient | undefined;

function Names() {
  return (
    <p>
      {useSuspenseProjectSnapshots()
        .map((w) => w.name)
        .join(', ')}
    </p>
  );
}

function ProvidesClient() {
  client = useSnapshotClient();
  return null;
}

let fallbacks = 0;

function Fallback() {
  fallbacks++;
  return <p>loading</p>;
}

/** A page: a provider that owns its client and persists into `storage` under `namespace`. */
function page(server: MockSnapshotServer, storage: MemoryStorage, namespace = 'user-1') {
  fallbacks = 0;
  const view = render(
    <SnapshotProvider
      url="ws://mock.test/snapshots"
      projectId="p1"
      WebSocket={server.WebSocket}
      persist={persistence({ storage, namespace })}
    >
      <ProvidesClient />
      <Suspense fallback={<Fallback />}>
        <Names />
      </Suspense>
    </SnapshotProvider>,
  );
  return { view, fallbacks: () => fallbacks };
}

/** Resolves when `storage` has saved something. */
function nextSave(storage: MemoryStorage): Promise<void> {
  const save = storage.save;
  return new Promise((resolve) => {
    storage.save = async (key, value) => {
      await save(key, value);
      storage.save = save;
      resolve();
    };
  });
}

describe('a provider with persist', () => {
  it('renders the saved snapshots before the hello (suspending only for the storage), then the server’s', async () => {
    const server = new MockSnapshotServer({ workspaces: [card('w1', 'WAITING', 1)] });
    const storage = createMemoryStorage();
    const saved = nextSave(storage);
    const first = page(server, storage);
    await act(() => saved);
    first.view.unmount();

    server.upsert(card('w2', 'WAITING', 2));
    server.withholdHello();
    const connected = server.nextConnection();
    const reload = page(server, storage);
    await deliver(
      client!,
      () => {},
      (s) => s.origin === 'persisted',
    );
    expect(client!.store.getState()).toMatchObject({ status: 'connecting', isStale: true });
    expect(reload.view.container.textContent).toBe('Workspace w1');
    expect(reload.fallbacks()).toBe(1);

    await act(() => connected);
    await deliver(
      client!,
      () => server.sendHello(),
      (s) => s.status === 'open',
    );
    expect(reload.view.container.textContent).toBe('Workspace w2, Workspace w1');
    expect(client!.store.getState()).toMatchObject({ origin: 'hello', isStale: false });
    reload.view.unmount();
  });

  it('makes a new client for another namespace (another user), which never shows the first user’s data', async () => {
    const server = new MockSnapshotServer({ workspaces: [card('w1', 'WAITING', 1)] });
    const storage = createMemoryStorage();
    const view = page(server, storage, 'user-1').view;
    await deliver(
      client!,
      () => {},
      (s) => s.status === 'open',
    );
    const firstClient = client!;
    view.rerender(
      <SnapshotProvider
        url="ws://mock.test/snapshots"
        projectId="p1"
        WebSocket={server.WebSocket}
        persist={persistence({ storage, namespace: 'user-2' })}
      >
        <ProvidesClient />
      </SnapshotProvider>,
    );
    expect(client).not.toBe(firstClient);
    await act(() => waitForState(client!.store, (s) => s.status === 'open'));
    expect(client!.store.getState().origin).toBe('hello');
    expect(storage.calls).toContain('load livesnap/user-2/p1');
    view.unmount();
  });
});

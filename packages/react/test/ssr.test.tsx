// @vitest-environment node
// Server-side rendering where there is no window and no socket: the provider makes a closed client, renders the
// empty state, and opens nothing (it connects only in an effect, which the server never runs); the bridge's interval
// starts no timer there.
import { createSnapshotClient } from '@livesnap/client';
import { MockSnapshotServer } from '@livesnap/client/testing';
import { Suspense } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import {
  SnapshotProvider,
  useSnapshotStatus,
  useSuspenseProjectSnapshots,
  useWorkspaceSnapshot,
} from '../src/index.js';
import { livePollingInterval } from '../src/query/index.js';
import { card } from './support.js';

function Status() {
  const { status, isStale } = useSnapshotStatus();
  const workspace = useWorkspaceSnapshot('w1');
  return <p>{`${status} ${isStale} ${workspace?.name ?? 'none'}`}</p>;
}

function List() {
  return (
    <ul>
      {useSuspenseProjectSnapshots().map((w) => (
        <li key={w.workspaceId}>{w.name}</li>
      ))}
    </ul>
  );
}

describe('server-side rendering', () => {
  it('renders the empty state with a relative URL, opens no socket, and shows the Suspense fallback', async () => {
    expect(typeof window).toBe('undefined');
    const server = new MockSnapshotServer({ workspaces: [card('w1', 'WAITING', 1)] });
    const html = renderToString(
      <SnapshotProvider url="/snapshots" projectId="p1" WebSocket={server.WebSocket}>
        <Status />
        <Suspense fallback={<i>loading</i>}>
          <List />
        </Suspense>
      </SnapshotProvider>,
    );
    expect(html).toContain('<p>closed false none</p>');
    expect(html).toContain('<i>loading</i>');
    await Promise.resolve();
    expect(server.connections).toHaveLength(0);
  });

  it('renders without a WebSocket option, whatever the platform has', () => {
    const html = renderToString(
      <SnapshotProvider url="wss://app.example/snapshots" projectId="p1">
        <Status />
      </SnapshotProvider>,
    );
    expect(html).toBe('<p>closed false none</p>');
  });
});

describe('livePollingInterval on the server', () => {
  it('leaves no timer behind: there is no interval to start where there is no window', () => {
    vi.useFakeTimers();
    try {
      const client = createSnapshotClient({ url: 'wss://app.example/snapshots', projectId: 'p1', startClosed: true });
      expect(livePollingInterval(client, 2000)({ observers: [] })).toBe(false);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

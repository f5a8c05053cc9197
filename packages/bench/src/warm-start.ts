// The warm-start rows of `pnpm bench`: a page reload of a large project some time after leaving it, with `persist`
// (the saved state shown at once, then a resumed hello with the missed changes) against a cold load (a full hello).
// In Node: the real server on 127.0.0.1, the client with `ws` and the memory storage (a browser's IndexedDB read adds
// its own time, which the demo's browser test shows). Time is wall time from creating the client, in this process.
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { createSnapshotClient, type SnapshotClient, type SnapshotClientState, selectSidebar } from '@livesnap/client';
import { persistence, persistKey } from '@livesnap/client/persist';
import { createMemoryStorage, type MemoryStorage } from '@livesnap/client/testing';
import { attachSnapshotEndpoint, createSnapshotService, type SnapshotSource } from '@livesnap/server';
import { WebSocket } from 'ws';
import { listen, quiet, workspaceFacts } from './livesnap-server.js';
import type { BenchGroup, BenchOptions, Row } from './row.js';
import { median } from './stats.js';

/** The changes made while the page was away: 10 s at one change a second. */
const MISSED_CHANGES = 10;

async function startServer(count: number) {
  const held = new Map(workspaceFacts(count).map((f) => [f.workspaceId, f] as const));
  const source: SnapshotSource = {
    loadProject: async (projectId) => (projectId === 'p1' ? [...held.values()] : null),
    loadWorkspace: async (workspaceId) => held.get(workspaceId) ?? null,
  };
  const service = createSnapshotService({ source, logger: quiet, coalesceMs: 0 });
  const http = createServer();
  const endpoint = attachSnapshotEndpoint(http, service, { logger: quiet });
  const url = `${await listen(http)}/snapshots`;
  let changes = 0;
  return {
    url,
    /** An agent starts or ends a turn in one workspace, committed on its own. */
    async change() {
      const f = held.get(`w${changes++ % count}`)!;
      held.set(f.workspaceId, { ...f, isSessionWorking: !f.isSessionWorking });
      service.invalidate(f.workspaceId);
      await service.flush();
    },
    async close() {
      await endpoint.close();
      await service.stop();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

interface PageLoad {
  /** Wall ms from creating the client to the first state with a sidebar to show. */
  readonly sidebarMs: number;
  /** Wall ms to the hello (the client `open`). */
  readonly openMs: number;
  /** Bytes of the frames received until then. */
  readonly bytes: number;
  readonly origin: SnapshotClientState['origin'];
  readonly client: SnapshotClient;
}

/** A page load: a client made now, until it is open and its sidebar shows; then the changes that follow settle. */
async function loadPage(url: string, storage: MemoryStorage | null): Promise<PageLoad> {
  const started = performance.now();
  const client = createSnapshotClient({
    url,
    projectId: 'p1',
    WebSocket,
    persist: storage === null ? undefined : persistence({ storage, namespace: 'bench-user' }),
  });
  let bytes = 0;
  client.inspect((event) => {
    if (event.type === 'frame-in') bytes += event.bytes;
  });
  let sidebarMs: number | null = null;
  let origin: SnapshotClientState['origin'] = null;
  return new Promise((resolve) => {
    const check = (state: SnapshotClientState) => {
      if (sidebarMs === null && selectSidebar(state).length > 0) {
        sidebarMs = performance.now() - started;
        origin = state.origin;
      }
      if (state.status !== 'open') return;
      unsubscribe();
      const openMs = performance.now() - started;
      // The missed frames follow a resumed hello at once: let them arrive before counting the bytes.
      setTimeout(() => resolve({ sidebarMs: sidebarMs!, openMs, bytes, origin, client }), 50);
    };
    const unsubscribe = client.store.subscribe(check);
  });
}

/** Leaves the page: close() saves what is not saved yet; awaited so that the next load finds the state saved. */
async function leave(client: SnapshotClient, storage: MemoryStorage): Promise<void> {
  client.close();
  const key = persistKey('bench-user', 'p1');
  const seq = client.store.getState().seq;
  while ((JSON.parse((storage.entries.get(key) as string | undefined) ?? '{}') as { seq?: number }).seq !== seq) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function warmStartRows(options: BenchOptions): Promise<Row[]> {
  const count = options.quick ? 500 : 5000;
  const server = await startServer(count);
  const cold: PageLoad[] = [];
  const warm: PageLoad[] = [];
  try {
    // Round 0 warms up and is not counted.
    for (let repeat = 0; repeat <= options.repeats; repeat++) {
      const storage = createMemoryStorage();
      const first = await loadPage(server.url, storage);
      await leave(first.client, storage);
      for (let i = 0; i < MISSED_CHANGES; i++) await server.change();
      const reload = await loadPage(server.url, storage);
      reload.client.close();
      const coldLoad = await loadPage(server.url, null);
      coldLoad.client.close();
      if (reload.origin !== 'persisted') throw new Error(`the warm reload showed ${reload.origin} data first`);
      if (repeat === 0) continue;
      cold.push(coldLoad);
      warm.push(reload);
    }
  } finally {
    await server.close();
  }
  const what = `a reload of a ${count}-workspace project 10 s after leaving it (${MISSED_CHANGES} changes missed)`;
  const med = (loads: PageLoad[], key: 'sidebarMs' | 'openMs' | 'bytes') => median(loads.map((l) => l[key]));
  return [
    {
      name: `bytes received by ${what}, warm (persist: a resumed hello and the missed frames)`,
      livesnap: med(warm, 'bytes'),
      baselineName: 'cold (a full hello)',
      baseline: med(cold, 'bytes'),
      unit: 'B',
    },
    {
      name: `time to a usable sidebar in ${what}, warm (the saved state read, checked and shown before the socket opens)`,
      livesnap: med(warm, 'sidebarMs'),
      baselineName: 'cold (after the full hello)',
      baseline: med(cold, 'sidebarMs'),
      unit: 'ms',
    },
    {
      name: `time to the server's state (open, caught up) in ${what}, warm`,
      livesnap: med(warm, 'openMs'),
      baselineName: 'cold',
      baseline: med(cold, 'openMs'),
      unit: 'ms',
    },
  ];
}

export const warmStartGroup: BenchGroup = {
  id: 'warm-start',
  title: 'Warm start: a reload from the persisted state against a cold load',
  measures:
    'A reload of a large project 10 s after leaving it (modelled as 10 missed one-fact changes), in Node with the ' +
    'memory storage and the real server: with `persist` (the saved state shown at once, then a resumed hello and ' +
    'the missed frames) against a cold load (a full hello); bytes received and wall time to a usable sidebar and to ' +
    "the server's state. A browser's IndexedDB read adds its own time (the demo's browser test reports it).",
  run: async (options) => ({ rows: await warmStartRows(options) }),
};

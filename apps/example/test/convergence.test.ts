// The real server and real clients together, over real sockets: random changes (signalled or written behind the
// service's back), endpoint restarts (clients resume) and service restarts (a new epoch), with clients of protocol
// version 2 (patches) and of version 1 (whole upserts) side by side. Once changes stop, every client holds exactly what
// the source holds.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSnapshotClient, type SnapshotClient, type SnapshotClientState } from '@livesnap/client';
import { waitForState } from '@livesnap/client/testing';
import { buildSnapshot, visibleFieldsEqual } from '@livesnap/protocol';
import {
  attachSnapshotEndpoint,
  createSnapshotService,
  type SnapshotEndpoint,
  type SnapshotService,
} from '@livesnap/server';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { MemorySource } from '../src/memory-source.js';
import { newWorkspace, simulateStep } from '../src/simulation.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** A small deterministic PRNG (mulberry32), so that a failing seed can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Stack {
  http: Server;
  service: SnapshotService;
  endpoint: SnapshotEndpoint;
}

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

/**
 * `ws`'s WebSocket asking for protocol `version` (the client asks for 2; a socket of this class asks for 1 instead, as a
 * client of the release before version 2 would), recording the type of every stream message it receives.
 */
function versionedWebSocket(version: 1 | 2, received: Set<string>) {
  return class extends WebSocket {
    constructor(address: string | URL) {
      const url = new URL(String(address));
      url.searchParams.set('protocol', String(version));
      super(url);
      this.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { type: string; messages?: { type: string }[] };
        for (const message of frame.messages ?? [frame]) received.add(message.type);
      });
    }
  };
}

function agrees(state: SnapshotClientState, source: MemorySource): boolean {
  const expected = source.list('demo');
  if (state.status !== 'open' || state.workspaces.size !== expected.length) return false;
  return expected.every((facts) => {
    const held = state.workspaces.get(facts.workspaceId);
    const want = buildSnapshot(facts, { version: 0, computedAt: new Date(0).toISOString(), source: 'initial' });
    return held !== undefined && visibleFieldsEqual(held, want);
  });
}

describe('server and clients together', () => {
  it.each(Array.from({ length: 20 }, (_, i) => i + 1))(
    'converge to the source after random changes and restarts (seed %i)',
    async (seed) => {
      const random = prng(seed);
      const source = new MemorySource();
      source.addProject('demo');
      for (let i = 0; i < 5; i++) source.put({ ...newWorkspace('demo', new Date(Date.UTC(2026, 0, 1, 0, i))) });

      // Between two endpoints nobody takes the upgrade: answer it, or the client waits for its connect timeout.
      const http = createServer((_request, response) => response.writeHead(503).end());
      await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
      const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/snapshots`;
      const startService = () =>
        createSnapshotService({ source, coalesceMs: 5, reconcileIntervalMs: 60_000, logger: quiet });
      const stack: Stack = { http, service: startService(), endpoint: undefined as unknown as SnapshotEndpoint };
      stack.endpoint = attachSnapshotEndpoint(http, stack.service, { logger: quiet });

      // Two clients in each version; what each received shows the version it spoke.
      const received = ([1, 2, 1, 2] as const).map((version) => ({ version, types: new Set<string>() }));
      const clients: SnapshotClient[] = received.map(({ version, types }) =>
        createSnapshotClient({
          url,
          projectId: 'demo',
          WebSocket: versionedWebSocket(version, types),
          reconnect: { minDelayMs: 5, maxDelayMs: 50 },
        }),
      );
      cleanup = async () => {
        for (const client of clients) client.close();
        await stack.endpoint.close();
        await stack.service.stop();
        await new Promise<void>((resolve) => http.close(() => resolve()));
      };
      await Promise.all(clients.map((client) => waitForState(client.store, (s) => s.status === 'open')));

      let restarts = 0;
      for (let step = 0; step < 400; step++) {
        const roll = random();
        if (roll < 0.03) {
          // The endpoint goes away and comes back on the same service: clients reconnect and resume.
          await stack.endpoint.close();
          stack.endpoint = attachSnapshotEndpoint(http, stack.service, { logger: quiet });
          restarts += 1;
        } else if (roll < 0.05) {
          // The whole service restarts: a new epoch, so clients take a full hello.
          await stack.endpoint.close();
          await stack.service.stop();
          stack.service = startService();
          stack.endpoint = attachSnapshotEndpoint(http, stack.service, { logger: quiet });
          restarts += 1;
        } else if (roll < 0.15) {
          // A silent writer: the change is only found by reconciliation.
          simulateStep({ source, projectId: 'demo', onChange: () => {}, random });
          if (random() < 0.5) await stack.service.reconcile();
        } else {
          simulateStep({ source, projectId: 'demo', onChange: (id) => stack.service.invalidate(id), random });
        }
        if (random() < 0.2) await new Promise((resolve) => setImmediate(resolve));
      }
      // Quiescence: the last silent writes are found by one reconciliation pass.
      await stack.service.flush();
      await stack.service.reconcile();
      const states = await Promise.all(clients.map((client) => waitForState(client.store, (s) => agrees(s, source))));
      expect(new Set(states.map((s) => `${s.epoch}/${s.seq}`)).size).toBe(1);
      expect(restarts).toBeGreaterThan(0);
      // Whether the random steps reached a client as patches depends on timing (a restart's full hello carries none),
      // so a last change of one field, made while every client holds its workspace, shows each version's form.
      const last = newWorkspace('demo', new Date(Date.UTC(2026, 0, 2)));
      for (const facts of [
        last,
        { ...last, gitStats: { total: 1, additions: 3, deletions: 1, hasUncommitted: true } },
      ]) {
        source.put(facts);
        stack.service.invalidate(facts.workspaceId);
        await stack.service.flush();
        await Promise.all(clients.map((client) => waitForState(client.store, (s) => agrees(s, source))));
      }
      for (const { version, types } of received)
        expect([version, types.has('patch')]).toEqual([version, version === 2]);
    },
    30_000,
  );
});

describe('a slow client', () => {
  it('is dropped with 4409 while it stops reading, then comes back, resumes and converges', async () => {
    const source = new MemorySource();
    source.addProject('demo');
    for (let i = 0; i < 20; i++) source.put(newWorkspace('demo', new Date(Date.UTC(2026, 0, 1, 0, i))));
    const http = createServer((_request, response) => response.writeHead(503).end());
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/snapshots`;
    const service = createSnapshotService({ source, coalesceMs: 0, logger: quiet });
    let slowConsumerClosed = false;
    const logger = {
      ...quiet,
      info(message: string) {
        if (message === 'closing a slow consumer') slowConsumerClosed = true;
      },
    };
    const endpoint = attachSnapshotEndpoint(http, service, { logger, maxBufferedBytes: 64 * 1024 });
    // The client's sockets, so that the test can make one stop reading (as a frozen tab would).
    const sockets: WebSocket[] = [];
    class RecordingWebSocket extends WebSocket {
      constructor(address: string) {
        super(address);
        sockets.push(this);
      }
    }
    const slow = createSnapshotClient({ url, projectId: 'demo', WebSocket: RecordingWebSocket });
    const steady = createSnapshotClient({ url, projectId: 'demo', WebSocket });
    cleanup = async () => {
      slow.close();
      steady.close();
      await endpoint.close();
      await service.stop();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    };
    await Promise.all([slow, steady].map((c) => waitForState(c.store, (s) => s.status === 'open')));
    const stalled = (sockets[0] as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    stalled.pause();
    // Large changes flow until the kernel's buffers are full and the server's backlog for the slow client passes
    // maxBufferedBytes (the steady client reads everything meanwhile).
    for (let round = 0; !slowConsumerClosed && round < 20_000; round++) {
      const w = source.list('demo')[round % 20]!;
      source.put({ ...w, name: `${round} ${'x'.repeat(4000)}` });
      service.invalidate(w.workspaceId);
      await service.flush();
    }
    expect(slowConsumerClosed).toBe(true);
    stalled.resume();
    const [slowState, steadyState] = await Promise.all(
      [slow, steady].map((c) => waitForState(c.store, (s) => agrees(s, source))),
    );
    expect(slowState!.stats).toMatchObject({ reconnects: 1, resumed: 1 });
    expect(sockets).toHaveLength(2);
    expect(steadyState!.stats.reconnects).toBe(0);
    expect(slowState!.seq).toBe(steadyState!.seq);
  }, 20_000);
});

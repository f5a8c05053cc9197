// Livesnap's server as the benchmarks run it: the service and endpoint on an in-memory source of `count` workspaces,
// on loopback. It counts the source's workspace reads (each one a recompute) and keeps every frame it broadcast, so that
// the floors (floor-servers.ts) can send the very same bytes.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FullHelloMessage, PROTOCOL_VERSION, type WorkspaceFacts } from '@livesnap/protocol';
import { makeFacts } from '@livesnap/protocol/testing';
import { attachSnapshotEndpoint, createSnapshotService, type SnapshotSource, snapshotFeedOf } from '@livesnap/server';

export const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** Workspaces `w0`…, one second apart, in project `p1`. */
export function workspaceFacts(count: number): WorkspaceFacts[] {
  return Array.from({ length: count }, (_, i) =>
    makeFacts({
      workspaceId: `w${i}`,
      projectId: 'p1',
      name: `Workspace ${i}`,
      createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    }),
  );
}

export async function listen(server: ReturnType<typeof createServer>): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export interface LivesnapServer {
  /** The endpoint's URL for project `p1` at this client's protocol version. */
  readonly url: string;
  /** Source reads of one workspace so far: one per recompute. */
  readonly recomputes: number;
  /** Every stream frame broadcast so far, as sent. */
  readonly frames: Buffer[];
  /** Renames workspace `i mod count` at the source (to `name` when given) and invalidates it. */
  change(i: number, name?: string): void;
  /** The full hello of the project as it stands, serialized. */
  hello(): Promise<Buffer>;
  /** `url` resuming from the project's state now: a client connecting there gets a hello without snapshots. */
  resumeUrl(): Promise<string>;
  close(): Promise<void>;
}

export async function startLivesnapServer(
  count: number,
  options: { coalesceMs?: number; perMessageDeflate?: boolean } = {},
): Promise<LivesnapServer> {
  const held = new Map(workspaceFacts(count).map((f) => [f.workspaceId, f]));
  let recomputes = 0;
  const source: SnapshotSource = {
    loadProject: async (projectId) => (projectId === 'p1' ? [...held.values()] : null),
    loadWorkspace: async (workspaceId) => {
      recomputes += 1;
      return held.get(workspaceId) ?? null;
    },
  };
  const service = createSnapshotService({
    source,
    logger: quiet,
    ...(options.coalesceMs === undefined ? {} : { coalesceMs: options.coalesceMs }),
  });
  const http = createServer();
  const endpoint = attachSnapshotEndpoint(http, service, { logger: quiet });
  const url = `${await listen(http)}/snapshots?projectId=p1&protocol=${PROTOCOL_VERSION}`;
  const feed = snapshotFeedOf(service);
  const subscription = await feed.subscribe('p1');
  const frames: Buffer[] = [];
  // The endpoint's serialization (broadcast.ts): one message as itself, several as a batch.
  const stopRecording = feed.onCommit(({ messages }) =>
    frames.push(
      Buffer.from(messages.length === 1 ? JSON.stringify(messages[0]) : JSON.stringify({ type: 'batch', messages })),
    ),
  );
  return {
    url,
    get recomputes() {
      return recomputes;
    },
    frames,
    change(i, name) {
      const f = held.get(`w${i % count}`)!;
      held.set(f.workspaceId, { ...f, name: name ?? `${f.name}'`, lastActivityAt: new Date().toISOString() });
      service.invalidate(f.workspaceId, { projectId: 'p1' });
    },
    async hello() {
      const state = (await feed.state('p1'))!;
      const hello: FullHelloMessage = {
        type: 'hello',
        protocol: PROTOCOL_VERSION,
        projectId: 'p1',
        epoch: state.epoch,
        seq: state.seq,
        resumed: false,
        snapshots: [...state.snapshots],
      };
      return Buffer.from(JSON.stringify(hello));
    },
    async resumeUrl() {
      const state = (await feed.state('p1'))!;
      return `${url}&epoch=${encodeURIComponent(state.epoch)}&seq=${state.seq}`;
    },
    async close() {
      stopRecording();
      subscription?.release();
      await endpoint.close();
      await service.stop();
      http.close();
    },
  };
}

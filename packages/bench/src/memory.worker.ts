// The memory rows' measurements (and the initial load's cost of permessage-deflate), in a child process started with --expose-gc so that every figure is taken after a
// forced collection, in a heap that holds nothing else. Commands come over IPC from memory.ts; `heap` answers the
// heap in use after a collection.
import { createSnapshotClient } from '@livesnap/client';
import { MockSnapshotServer, waitForState } from '@livesnap/client/testing';
import { type FullHelloMessage, PROTOCOL_VERSION } from '@livesnap/protocol';
import { makeSnapshot } from '@livesnap/protocol/testing';
import { startRawServer } from './floor-servers.js';
import { startLivesnapServer, workspaceFacts } from './livesnap-server.js';
import { cpuMs } from './stats.js';

export type MemoryCommand =
  /** Bytes per workspace: of `count` workspaces' facts held as plain objects, then of a service that loaded them. */
  | { type: 'server-workspaces'; count: number }
  /** Starts a server of `kind` with a project of `workspaces` and answers its URL. */
  | { type: 'listen'; kind: 'livesnap' | 'raw'; workspaces: number; perMessageDeflate?: boolean }
  /**
   * The heap in use after a collection, the memory outside it that V8 is told of (zlib's contexts among it), and this
   * process's CPU time so far.
   */
  | { type: 'usage' }
  | { type: 'close' }
  /** Bytes per workspace: of a hello of `count` workspaces parsed and kept, then of a client's store holding it. */
  | { type: 'client-workspaces'; count: number };

const gc = globalThis.gc;
if (!gc) throw new Error('memory.worker.ts needs --expose-gc');

function heapAfterGc(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

const report = (message: object) => process.send?.(message);
let close: () => Promise<void> = async () => {};
/** Keeps what is measured reachable until the figure is taken (exported, so that nothing can prove it unread). */
export const kept: unknown[] = [];

async function serverWorkspaces(count: number) {
  const start = heapAfterGc();
  const facts = workspaceFacts(count);
  kept.push(facts);
  const plain = heapAfterGc() - start;
  const before = heapAfterGc();
  const server = await startLivesnapServer(count);
  await server.hello();
  const loaded = heapAfterGc() - before;
  await server.close();
  kept.length = 0;
  // The server holds its own facts too (startLivesnapServer's source): take them out, they are the host's data.
  return { type: 'server-workspaces', plain: plain / count, service: (loaded - plain) / count };
}

async function clientWorkspaces(count: number) {
  const hello: FullHelloMessage = {
    type: 'hello',
    protocol: PROTOCOL_VERSION,
    projectId: 'p1',
    epoch: 'e1',
    seq: 0,
    resumed: false,
    snapshots: Array.from({ length: count }, (_, i) =>
      makeSnapshot({ workspaceId: `w${i}`, projectId: 'p1', name: `Workspace ${i}` }),
    ),
  };
  const frame = JSON.stringify(hello);
  hello.snapshots = [];
  const start = heapAfterGc();
  kept.push(JSON.parse(frame));
  const parsed = heapAfterGc() - start;
  kept.length = 0;
  const before = heapAfterGc();
  const server = new MockSnapshotServer();
  server.withholdHello();
  const connection = server.nextConnection();
  const client = createSnapshotClient({ url: 'ws://mock/snapshots', projectId: 'p1', WebSocket: server.WebSocket });
  (await connection).sendRaw(frame);
  await waitForState(client.store, (s) => s.status === 'open');
  const held = heapAfterGc() - before;
  client.close();
  return { type: 'client-workspaces', parsed: parsed / count, client: held / count };
}

process.on('disconnect', () => process.exit(0));

process.on('message', async (command: MemoryCommand) => {
  try {
    if (command.type === 'server-workspaces') report(await serverWorkspaces(command.count));
    else if (command.type === 'client-workspaces') report(await clientWorkspaces(command.count));
    else if (command.type === 'usage')
      report({ type: 'usage', heap: heapAfterGc(), external: process.memoryUsage().external, cpuMs: cpuMs() });
    else if (command.type === 'close') {
      await close();
      report({ type: 'closed' });
    } else if (command.kind === 'livesnap') {
      const server = await startLivesnapServer(command.workspaces);
      close = () => server.close();
      report({ type: 'listening', url: server.url });
    } else {
      const livesnap = await startLivesnapServer(command.workspaces);
      const hello = await livesnap.hello();
      await livesnap.close();
      const server = await startRawServer(hello, { perMessageDeflate: command.perMessageDeflate ?? false });
      close = () => server.close();
      report({ type: 'listening', url: server.url });
    }
  } catch (error) {
    report({ type: 'error', message: error instanceof Error ? error.stack : String(error) });
  }
});

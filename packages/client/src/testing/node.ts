// @livesnap/client/testing/node: the same scriptable MockSnapshotServer behind a real `ws` server on 127.0.0.1, for
// integration tests over real sockets. Node only.
import { createServer, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import type { MockPeer } from './fake-websocket.js';
import { MockSnapshotServer, type MockSnapshotServerOptions } from './mock-server.js';

export interface NodeMockSnapshotServer {
  /** The script: state, faults and observations (see MockSnapshotServer). */
  readonly server: MockSnapshotServer;
  /** `ws://127.0.0.1:<port>/snapshots`: the client's `url`. */
  readonly url: string;
  readonly port: number;
  /** Drops every connection (held upgrades included) and closes the server. */
  close(): Promise<void>;
}

/** Starts a real WebSocket server on 127.0.0.1 (a free port) that serves `server` (or a new one made from `options`). */
export async function createMockSnapshotServer(
  options: MockSnapshotServerOptions | MockSnapshotServer = {},
): Promise<NodeMockSnapshotServer> {
  const server = options instanceof MockSnapshotServer ? options : new MockSnapshotServer(options);
  const http = createServer((_request, response) => {
    response.writeHead(426).end('WebSocket only');
  });
  const wss = new WebSocketServer({ noServer: true });
  const held = new Set<Socket>();
  const sockets = new Set<WebSocket>();

  http.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    const admission = server.admission();
    if (admission === 'never-open') {
      // Accept the TCP connection but never answer the upgrade.
      held.add(socket);
      socket.on('close', () => held.delete(socket));
      socket.on('error', () => {});
      return;
    }
    if (admission === 'network-error') {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws);
      const peer: MockPeer = {
        send: (data) => {
          if (ws.readyState === ws.OPEN) ws.send(data);
        },
        close: (code, reason) => ws.close(code, reason),
        terminate: () => ws.terminate(),
      };
      const side = server.accept(request.url ?? '/', peer);
      ws.on('message', (data, isBinary) => {
        const buffer = Buffer.isBuffer(data)
          ? data
          : Array.isArray(data)
            ? Buffer.concat(data)
            : Buffer.from(new Uint8Array(data));
        side.receive(isBinary ? new Uint8Array(buffer).buffer : buffer.toString('utf8'));
      });
      ws.on('close', (code) => {
        sockets.delete(ws);
        side.closed(code);
      });
      ws.on('error', () => {});
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, '127.0.0.1', () => resolve());
  });
  const address = http.address();
  if (address === null || typeof address === 'string') throw new Error('the mock server has no TCP address');
  const port = address.port;

  return {
    server,
    url: `ws://127.0.0.1:${port}/snapshots`,
    port,
    async close() {
      for (const ws of sockets) ws.terminate();
      for (const socket of held) socket.destroy();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

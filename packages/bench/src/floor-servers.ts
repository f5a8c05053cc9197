// The baselines' servers: raw `ws` (the floor: bytes prepared in advance, sent as they are) and socket.io 4 (what a
// user would pick instead: the same payloads emitted to a room). Each greets a connection with the hello it is given.
import { createServer } from 'node:http';
import { Server as SocketIoServer } from 'socket.io';
import { WebSocketServer } from 'ws';
import { listen } from './livesnap-server.js';

export interface FloorServer {
  readonly url: string;
  /** Sends one frame to every connected client (raw `ws` sends `frame`; socket.io emits `payload`, its parsed form). */
  broadcast(frame: Buffer, payload: unknown): void;
  close(): Promise<void>;
}

export async function startRawServer(
  hello: Buffer,
  options: { perMessageDeflate?: boolean } = {},
): Promise<FloorServer> {
  const http = createServer();
  const wss = new WebSocketServer({ server: http, perMessageDeflate: options.perMessageDeflate ?? false });
  wss.on('connection', (socket) => socket.send(hello, { binary: false }));
  const url = await listen(http);
  return {
    url,
    broadcast(frame) {
      for (const socket of wss.clients) socket.send(frame, { binary: false });
    },
    async close() {
      for (const socket of wss.clients) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.close();
    },
  };
}

/** socket.io on its WebSocket transport; a frame is emitted as its parsed payload (socket.io encodes it once). */
export async function startSocketIoServer(hello: Buffer): Promise<FloorServer> {
  const http = createServer();
  const io = new SocketIoServer(http, { transports: ['websocket'], serveClient: false });
  const greeting: unknown = JSON.parse(hello.toString());
  io.on('connection', (socket) => {
    void socket.join('p1');
    socket.emit('hello', greeting);
  });
  const url = (await listen(http)).replace('ws:', 'http:');
  return {
    url,
    broadcast(_frame, payload) {
      io.to('p1').emit('message', payload);
    },
    async close() {
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}

// The handshake deadline of a public endpoint: a connection to the HTTP server that has not sent a complete request
// head within `handshakeTimeoutMs` (an upgrade that never completes, a slowloris) is destroyed. Node's own
// `headersTimeout` does the same for every request, but only as often as `connectionsCheckingInterval` (30 s) looks.
// Only the first request head of a connection is timed: after it, the connection is the HTTP server's (or a WebSocket).
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import { Server as TlsServer } from 'node:tls';
import type { Logger } from './logger.js';
import type { Scheduler } from './scheduler.js';

export interface RequestDeadline {
  /** A request head arrived on its connection (an upgrade's, whatever its path). */
  arrived(request: IncomingMessage): void;
  /** Stops watching connections, and cancels every deadline still running. */
  stop(): void;
}

/** `timeoutMs` 0: no deadline. */
export function watchRequestHeads(
  server: Server,
  timeoutMs: number,
  scheduler: Scheduler,
  logger: Logger,
): RequestDeadline {
  const waiting = new Map<Socket, () => void>();
  const clear = (socket: Socket) => {
    waiting.get(socket)?.();
    waiting.delete(socket);
  };
  const onConnection = (socket: Socket) => {
    const cancel = scheduler.schedule(() => {
      waiting.delete(socket);
      logger.debug('a connection sent no complete request head in time; destroyed', { handshakeTimeoutMs: timeoutMs });
      socket.destroy();
    }, timeoutMs);
    waiting.set(socket, cancel);
    socket.once('close', () => clear(socket));
  };
  const onRequest = (request: IncomingMessage) => clear(request.socket);
  // Over TLS a request's socket is the TLS one, which `secureConnection` gives (the TLS handshake has its own timeout).
  const connectionEvent = server instanceof TlsServer ? 'secureConnection' : 'connection';
  if (timeoutMs > 0) {
    server.on(connectionEvent, onConnection);
    server.on('request', onRequest);
  }
  return {
    arrived: onRequest,
    stop() {
      server.off(connectionEvent, onConnection);
      server.off('request', onRequest);
      for (const cancel of waiting.values()) cancel();
      waiting.clear();
    },
  };
}

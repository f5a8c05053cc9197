// Upgrade routing and the handshake of PROTOCOL.md ("Connecting"): which upgrades are ours, the Origin check (an
// HTTP refusal), then on the open socket the query and `authorize` (refusals by close code, since a browser cannot
// read the status of a failed upgrade).
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { CloseCode } from '@livesnap/protocol';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Deadlines } from './deadline.js';
import {
  type AuthorizationVerdict,
  type AuthorizeResult,
  authorizationVerdict,
  type Grant,
  parseSubscribeRequest,
  type SubscribeRequest,
} from './handshake.js';
import { type Logger, messageOf } from './logger.js';
import type { OriginCheck } from './origins.js';

export interface UpgradeRouterOptions {
  server: Server;
  wss: WebSocketServer;
  path: string;
  /** Step 2: the `allowedOrigins` option, as a check. */
  originAllowed: OriginCheck;
  logger: Logger;
  /** The endpoint is closing: upgrades to its path are refused with 503. */
  isClosed(): boolean;
  /** Every upgrade request's head arrived, ours or not (the request-head deadline, request-deadline.ts). */
  onHead(request: IncomingMessage): void;
  /** An upgrade that passed routing and the Origin check, now a WebSocket. */
  onWebSocket(ws: WebSocket, request: IncomingMessage, query: URLSearchParams): void;
}

/** Listens for the server's upgrades; returns the function that stops listening. */
export function routeUpgrades(options: UpgradeRouterOptions): () => void {
  const { server, wss, path, originAllowed, logger, isClosed, onWebSocket, onHead } = options;

  function onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    onHead(request);
    const url = requestUrl(request);
    if (url === null || url.pathname !== path) {
      // Not ours: another listener (Vite's HMR, say) may take it; only when nobody else listens is it a 404.
      if (server.listenerCount('upgrade') <= 1) refuseUpgrade(socket, 404, 'Not Found');
      return;
    }
    if (isClosed()) {
      refuseUpgrade(socket, 503, 'Service Unavailable');
      return;
    }
    let allowed: boolean;
    try {
      allowed = originAllowed(request.headers.origin);
    } catch (error) {
      // A host's predicate that throws must not crash the process from inside the HTTP server's event.
      logger.error('allowedOrigins threw; the upgrade is refused', {
        origin: request.headers.origin,
        error: messageOf(error),
      });
      allowed = false;
    }
    if (!allowed) {
      refuseUpgrade(socket, 403, 'Forbidden');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => onWebSocket(ws, request, url.searchParams));
  }

  server.on('upgrade', onUpgrade);
  return () => server.off('upgrade', onUpgrade);
}

export type Admission =
  | (Extract<SubscribeRequest, { ok: true }> & { readonly grant: Grant })
  | { readonly ok: false; readonly code: number; readonly reason: string; readonly error?: unknown };

export interface AdmitOptions {
  authorize(request: IncomingMessage, projectId: string): AuthorizeResult | Promise<AuthorizeResult>;
  /** Bounds `authorize` by `authorizeTimeoutMs`. */
  authorizations: Deadlines;
  /** The wall clock: `expiresAt` is compared with it (and `pong.serverTime` stamped). */
  now(): number;
}

/**
 * Steps 3 and 4 of the handshake on an open socket: the query, then `authorize`; a refusal is a close code (1011 with
 * the `error` when `authorize` threw, did not answer in time, or answered something it may not).
 */
export async function admit(
  request: IncomingMessage,
  query: URLSearchParams,
  options: AdmitOptions,
): Promise<Admission> {
  const subscribeRequest = parseSubscribeRequest(query);
  if (!subscribeRequest.ok) return { ok: false, code: CloseCode.BadRequest, reason: subscribeRequest.reason };
  const { projectId } = subscribeRequest;
  let verdict: AuthorizationVerdict;
  try {
    const answer = await options.authorizations.run(`authorize(${projectId})`, async () =>
      options.authorize(request, projectId),
    );
    verdict = authorizationVerdict(answer, options.now());
  } catch (error) {
    return { ok: false, code: CloseCode.InternalError, reason: 'authorization failed', error };
  }
  if (!verdict.ok) return verdict;
  return { ...subscribeRequest, grant: verdict.grant };
}

/** The request's URL, or null when its target does not parse (a hostile or broken peer): then it is not ours. */
function requestUrl(request: IncomingMessage): URL | null {
  try {
    return new URL(request.url ?? '/', 'http://localhost');
  } catch {
    return null;
  }
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  // Node takes its own error listener off an upgrading socket: without ours, a peer that resets the connection
  // while the answer is written would crash the process with an unhandled 'error'.
  socket.on('error', () => socket.destroy());
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
  );
}

// The WebSocket endpoint, composed: upgrades routed and checked (upgrade.ts), each connection's session (session.ts)
// sending through its connection (connection.ts), the heartbeat (liveness.ts), and the fan-out of every commit to the
// project's subscribers (broadcast.ts).
import type { IncomingMessage, Server } from 'node:http';
import { CloseCode } from '@livesnap/protocol';
import { WebSocket, WebSocketServer } from 'ws';
import { createBroadcaster } from './broadcast.js';
import { createDeadlines } from './deadline.js';
import { snapshotFeedOf } from './feed.js';
import type { AuthorizeResult } from './handshake.js';
import { startHeartbeat } from './liveness.js';
import { consoleLogger, type Logger } from './logger.js';
import { requireInteger } from './options.js';
import { type AllowedOrigins, originCheck } from './origins.js';
import { type Scheduler, systemScheduler } from './scheduler.js';
import type { SnapshotService } from './service.js';
import { createSessions } from './session.js';
import { routeUpgrades } from './upgrade.js';

export interface SnapshotEndpointOptions {
  /** The endpoint's path; other paths are left to the server's other `upgrade` listeners. Default `/snapshots`. */
  path?: string;
  /** Runs before the project's existence is checked. Default: everyone may see every project. */
  authorize?: (request: IncomingMessage, projectId: string) => AuthorizeResult | Promise<AuthorizeResult>;
  /** An `authorize` that throws or has not answered within this long closes the socket with 1011. Default 10 s. */
  authorizeTimeoutMs?: number;
  /**
   * Allowed origins: a list of exact origins, or a predicate given the normalised origin; compared after normalising
   * (scheme and host lower-case, default port dropped). A request without `Origin` is allowed. Default: any.
   */
  allowedOrigins?: AllowedOrigins;
  /** WebSocket-level ping interval; a peer that did not answer the previous ping is terminated. Default 30 s. */
  heartbeatMs?: number;
  /** A subscriber holding more unsent bytes than this before a stream frame is closed with 4409. Default 16 MiB. */
  maxBufferedBytes?: number;
  /** Largest client frame; a larger one closes the connection with 1009. Default 64 KiB. */
  maxPayload?: number;
  /** Client frames per second before `rate_limited`; twice as many close with 4429. Default 20. */
  maxFramesPerSecond?: number;
  logger?: Logger;
  /** Wall clock for `pong.serverTime`. Default `Date.now`. */
  now?: () => number;
  /** The clock and timers of the heartbeat, the close grace and `authorizeTimeoutMs`. Default Node's. */
  scheduler?: Scheduler;
}

export interface SnapshotEndpoint {
  /** Closes every socket with 1001, stops listening for upgrades and clears every timer. */
  close(): Promise<void>;
}

/** The endpoint's defaults (ERRATA.md's numbers), each overridable by the option of the same name. */
export const ENDPOINT_DEFAULTS = {
  path: '/snapshots',
  authorizeTimeoutMs: 10_000,
  heartbeatMs: 30_000,
  maxBufferedBytes: 16 * 1024 * 1024,
  maxPayload: 64 * 1024,
  maxFramesPerSecond: 20,
} as const;

export function attachSnapshotEndpoint(
  server: Server,
  service: SnapshotService,
  options: SnapshotEndpointOptions = {},
): SnapshotEndpoint {
  const defaults = ENDPOINT_DEFAULTS;
  const path = options.path ?? defaults.path;
  const authorize = options.authorize ?? (() => true);
  const originAllowed = originCheck(options.allowedOrigins);
  const authorizeTimeoutMs = requireInteger(
    'authorizeTimeoutMs',
    options.authorizeTimeoutMs ?? defaults.authorizeTimeoutMs,
    1,
  );
  const heartbeatMs = requireInteger('heartbeatMs', options.heartbeatMs ?? defaults.heartbeatMs, 1);
  const maxBufferedBytes = requireInteger('maxBufferedBytes', options.maxBufferedBytes ?? defaults.maxBufferedBytes, 0);
  const maxPayload = requireInteger('maxPayload', options.maxPayload ?? defaults.maxPayload, 1);
  const maxFramesPerSecond = requireInteger(
    'maxFramesPerSecond',
    options.maxFramesPerSecond ?? defaults.maxFramesPerSecond,
    1,
  );
  const logger = options.logger ?? consoleLogger;
  const now = options.now ?? Date.now;
  const scheduler = options.scheduler ?? systemScheduler;
  const feed = snapshotFeedOf(service);

  let closed = false;
  const isClosed = () => closed;
  // UTF-8 is checked by the session, not by `ws`: a text frame that is not UTF-8 is `bad_message` on an open
  // connection (PROTOCOL.md), where `ws` would close it with 1007.
  const wss = new WebSocketServer({ noServer: true, maxPayload, skipUTF8Validation: true });
  const broadcaster = createBroadcaster();
  const authorizations = createDeadlines(authorizeTimeoutMs, scheduler);
  const heartbeat = startHeartbeat(heartbeatMs, scheduler);
  const sessions = createSessions({
    feed,
    broadcaster,
    authorize,
    authorizations,
    maxBufferedBytes,
    maxFramesPerSecond,
    scheduler,
    logger,
    now,
    isClosed,
    watch: (conn) => heartbeat.watch(conn),
  });
  const unsubscribeCommits = feed.onCommit((event) => {
    sessions.committed(event.projectId);
    broadcaster.publish(event);
  });
  const stopRouting = routeUpgrades({
    server,
    wss,
    path,
    originAllowed,
    logger,
    isClosed,
    onWebSocket: (ws, request, query) => sessions.open(ws, request, query),
  });

  /** The one shutdown: every caller of `close()` waits for it. */
  let shutdown: Promise<void> | null = null;

  async function closeEndpoint(): Promise<void> {
    closed = true;
    stopRouting();
    heartbeat.stop();
    authorizations.close('the endpoint is closing');
    unsubscribeCommits();
    await Promise.all(
      [...sessions.connections].map(
        (conn) =>
          new Promise<void>((resolve) => {
            if (conn.ws.readyState === WebSocket.CLOSED) return resolve();
            conn.ws.once('close', () => resolve());
            conn.close(CloseCode.GoingAway, 'server shutting down');
          }),
      ),
    );
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  }

  return {
    close() {
      shutdown ??= closeEndpoint();
      return shutdown;
    },
  };
}

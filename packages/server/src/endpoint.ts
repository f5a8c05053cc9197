// The WebSocket endpoint, composed: request heads under a deadline (request-deadline.ts), upgrades routed and checked
// (upgrade.ts), each connection's session (session.ts) sending through its connection (connection.ts), the access of
// admitted connections (admissions.ts: per-project cap, expiry, revocation), the heartbeat (liveness.ts), and the
// fan-out of every commit to the project's subscribers (broadcast.ts).
import type { Server } from 'node:http';
import { CloseCode } from '@livesnap/protocol';
import { WebSocket, WebSocketServer } from 'ws';
import { type ConnectionAccess, createAdmissions, type RevokePredicate } from './admissions.js';
import { createBroadcaster } from './broadcast.js';
import { createDeadlines } from './deadline.js';
import { resolveEndpointOptions, type SnapshotEndpointOptions } from './endpoint-options.js';
import { startHeartbeat } from './liveness.js';
import { optionError } from './options.js';
import { watchRequestHeads } from './request-deadline.js';
import type { SnapshotService } from './service.js';
import { createSessions } from './session.js';
import { routeUpgrades } from './upgrade.js';

export type { ConnectionAccess } from './admissions.js';
export { ENDPOINT_DEFAULTS, type SnapshotEndpointOptions } from './endpoint-options.js';

export interface SnapshotEndpoint {
  /**
   * Closes every authorized connection that `predicate` matches with 4403, at once, and returns how many; a connection
   * whose `authorize` is answering now is judged by it too once admitted. Call it after the change that makes
   * `authorize` refuse (a user removed from a project), so that the client cannot come back.
   */
  revoke(predicate: (connection: ConnectionAccess) => boolean): number;
  /** Closes every socket with 1001, stops listening for upgrades and clears every timer. */
  close(): Promise<void>;
}

export function attachSnapshotEndpoint(
  server: Server,
  service: SnapshotService,
  options: SnapshotEndpointOptions = {},
): SnapshotEndpoint {
  const resolved = resolveEndpointOptions(server, service, options);
  const { path, authorize, authorizeTimeoutMs, originAllowed, heartbeatMs } = resolved;
  const { maxBufferedBytes, maxPayload, maxFramesPerSecond, logger, now, scheduler, feed } = resolved;
  const { joinBufferLimit, instance, maxConnections, maxConnectionsPerProject, handshakeTimeoutMs } = resolved;

  let closed = false;
  const isClosed = () => closed;
  // UTF-8 is checked by the session, not by `ws`: a text frame that is not UTF-8 is `bad_message` on an open
  // connection (PROTOCOL.md), where `ws` would close it with 1007.
  const wss = new WebSocketServer({ noServer: true, maxPayload, skipUTF8Validation: true });
  const broadcaster = createBroadcaster(joinBufferLimit);
  const authorizations = createDeadlines(authorizeTimeoutMs, scheduler);
  const heartbeat = startHeartbeat(heartbeatMs, scheduler);
  const heads = watchRequestHeads(server, handshakeTimeoutMs, scheduler, logger);
  const admissions = createAdmissions({ maxConnectionsPerProject, scheduler, now });
  const sessions = createSessions({
    feed,
    broadcaster,
    authorize,
    authorizations,
    maxBufferedBytes,
    maxFramesPerSecond,
    maxConnections,
    admissions,
    scheduler,
    logger,
    now,
    instance,
    isClosed,
    watch: (conn) => heartbeat.watch(conn),
  });
  const unsubscribeCommits = feed.onCommit((event) => {
    sessions.committed(event.projectId);
    broadcaster.publish(event);
  });
  const unsubscribeGone = feed.onProjectGone((projectId) => sessions.projectGone(projectId));
  const unsubscribeReset = feed.onReset((projectId) => sessions.projectReset(projectId));
  const stopRouting = routeUpgrades({
    server,
    wss,
    path,
    originAllowed,
    logger,
    isClosed,
    onHead: (request) => heads.arrived(request),
    onWebSocket: (ws, request, query) => sessions.open(ws, request, query),
  });

  /** The one shutdown: every caller of `close()` waits for it. */
  let shutdown: Promise<void> | null = null;

  async function closeEndpoint(): Promise<void> {
    closed = true;
    stopRouting();
    heads.stop();
    heartbeat.stop();
    authorizations.close('the endpoint is closing');
    unsubscribeCommits();
    unsubscribeGone();
    unsubscribeReset();
    await Promise.all(
      sessions.connections().map(
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
    revoke(predicate: RevokePredicate) {
      if (typeof predicate !== 'function') throw optionError('revoke’s predicate', 'a function', predicate);
      return admissions.revoke(predicate);
    },
    close() {
      shutdown ??= closeEndpoint();
      return shutdown;
    },
  };
}

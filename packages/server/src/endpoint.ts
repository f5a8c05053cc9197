// The WebSocket endpoint, composed: upgrades routed and checked (upgrade.ts), each connection's session (session.ts)
// sending through its connection (connection.ts), the heartbeat (liveness.ts), and the fan-out of every commit to the
// project's subscribers (broadcast.ts).
import type { Server } from 'node:http';
import { CloseCode } from '@livesnap/protocol';
import { WebSocket, WebSocketServer } from 'ws';
import { createBroadcaster } from './broadcast.js';
import { createDeadlines } from './deadline.js';
import { resolveEndpointOptions, type SnapshotEndpointOptions } from './endpoint-options.js';
import { startHeartbeat } from './liveness.js';
import type { SnapshotService } from './service.js';
import { createSessions } from './session.js';
import { routeUpgrades } from './upgrade.js';

export { ENDPOINT_DEFAULTS, type SnapshotEndpointOptions } from './endpoint-options.js';

export interface SnapshotEndpoint {
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
  const { joinBufferLimit, instance } = resolved;

  let closed = false;
  const isClosed = () => closed;
  // UTF-8 is checked by the session, not by `ws`: a text frame that is not UTF-8 is `bad_message` on an open
  // connection (PROTOCOL.md), where `ws` would close it with 1007.
  const wss = new WebSocketServer({ noServer: true, maxPayload, skipUTF8Validation: true });
  const broadcaster = createBroadcaster(joinBufferLimit);
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
    close() {
      shutdown ??= closeEndpoint();
      return shutdown;
    },
  };
}

// The WebSocket endpoint: upgrade routing and the handshake of PROTOCOL.md, hellos and resumes, client frames,
// heartbeat, backpressure, and every close the server initiates.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorMessage, FullHelloMessage, PongMessage, ResumedHelloMessage } from '@livesnap/protocol';
import { CloseCode, compareWorkspaces, decodeClientFrame, PROTOCOL_VERSION } from '@livesnap/protocol';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { type Broadcaster, createBroadcaster, type Member } from './broadcast.js';
import { createDeadlines } from './deadline.js';
import {
  type AllowedOrigins,
  type AuthorizeResult,
  authorizationVerdict,
  isOriginAllowed,
  parseSubscribeRequest,
  type ResumeRequest,
} from './handshake.js';
import { consoleLogger, type Logger } from './logger.js';
import { requireInteger } from './options.js';
import { countFrame, FRESH_WINDOW, type RateWindow } from './rate-limit.js';
import type { SnapshotService } from './service.js';
import type { ProjectState } from './store.js';

export interface SnapshotEndpointOptions {
  /** The endpoint's path; other paths are left to the server's other `upgrade` listeners. Default `/snapshots`. */
  path?: string;
  /** Runs before the project's existence is checked. Default: everyone may see every project. */
  authorize?: (request: IncomingMessage, projectId: string) => AuthorizeResult | Promise<AuthorizeResult>;
  /** An `authorize` that throws or has not answered within this long closes the socket with 1011. Default 10 s. */
  authorizeTimeoutMs?: number;
  /** Allowed `Origin` headers (a list or a predicate); a request without one is allowed. Default: any. */
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
}

export interface SnapshotEndpoint {
  /** Closes every socket with 1001, stops listening for upgrades and clears every timer. */
  close(): Promise<void>;
}

/** A server frame's header is at most 10 bytes (unmasked, 64-bit length). */
const MAX_FRAME_HEADER_BYTES = 10;

/** How long a close handshake the server started may take before the socket is terminated. */
const CLOSE_GRACE_MS = 1000;

interface Connection {
  readonly ws: WebSocket;
  /** Answered the last heartbeat ping. */
  alive: boolean;
  /** A hello was sent: from then on client frames are answered (a refused connection receives no frame). */
  greeted: boolean;
  /** The server closed it, or it closed: nothing more is sent. */
  closing: boolean;
  rate: RateWindow;
  /**
   * Bytes of hellos handed to the socket and not yet written out of the process. The slow-consumer check does not
   * count them (a large hello must not get its own client dropped), and while there are any, that hello is still on
   * its way and answers a resync too.
   */
  helloBytesUnsent: number;
  member: Member | null;
  release: (() => void) | null;
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
  const { allowedOrigins } = options;
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

  // UTF-8 is checked here, not by `ws`: a text frame that is not UTF-8 is `bad_message` on an open connection
  // (PROTOCOL.md), where `ws` would close it with 1007.
  const wss = new WebSocketServer({ noServer: true, maxPayload, skipUTF8Validation: true });
  const broadcaster: Broadcaster = createBroadcaster();
  const connections = new Set<Connection>();
  const authorizations = createDeadlines(authorizeTimeoutMs);
  const killTimers = new Set<ReturnType<typeof setTimeout>>();
  let closed = false;

  /**
   * The last full hello serialized per project: a full hello is a function of the project's epoch and seq, so every
   * client greeted at the same state (a reconnect storm after a restart, say) shares one serialization.
   */
  const helloFrames = new Map<string, { epoch: string; seq: number; frame: Buffer }>();

  const unsubscribeCommits = service.onCommit((event) => {
    helloFrames.delete(event.projectId);
    broadcaster.publish(event);
  });
  const heartbeat = setInterval(() => {
    for (const conn of connections) {
      if (!conn.alive) {
        conn.ws.terminate();
        continue;
      }
      conn.alive = false;
      conn.ws.ping();
    }
  }, heartbeatMs);

  server.on('upgrade', onUpgrade);

  function onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = requestUrl(request);
    if (url === null || url.pathname !== path) {
      // Not ours: another listener (Vite's HMR, say) may take it; only when nobody else listens is it a 404.
      if (server.listenerCount('upgrade') <= 1) refuseUpgrade(socket, 404, 'Not Found');
      return;
    }
    if (closed) {
      refuseUpgrade(socket, 503, 'Service Unavailable');
      return;
    }
    let originAllowed: boolean;
    try {
      originAllowed = isOriginAllowed(request.headers.origin, allowedOrigins);
    } catch (error) {
      // A host's predicate that throws must not crash the process from inside the HTTP server's event.
      logger.error('allowedOrigins threw; the upgrade is refused', {
        origin: request.headers.origin,
        error: error instanceof Error ? error.message : String(error),
      });
      originAllowed = false;
    }
    if (!originAllowed) {
      refuseUpgrade(socket, 403, 'Forbidden');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      void accept(ws, request, url.searchParams).catch((error: unknown) => {
        logger.error('a connection failed', { error: error instanceof Error ? error.message : String(error) });
        ws.terminate();
      });
    });
  }

  async function accept(ws: WebSocket, request: IncomingMessage, query: URLSearchParams): Promise<void> {
    const conn: Connection = {
      ws,
      alive: true,
      greeted: false,
      closing: false,
      rate: FRESH_WINDOW,
      helloBytesUnsent: 0,
      member: null,
      release: null,
    };
    connections.add(conn);
    ws.on('error', (error) => logger.debug('socket error', { error: error.message }));
    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('message', (data, isBinary) => onFrame(conn, data, isBinary));
    ws.on('close', () => forget(conn));
    if (closed) return closeConnection(conn, CloseCode.GoingAway, 'server shutting down');

    const subscribeRequest = parseSubscribeRequest(query);
    if (!subscribeRequest.ok) return closeConnection(conn, CloseCode.BadRequest, subscribeRequest.reason);
    const { projectId, resume } = subscribeRequest;

    let verdict: ReturnType<typeof authorizationVerdict>;
    try {
      const answer = await authorizations.run(`authorize(${projectId})`, async () => authorize(request, projectId));
      verdict = authorizationVerdict(answer);
    } catch (error) {
      if (conn.closing) return;
      logger.error('authorize failed', { projectId, error: error instanceof Error ? error.message : String(error) });
      return closeConnection(conn, CloseCode.InternalError, 'authorization failed');
    }
    if (conn.closing) return;
    if (verdict !== true) {
      return closeConnection(conn, verdict, verdict === CloseCode.Unauthorized ? 'unauthorized' : 'forbidden');
    }

    // Join before the state is read, so that what is committed meanwhile is buffered, not lost.
    const member = broadcaster.join(projectId, (frame) => sendStream(conn, frame));
    conn.member = member;
    let subscription: Awaited<ReturnType<SnapshotService['subscribe']>>;
    try {
      subscription = await service.subscribe(projectId);
    } catch (error) {
      logger.warn('the project could not be loaded', {
        projectId,
        error: error instanceof Error ? error.message : String(error),
      });
      return closeConnection(conn, CloseCode.TryLater, 'try later');
    }
    if (subscription === null) return closeConnection(conn, CloseCode.NotFound, 'no such project');
    if (conn.closing) return subscription.release();
    conn.release = subscription.release;
    await greet(conn, member, subscription.state, resume);
  }

  /** The first hello: resumed when the client's epoch and seq are inside the replay window, full otherwise. */
  async function greet(conn: Connection, member: Member, state: ProjectState, resume: ResumeRequest | null) {
    if (resume && resume.epoch === state.epoch && resume.seq <= state.seq) {
      const missed = await service.readSince(member.projectId, resume.epoch, resume.seq);
      if (conn.closing) return;
      // The store's replay log is the one window (ERRATA: `replayLimit` belongs to the store).
      if (missed !== null) {
        const hello: ResumedHelloMessage = {
          type: 'hello',
          protocol: PROTOCOL_VERSION,
          projectId: member.projectId,
          epoch: state.epoch,
          seq: resume.seq,
          resumed: true,
        };
        sendControl(conn, hello);
        broadcaster.goLive(member, state.epoch, resume.seq, missed);
        return;
      }
    }
    sendFullHello(conn, member, state);
  }

  function sendFullHello(conn: Connection, member: Member, state: ProjectState): void {
    let cached = helloFrames.get(member.projectId);
    if (cached?.epoch !== state.epoch || cached.seq !== state.seq) {
      const hello: FullHelloMessage = {
        type: 'hello',
        protocol: PROTOCOL_VERSION,
        projectId: member.projectId,
        epoch: state.epoch,
        seq: state.seq,
        resumed: false,
        snapshots: [...state.snapshots].sort(compareWorkspaces),
      };
      cached = { epoch: state.epoch, seq: state.seq, frame: Buffer.from(JSON.stringify(hello)) };
      helloFrames.set(member.projectId, cached);
    }
    sendHello(conn, cached.frame);
    broadcaster.goLive(member, state.epoch, state.seq);
  }

  async function resync(conn: Connection, member: Member): Promise<void> {
    // A hello already on its way answers this resync too: the client sent it before it could have read that hello.
    // This also keeps a client that asks for resyncs and reads nothing from piling up hellos in server memory.
    if (member.phase !== 'live' || conn.helloBytesUnsent > 0) return;
    broadcaster.wait(member);
    const state = await service.state(member.projectId);
    if (conn.closing) return;
    if (!state) return closeConnection(conn, CloseCode.TryLater, 'the project is not loaded');
    sendFullHello(conn, member, state);
  }

  function onFrame(conn: Connection, data: RawData, isBinary: boolean): void {
    if (conn.closing) return;
    const counted = countFrame(conn.rate, performance.now(), maxFramesPerSecond);
    conn.rate = counted.window;
    if (counted.verdict === 'close') {
      closeConnection(conn, CloseCode.RateLimited, `more than ${2 * maxFramesPerSecond} frames in a second`);
      return;
    }
    if (!conn.greeted || !conn.member) return;
    if (counted.verdict === 'reject') {
      sendError(conn, 'rate_limited', `more than ${maxFramesPerSecond} frames in a second: frame dropped`);
      return;
    }
    const text = isBinary ? null : textOf(data);
    if (!isBinary && text === null) {
      sendError(conn, 'bad_message', 'the frame is not UTF-8, so not JSON');
      return;
    }
    const decoded = decodeClientFrame(text ?? data);
    if (!decoded.ok) {
      sendError(conn, decoded.code, decoded.reason);
      return;
    }
    const { message } = decoded;
    if (message.type === 'ping') {
      const pong: PongMessage = { type: 'pong', id: message.id, serverTime: new Date(now()).toISOString() };
      sendControl(conn, pong);
      return;
    }
    void resync(conn, conn.member).catch((error: unknown) => {
      logger.error('resync failed', { error: error instanceof Error ? error.message : String(error) });
      closeConnection(conn, CloseCode.InternalError, 'resync failed');
    });
  }

  function sendError(conn: Connection, code: ErrorMessage['code'], message: string): void {
    const error: ErrorMessage = { type: 'error', code, message };
    sendControl(conn, error);
  }

  /** Hellos, pongs and errors: never subject to the slow-consumer check, so a large hello cannot drop its client. */
  function sendControl(conn: Connection, message: ResumedHelloMessage | PongMessage | ErrorMessage) {
    if (conn.closing) return;
    if (message.type === 'hello') sendHello(conn, Buffer.from(JSON.stringify(message)));
    else conn.ws.send(JSON.stringify(message));
  }

  /** A hello, full or resumed, as UTF-8 bytes (shared between connections): its bytes never count as a backlog. */
  function sendHello(conn: Connection, frame: Buffer) {
    if (conn.closing) return;
    conn.greeted = true;
    const bytes = frame.length + MAX_FRAME_HEADER_BYTES;
    conn.helloBytesUnsent += bytes;
    // Called once the frame has left the process (or failed to): from then on it is no longer buffered here.
    conn.ws.send(frame, { binary: false }, () => {
      conn.helloBytesUnsent -= bytes;
    });
  }

  function sendStream(conn: Connection, frame: Buffer): void {
    if (conn.closing) return;
    if (conn.ws.bufferedAmount - conn.helloBytesUnsent > maxBufferedBytes) {
      logger.info('closing a slow consumer', { projectId: conn.member?.projectId, buffered: conn.ws.bufferedAmount });
      closeConnection(conn, CloseCode.SlowConsumer, 'slow consumer');
      return;
    }
    conn.ws.send(frame, { binary: false });
  }

  /** Every close the server starts: nothing is sent after it, and a peer that does not finish it is terminated. */
  function closeConnection(conn: Connection, code: number, reason: string): void {
    if (conn.closing) return;
    conn.closing = true;
    if (conn.member) broadcaster.leave(conn.member);
    const timer = setTimeout(() => {
      killTimers.delete(timer);
      conn.ws.terminate();
    }, CLOSE_GRACE_MS);
    killTimers.add(timer);
    conn.ws.once('close', () => {
      clearTimeout(timer);
      killTimers.delete(timer);
    });
    // A close reason is at most 123 bytes.
    conn.ws.close(code, Buffer.from(reason).subarray(0, 123).toString());
  }

  function forget(conn: Connection): void {
    conn.closing = true;
    connections.delete(conn);
    if (conn.member) {
      broadcaster.leave(conn.member);
      if (broadcaster.count(conn.member.projectId) === 0) helloFrames.delete(conn.member.projectId);
    }
    conn.release?.();
    conn.release = null;
  }

  /** The one shutdown: every caller of `close()` waits for it. */
  let shutdown: Promise<void> | null = null;

  async function closeEndpoint(): Promise<void> {
    closed = true;
    server.off('upgrade', onUpgrade);
    clearInterval(heartbeat);
    authorizations.close('the endpoint is closing');
    unsubscribeCommits();
    await Promise.all(
      [...connections].map(
        (conn) =>
          new Promise<void>((resolve) => {
            if (conn.ws.readyState === WebSocket.CLOSED) return resolve();
            conn.ws.once('close', () => resolve());
            closeConnection(conn, CloseCode.GoingAway, 'server shutting down');
          }),
      ),
    );
    for (const timer of killTimers) clearTimeout(timer);
    killTimers.clear();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  }

  return {
    close() {
      shutdown ??= closeEndpoint();
      return shutdown;
    },
  };
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

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A text frame's string, or null when its bytes are not UTF-8. */
function textOf(data: RawData): string | null {
  const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

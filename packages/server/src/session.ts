// A connection's session, from the open socket to its close: the handshake's last steps (authorize, the project's
// existence), the first hello (resumed when the client's epoch and seq are inside the replay window, full otherwise),
// then the client's frames (ping, resync) under the frame budget, and a full hello pushed when the project's state
// was replaced (the store lost its epoch). Every hello and the stream are in the version the client asked for. The
// caps on connections (in all, and per project through admissions.ts) are checked here too: past either, the
// connection is closed with 4503.
import type { IncomingMessage } from 'node:http';
import type { PongMessage, ResumedHelloMessage } from '@livesnap/protocol';
import { CloseCode, decodeClientFrame } from '@livesnap/protocol';
import { type RawData, WebSocket } from 'ws';
import type { Admissions } from './admissions.js';
import type { Broadcaster, Member } from './broadcast.js';
import { type Connection, createConnection } from './connection.js';
import type { SnapshotFeed } from './feed.js';
import type { ResumeRequest } from './handshake.js';
import { createHelloFrames } from './hello-frames.js';
import { type Logger, messageOf } from './logger.js';
import { countFrame, FRESH_WINDOW, type RateWindow } from './rate-limit.js';
import type { Scheduler } from './scheduler.js';
import type { ProjectState } from './store.js';
import { textOf } from './text-frame.js';
import { type AdmitOptions, admit } from './upgrade.js';

export interface SessionOptions extends AdmitOptions {
  feed: SnapshotFeed;
  broadcaster: Broadcaster;
  maxBufferedBytes: number;
  maxFramesPerSecond: number;
  /** Open connections at most, handshakes included: past it a new one is closed with 4503. */
  maxConnections: number;
  admissions: Admissions;
  scheduler: Scheduler;
  logger: Logger;
  /** The hello's `instance`, when this instance has a name. */
  instance: string | undefined;
  /** The endpoint is closing: a socket opened now is closed with 1001 at once. */
  isClosed(): boolean;
  /** Starts the heartbeat's watch of a connection; returns the function that ends it. */
  watch(conn: Connection): () => void;
}

export interface Sessions {
  /** Runs the session of a socket that passed routing and the Origin check. */
  open(ws: WebSocket, request: IncomingMessage, query: URLSearchParams): void;
  /** A commit changed the project: its serialized hello is stale. */
  committed(projectId: string): void;
  /** The source no longer has the project: every connection to it is closed with 4404. */
  projectGone(projectId: string): void;
  /** The project's state was replaced: every connection to it is sent a full hello of the new state. */
  projectReset(projectId: string): void;
  /** The connections open now. */
  connections(): Connection[];
}

interface Session {
  readonly conn: Connection;
  member: Member | null;
  release: (() => void) | null;
  rate: RateWindow;
  /** The project's state was replaced while this session's hello was prepared: greet it anew once that is sent. */
  resetPending: boolean;
}

export function createSessions(options: SessionOptions): Sessions {
  const { feed, broadcaster, maxFramesPerSecond, admissions, logger, now } = options;
  const named = options.instance === undefined ? {} : { instance: options.instance };
  const sessions = new Set<Session>();
  const helloFrames = createHelloFrames(options.instance);

  const logContext = (session: Session) => ({ projectId: session.member?.projectId });

  function open(ws: WebSocket, request: IncomingMessage, query: URLSearchParams): void {
    const session: Session = {
      conn: createConnection(ws, {
        maxBufferedBytes: options.maxBufferedBytes,
        scheduler: options.scheduler,
        logger,
        logContext: () => logContext(session),
        onClosing: () => {
          if (session.member) broadcaster.leave(session.member);
        },
      }),
      member: null,
      release: null,
      rate: FRESH_WINDOW,
      resetPending: false,
    };
    const { conn } = session;
    sessions.add(session);
    const unwatch = options.watch(conn);
    ws.on('error', (error) => {
      // `ws` reports here the frames it refused, once it has started closing the connection itself.
      logger.debug('ws closed the connection', { ...logContext(session), error: error.message });
      if (ws.readyState === WebSocket.CLOSING) conn.closedByWs();
    });
    ws.on('message', (data, isBinary) => onFrame(session, data, isBinary));
    ws.on('close', () => {
      unwatch();
      forget(session);
    });
    if (options.isClosed()) {
      conn.close(CloseCode.GoingAway, 'server shutting down');
      return;
    }
    if (sessions.size > options.maxConnections) {
      logger.debug('a connection was refused: the endpoint is at maxConnections', { limit: options.maxConnections });
      conn.close(CloseCode.TryLater, 'the server is at its connection limit');
      return;
    }
    void start(session, request, query).catch((error: unknown) => {
      logger.error('a connection failed', { error: messageOf(error) });
      ws.terminate();
    });
  }

  async function start(session: Session, request: IncomingMessage, query: URLSearchParams): Promise<void> {
    const { conn } = session;
    admissions.authorizing(conn);
    const admission = await admit(request, query, options);
    if (conn.closing) return;
    if (!admission.ok) {
      if (admission.error !== undefined) {
        logger.error('authorize failed', { projectId: query.get('projectId'), error: messageOf(admission.error) });
      }
      return conn.close(admission.code, admission.reason);
    }
    const { projectId, protocol, resume, grant } = admission;
    const admitted = admissions.admit(conn, projectId, grant);
    if (admitted === 'revoked') return conn.close(CloseCode.Forbidden, 'access revoked');
    if (admitted === 'full') return conn.close(CloseCode.TryLater, 'the project is at its connection limit');
    // Join before the state is read, so that what is committed meanwhile is buffered, not lost.
    const member = broadcaster.join(
      projectId,
      protocol,
      (frame) => conn.sendStream(frame),
      () => conn.close(CloseCode.SlowConsumer, 'the stream outran the hello'),
    );
    session.member = member;
    let subscription: Awaited<ReturnType<SnapshotFeed['subscribe']>>;
    try {
      subscription = await feed.subscribe(projectId);
    } catch (error) {
      logger.warn('the project could not be loaded', { projectId, error: messageOf(error) });
      return conn.close(CloseCode.TryLater, 'try later');
    }
    if (subscription === null) return conn.close(CloseCode.NotFound, 'no such project');
    if (conn.closing) return subscription.release();
    session.release = subscription.release;
    await greet(conn, member, subscription.state, resume);
    greeted(session);
  }

  /** The first hello: resumed when the client's epoch and seq are inside the replay window, full otherwise. */
  async function greet(conn: Connection, member: Member, state: ProjectState, resume: ResumeRequest | null) {
    // A `seq` past this state's may still be in the store's log: an instance that shares it can be a little behind.
    if (resume && resume.epoch === state.epoch) {
      const missed = await feed.readSince(member.projectId, resume.epoch, resume.seq);
      if (conn.closing) return;
      // The store's replay log is the one window: `replayLimit` belongs to the store.
      if (missed !== null) {
        const hello: ResumedHelloMessage = {
          type: 'hello',
          protocol: member.protocol,
          projectId: member.projectId,
          epoch: state.epoch,
          seq: resume.seq,
          resumed: true,
          ...named,
        };
        conn.sendMessage(hello);
        broadcaster.goLive(member, state.epoch, resume.seq, missed);
        return;
      }
    }
    sendFullHello(conn, member, state);
  }

  function sendFullHello(conn: Connection, member: Member, state: ProjectState): void {
    conn.sendHello(helloFrames.frame(member.projectId, member.protocol, state));
    broadcaster.goLive(member, state.epoch, state.seq);
  }

  async function resync(conn: Connection, member: Member): Promise<void> {
    // A hello already on its way answers this resync too: the client sent it before it could have read that hello.
    // This also keeps a client that asks for resyncs and reads nothing from piling up hellos in server memory.
    if (member.phase !== 'live' || conn.helloInFlight) return;
    await greetAnew(conn, member);
  }

  async function greetAnew(conn: Connection, member: Member): Promise<void> {
    broadcaster.wait(member);
    const state = await feed.state(member.projectId);
    if (conn.closing) return;
    if (!state) return conn.close(CloseCode.TryLater, 'the project is not loaded');
    sendFullHello(conn, member, state);
  }

  /** A hello was sent: if the state was replaced while it was prepared, it is stale, and a new one follows. */
  function greeted(session: Session): void {
    if (!session.resetPending) return;
    session.resetPending = false;
    reset(session);
  }

  /** The project's state was replaced: a full hello of the new one, now or once the hello being prepared is sent. */
  function reset(session: Session): void {
    const { conn, member } = session;
    if (conn.closing || !member) return;
    if (member.phase !== 'live') {
      session.resetPending = true;
      return;
    }
    void greetAnew(conn, member)
      .then(() => greeted(session))
      .catch((error: unknown) => {
        logger.error('greeting a connection anew failed', { projectId: member.projectId, error: messageOf(error) });
        conn.close(CloseCode.InternalError, 'greeting anew failed');
      });
  }

  function onFrame(session: Session, data: RawData, isBinary: boolean): void {
    const { conn } = session;
    if (conn.closing) return;
    const counted = countFrame(session.rate, performance.now(), maxFramesPerSecond);
    session.rate = counted.window;
    if (counted.verdict === 'close') {
      conn.close(CloseCode.RateLimited, `more than ${2 * maxFramesPerSecond} frames in a second`);
      return;
    }
    if (!conn.greeted || !session.member) return;
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
      conn.sendMessage(pong);
      return;
    }
    void resync(conn, session.member)
      .then(() => greeted(session))
      .catch((error: unknown) => {
        logger.error('resync failed', { error: messageOf(error) });
        conn.close(CloseCode.InternalError, 'resync failed');
      });
  }

  function sendError(conn: Connection, code: 'rate_limited' | 'bad_message' | 'unknown_type', message: string) {
    conn.sendMessage({ type: 'error', code, message });
  }

  function forget(session: Session): void {
    const { conn, member } = session;
    conn.ended();
    sessions.delete(session);
    admissions.forget(conn);
    if (member && broadcaster.count(member.projectId) === 0) helloFrames.forget(member.projectId);
    session.release?.();
    session.release = null;
  }

  return {
    open,
    committed: (projectId) => helloFrames.forget(projectId),
    projectReset(projectId) {
      helloFrames.forget(projectId);
      for (const session of sessions) if (session.member?.projectId === projectId) reset(session);
    },
    projectGone(projectId) {
      helloFrames.forget(projectId);
      for (const { conn, member } of sessions) {
        if (member?.projectId === projectId) conn.close(CloseCode.NotFound, 'the project no longer exists');
      }
    },
    connections: () => [...sessions].map((session) => session.conn),
  };
}

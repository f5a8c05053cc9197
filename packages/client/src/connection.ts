// The socket's lifecycle as an explicit state machine over reconnecting-websocket: our delays, our URL, our stops.
import RWS from 'reconnecting-websocket';
import { BACKOFF_RESET_AFTER_MS, type BackoffOptions, backoffDelay } from './backoff.js';
import { type ClosePolicyState, decideAfterClose, INITIAL_CLOSE_POLICY_STATE } from './close-policy.js';
import { createSocketFactory, type WebSocketConstructor, type WebSocketLike } from './socket-factory.js';
import type { TimerHandle, Timers } from './timers.js';

// Typed as the module under some resolutions, and a `{ default }` object under some CommonJS interop: unwrap once.
type Unwrap<T> = T extends { default: infer D } ? D : T;
const RwsModule = RWS as unknown as Unwrap<typeof RWS> | { default: Unwrap<typeof RWS> };
const ReconnectingWebSocket = 'default' in RwsModule ? RwsModule.default : RwsModule;
type ReconnectingWebSocket = InstanceType<typeof ReconnectingWebSocket>;

/** A socket that has not opened within this long is abandoned and counts as a failure. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** The URL handed to reconnecting-websocket for an attempt it must not make: it checks that it was closed first. */
const ABANDONED_URL = 'ws://abandoned.invalid/';

/** Close code (application range) for a socket the client abandons where it cannot terminate it. */
const ABANDON_CODE = 4000;

export interface ConnectionOptions {
  WebSocket: WebSocketConstructor;
  /** The URL of the next attempt; called once per attempt, after its delay. A rejection counts as a failed attempt. */
  buildUrl(): Promise<string>;
  backoff: BackoffOptions;
  connectTimeoutMs: number;
  timers: Timers;
  now(): number;
  random(): number;
}

export interface ConnectionClose {
  /** The close code, or the client's own code when it abandoned the socket (`heartbeat_timeout`, `url`, …). */
  readonly code: number | string;
  readonly reason: string;
  /** The close policy ended the session: no more attempts until `start()`. */
  readonly stopped: boolean;
  /** The delay before the next attempt, when not stopped. */
  readonly delayMs: number | null;
}

export interface ConnectionEvents {
  /** An attempt starts (its delay is over); `reconnect` is false for the first attempt after `start()`. */
  onAttempt(reconnect: boolean): void;
  onOpen(): void;
  onMessage(data: unknown): void;
  onClose(close: ConnectionClose): void;
}

/**
 * - `idle`: nothing runs (never started, stopped, or ended by a terminal close code);
 * - `waiting`: the delay before the next attempt is running (`timer`), or is over and the attempt waits for
 *   reconnecting-websocket to ask for its URL (`timer` null);
 * - `connecting`: the URL is being built, or the socket is CONNECTING;
 * - `open`: the socket is open.
 */
export type ConnectionPhase = 'idle' | 'waiting' | 'connecting' | 'open';

/** One reconnecting-websocket instance, from `start()` to `stop()` or a terminal close; never reused after. */
interface Session {
  readonly rws: ReconnectingWebSocket;
  retired: boolean;
  /** reconnecting-websocket waits on this promise's resolver for the next URL. */
  urlRequest: ((url: string) => void) | null;
  socket: WebSocketLike | null;
  /** Set when the client abandons the current socket: its close is reported with this code and backs off. */
  abandoned: { code: string; reason: string } | null;
  /** The attempt whose URL (token included) is being built, and reconnecting-websocket's resolver waiting for it. */
  building: { readonly attempt: number; readonly resolve: (url: string) => void } | null;
  /** The connect timeout of the current attempt: from its start (before the token) until the socket opens. */
  deadline: TimerHandle | null;
}

type State =
  | { readonly phase: 'idle' }
  | { readonly phase: 'waiting'; readonly session: Session; readonly timer: TimerHandle | null }
  | { readonly phase: 'connecting'; readonly session: Session }
  | { readonly phase: 'open'; readonly session: Session; readonly openedAt: number };

export interface Connection {
  readonly phase: ConnectionPhase;
  /** Starts connecting at once; a no-op unless idle. */
  start(): void;
  /** Closes the socket (1000) or cancels the attempt, and leaves no timer or listener behind. */
  stop(): void;
  /** Sends a text frame if the socket is open; returns whether it did (nothing is queued). */
  send(data: string): boolean;
  /** Abandons the current socket (a dead peer, a resync that failed): it closes and the next attempt backs off. */
  abandon(code: string, reason: string): void;
  /** Skips the rest of the delay when waiting to reconnect. */
  wake(): void;
}

export function createConnection(options: ConnectionOptions, events: ConnectionEvents): Connection {
  const { timers } = options;
  let state: State = { phase: 'idle' };
  /** Consecutive failures: the exponent of the backoff. */
  let failures = 0;
  let attempts = 0;
  let policy: ClosePolicyState = INITIAL_CLOSE_POLICY_STATE;

  const isCurrent = (session: Session) => state.phase !== 'idle' && state.session === session && !session.retired;

  function createSession(): Session {
    const session: Session = {
      // Set just below: reconnecting-websocket calls back into the session only after its constructor returned.
      rws: undefined as unknown as ReconnectingWebSocket,
      retired: false,
      urlRequest: null,
      socket: null,
      abandoned: null,
      building: null,
      deadline: null,
    };
    const WebSocket = createSocketFactory(options.WebSocket, (socket) => {
      session.socket = socket;
    });
    const urlProvider = () =>
      new Promise<string>((resolve) => {
        if (!isCurrent(session)) {
          resolve(ABANDONED_URL);
          return;
        }
        session.urlRequest = resolve;
        beginAttempt();
      });
    const rws = new ReconnectingWebSocket(urlProvider, undefined, {
      WebSocket,
      // Every delay is ours (see `urlProvider`): reconnecting-websocket asks for the URL at once.
      minReconnectionDelay: 0,
      maxReconnectionDelay: 0,
      reconnectionDelayGrowFactor: 1,
      minUptime: BACKOFF_RESET_AFTER_MS,
      connectionTimeout: options.connectTimeoutMs,
      maxRetries: Number.POSITIVE_INFINITY,
      // Nothing sent before a hello may be delivered after it.
      maxEnqueuedMessages: 0,
    });
    rws.binaryType = 'arraybuffer';
    rws.addEventListener('open', () => {
      if (isCurrent(session) && state.phase === 'connecting') {
        clearDeadline(session);
        state = { phase: 'open', session, openedAt: options.now() };
        events.onOpen();
      }
    });
    rws.addEventListener('message', (event) => {
      if (isCurrent(session) && state.phase === 'open') events.onMessage((event as { data: unknown }).data);
    });
    rws.addEventListener('close', (event) => {
      if (isCurrent(session)) onSocketClose(session, event.code, event.reason);
    });
    (session as { rws: ReconnectingWebSocket }).rws = rws;
    return session;
  }

  /** The attempt starts when its delay is over and reconnecting-websocket has asked for the URL, in either order. */
  function beginAttempt() {
    if (state.phase !== 'waiting' || state.timer !== null) return;
    const { session } = state;
    const resolve = session.urlRequest;
    if (resolve === null) return;
    session.urlRequest = null;
    state = { phase: 'connecting', session };
    attempts += 1;
    const attempt = attempts;
    session.building = { attempt, resolve };
    // The connect timeout covers the token and the URL too: a token function that never settles must not hold the
    // client in `connecting` for ever.
    session.deadline = timers.setTimeout(() => {
      session.deadline = null;
      onAttemptTimeout(session, attempt);
    }, options.connectTimeoutMs);
    events.onAttempt(attempts > 1);
    // A listener of that event may have stopped (or restarted) the client: then this attempt's token is not wanted.
    if (session.building?.attempt !== attempt) return;
    // Settles only the attempt it was built for: one that timed out, or was stopped, has handed its resolver on.
    const settled = () => {
      if (session.building?.attempt !== attempt) return false;
      session.building = null;
      return true;
    };
    options.buildUrl().then(
      (url) => {
        if (settled()) resolve(url);
      },
      (error: unknown) => {
        if (!settled()) return;
        clearDeadline(session);
        // reconnecting-websocket keeps waiting on the same request: retry it after a backoff.
        session.urlRequest = resolve;
        const message = error instanceof Error ? error.message : String(error);
        const code = (error as { code?: unknown } | null)?.code;
        const delayMs = wait(session, 'backoff');
        events.onClose({ code: typeof code === 'string' ? code : 'url', reason: message, stopped: false, delayMs });
      },
    );
  }

  /** The attempt did not open in time: while its URL is being built, it fails here; a CONNECTING socket is abandoned. */
  function onAttemptTimeout(session: Session, attempt: number) {
    if (!isCurrent(session) || state.phase !== 'connecting') return;
    const reason = `the socket did not open within ${options.connectTimeoutMs} ms`;
    const building = session.building;
    if (building === null || building.attempt !== attempt) {
      abandon('connect_timeout', reason);
      return;
    }
    session.building = null;
    // reconnecting-websocket keeps waiting on the same request: the next attempt answers it.
    session.urlRequest = building.resolve;
    const delayMs = wait(session, 'backoff');
    events.onClose({ code: 'connect_timeout', reason, stopped: false, delayMs });
  }

  function clearDeadline(session: Session) {
    if (session.deadline !== null) timers.clearTimeout(session.deadline);
    session.deadline = null;
  }

  /** Enters `waiting` for the next attempt and returns its delay. */
  function wait(session: Session, delay: 'immediate' | 'backoff'): number {
    const delayMs = delay === 'immediate' ? 0 : backoffDelay(failures, options.backoff, options.random);
    if (delay === 'backoff') failures += 1;
    const timer = timers.setTimeout(() => {
      if (state.phase === 'waiting' && state.session === session && state.timer === timer) {
        state = { phase: 'waiting', session, timer: null };
        beginAttempt();
      }
    }, delayMs);
    state = { phase: 'waiting', session, timer };
    return delayMs;
  }

  function onSocketClose(session: Session, code: number, reason: string) {
    clearDeadline(session);
    if (state.phase === 'open' && options.now() - state.openedAt >= BACKOFF_RESET_AFTER_MS) failures = 0;
    const abandoned = session.abandoned;
    session.abandoned = null;
    session.socket = null;
    if (abandoned !== null) {
      policy = { ...policy, unauthorizedInARow: 0 };
      const delayMs = wait(session, 'backoff');
      events.onClose({ code: abandoned.code, reason: abandoned.reason, stopped: false, delayMs });
      return;
    }
    if (state.phase === 'connecting') {
      // The socket never opened, so no server sent this close: reconnecting-websocket reports its own connection
      // timeout, and any failure to connect, as a 1000 (reason "timeout" for the former).
      const timedOut = code === 1000 && reason === 'timeout';
      const delayMs = wait(session, 'backoff');
      events.onClose({
        code: timedOut ? 'connect_timeout' : 'connect_failed',
        reason: timedOut
          ? `the socket did not open within ${options.connectTimeoutMs} ms`
          : `the connection could not be made${reason ? `: ${reason}` : ''}`,
        stopped: false,
        delayMs,
      });
      return;
    }
    const result = decideAfterClose(policy, code, options.now());
    policy = result.state;
    if (result.decision.action === 'stop') {
      retire(session);
      state = { phase: 'idle' };
      events.onClose({ code, reason, stopped: true, delayMs: null });
      return;
    }
    const delayMs = wait(session, result.decision.delay);
    events.onClose({ code, reason, stopped: false, delayMs });
  }

  /** Ends a session for good: reconnecting-websocket is closed first, so that the URL it may still get is never used. */
  function retire(session: Session) {
    session.retired = true;
    clearDeadline(session);
    session.rws.close(1000, 'client closed');
    const resolve = session.urlRequest ?? session.building?.resolve ?? null;
    session.urlRequest = null;
    session.building = null;
    resolve?.(ABANDONED_URL);
  }

  function abandon(code: string, reason: string) {
    if (state.phase !== 'open' && state.phase !== 'connecting') return;
    const { session } = state;
    const socket = session.socket;
    if (socket === null || session.abandoned !== null) return;
    session.abandoned = { code, reason };
    // A dead peer will not answer a close handshake: `ws` can drop the socket at once; a browser must close it.
    const terminate = (socket as { terminate?: unknown }).terminate;
    if (typeof terminate === 'function') terminate.call(socket);
    // A browser throws on a close reason over 123 bytes, and reconnecting-websocket would swallow that and stall.
    else session.rws.reconnect(ABANDON_CODE, reason.slice(0, 60));
  }

  return {
    get phase() {
      return state.phase;
    },
    start() {
      if (state.phase !== 'idle') return;
      failures = 0;
      attempts = 0;
      policy = INITIAL_CLOSE_POLICY_STATE;
      // reconnecting-websocket asks for the first URL on its next tick; the first attempt has no delay.
      const session = createSession();
      state = { phase: 'waiting', session, timer: null };
      beginAttempt();
    },
    stop() {
      if (state.phase === 'idle') return;
      if (state.phase === 'waiting' && state.timer !== null) timers.clearTimeout(state.timer);
      const { session } = state;
      state = { phase: 'idle' };
      retire(session);
    },
    send(data) {
      if (state.phase !== 'open') return false;
      state.session.rws.send(data);
      return true;
    },
    abandon,
    wake() {
      if (state.phase !== 'waiting' || state.timer === null) return;
      timers.clearTimeout(state.timer);
      state = { phase: 'waiting', session: state.session, timer: null };
      beginAttempt();
    },
  };
}

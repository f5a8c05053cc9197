// The reconnecting-websocket adapter: one instance makes the sockets on the URLs the connection hands it, and decides
// no delay of its own. Its defects are kept in here and in socket-factory.ts.
import RWS from 'reconnecting-websocket';
import { BACKOFF_RESET_AFTER_MS } from './backoff.js';
import { createSocketFactory, type WebSocketConstructor, type WebSocketLike } from './socket-factory.js';

// Typed as the module under some resolutions, and a `{ default }` object under some CommonJS interop: unwrap once.
type Unwrap<T> = T extends { default: infer D } ? D : T;
const RwsModule = RWS as unknown as Unwrap<typeof RWS> | { default: Unwrap<typeof RWS> };
const ReconnectingWebSocket = 'default' in RwsModule ? RwsModule.default : RwsModule;

/** The URL handed to reconnecting-websocket for a socket it must not make: it checks that it was closed first. */
const ABANDONED_URL = 'ws://abandoned.invalid/';

/** Close code (application range) for a socket the client abandons where it cannot terminate it. */
const ABANDON_CODE = 4000;

export interface SocketClose {
  readonly code: number;
  readonly reason: string;
}

/** One socket, as the connection drives it. */
export interface TransportSocket {
  /** Sends a text frame if the socket is open; nothing is queued. */
  send(data: string): void;
  /** Gives the socket up; its close still comes. */
  abandon(reason: string): void;
}

export interface TransportEvents {
  /** A socket was made, on the URL handed over last. */
  onSocket(socket: TransportSocket): void;
  onOpen(socket: TransportSocket): void;
  onMessage(socket: TransportSocket, data: unknown): void;
  onClose(socket: TransportSocket, close: SocketClose): void;
}

export interface Transport {
  /** The URL of the next socket: handed to reconnecting-websocket at once if it waits for one, else when it asks. */
  connect(url: string): void;
  /** Withdraws a URL that reconnecting-websocket has not asked for yet (its attempt failed or was cancelled). */
  cancel(): void;
  /** Ends the instance for good: its socket is closed with 1000, it makes no other, and no event follows. */
  retire(): void;
}

export function createTransport(
  options: { readonly WebSocket: WebSocketConstructor; readonly connectTimeoutMs: number },
  events: TransportEvents,
): Transport {
  let retired = false;
  /** reconnecting-websocket waits on this resolver for the next URL. */
  let request: ((url: string) => void) | null = null;
  let queued: string | null = null;
  let current: TransportSocket | null = null;

  const handle = (socket: WebSocketLike): TransportSocket => ({
    send: (data) => rws.send(data),
    abandon(reason) {
      // A dead peer will not answer a close handshake: `ws` can drop the socket at once; a browser must close it.
      const terminate = (socket as { terminate?: unknown }).terminate;
      if (typeof terminate === 'function') terminate.call(socket);
      // A browser throws on a close reason over 123 bytes, and reconnecting-websocket would swallow that and stall.
      else rws.reconnect(ABANDON_CODE, reason.slice(0, 60));
    },
  });

  const WebSocket = createSocketFactory(options.WebSocket, (socket) => {
    current = handle(socket);
    events.onSocket(current);
  });
  const urlProvider = () =>
    new Promise<string>((resolve) => {
      if (retired) resolve(ABANDONED_URL);
      else if (queued !== null) {
        resolve(queued);
        queued = null;
      } else request = resolve;
    });
  const rws = new ReconnectingWebSocket(urlProvider, undefined, {
    WebSocket,
    // Every delay is ours: reconnecting-websocket asks for the URL at once, and waits for it.
    minReconnectionDelay: 0,
    maxReconnectionDelay: 0,
    reconnectionDelayGrowFactor: 1,
    minUptime: BACKOFF_RESET_AFTER_MS,
    // A backstop: the connection's own deadline starts earlier (before the token) and abandons the socket first.
    connectionTimeout: options.connectTimeoutMs,
    maxRetries: Number.POSITIVE_INFINITY,
    // Nothing sent before a hello may be delivered after it.
    maxEnqueuedMessages: 0,
  });
  rws.binaryType = 'arraybuffer';
  rws.addEventListener('open', () => {
    if (!retired && current !== null) events.onOpen(current);
  });
  rws.addEventListener('message', (event) => {
    if (!retired && current !== null) events.onMessage(current, (event as { data: unknown }).data);
  });
  rws.addEventListener('close', (event) => {
    const socket = current;
    current = null;
    if (!retired && socket !== null) events.onClose(socket, { code: event.code, reason: event.reason });
  });

  return {
    connect(url) {
      if (retired) return;
      const resolve = request;
      request = null;
      if (resolve === null) queued = url;
      else resolve(url);
    },
    cancel() {
      queued = null;
    },
    retire() {
      if (retired) return;
      retired = true;
      // Closed first, so that the URL it may still get is never used.
      rws.close(1000, 'client closed');
      request?.(ABANDONED_URL);
      request = null;
      queued = null;
    },
  };
}

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
  /** The socket's own close code: 1006 where the platform gives no other (reconnecting-websocket's 1000 is not used). */
  readonly code: number;
  readonly reason: string;
  /** What the socket's `error` event said before the close, where it says anything (`ws` does; a browser does not). */
  readonly error: string | null;
  /**
   * The HTTP status of an upgrade the server refused, where the platform shows it: `ws` does (in its error); a browser
   * shows a refused upgrade as a network error, and this is null.
   */
  readonly httpStatus: number | null;
}

/** `ws`'s error for a refused upgrade (it emits it when nobody listens for `unexpected-response`). */
const REFUSED_UPGRADE = /^Unexpected server response: (\d{3})$/;

/** One socket, as the connection drives it. */
export interface TransportSocket {
  /** Sends a text frame if the socket is open; nothing is queued. */
  send(data: string): void;
  /** Gives the socket up: no event but its close comes from it any more. */
  abandon(reason: string): void;
  /** Bytes received so far, where the platform shows them (`ws`: its TCP socket's `bytesRead`), else null. */
  receivedBytes(): number | null;
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

/**
 * The events of each socket are taken from the socket itself, not from reconnecting-websocket, which turns an `error`
 * into a close(1000) of its own (a browser fires `error` before the `close` of any connection lost without a close
 * frame, and `ws` before the close of a protocol error): the socket's own `close` carries the real code. Taking them
 * from the socket also says which socket each came from.
 */
export function createTransport(
  options: { readonly WebSocket: WebSocketConstructor; readonly connectTimeoutMs: number },
  events: TransportEvents,
): Transport {
  let retired = false;
  /** reconnecting-websocket waits on this resolver for the next URL. */
  let request: ((url: string) => void) | null = null;
  let queued: string | null = null;

  function watch(socket: WebSocketLike): void {
    let abandoned = false;
    let closed = false;
    let error: string | null = null;
    /** `ws` hands its TCP socket over in its `upgrade` event (a browser shows nothing of the kind). */
    let tcp: { readonly bytesRead: number } | null = null;
    const on = (socket as { on?: unknown }).on;
    if (typeof on === 'function') {
      on.call(socket, 'upgrade', (response: { socket?: { bytesRead?: unknown } } | undefined) => {
        const candidate = response?.socket;
        if (typeof candidate?.bytesRead === 'number') tcp = candidate as { bytesRead: number };
      });
    }
    const handle: TransportSocket = {
      receivedBytes: () => tcp?.bytesRead ?? null,
      send(data) {
        if (socket.readyState === 1) socket.send(data);
      },
      abandon(reason) {
        abandoned = true;
        // A dead peer will not answer a close handshake: `ws` can drop the socket at once; a browser must close it.
        const terminate = (socket as { terminate?: unknown }).terminate;
        if (typeof terminate === 'function') terminate.call(socket);
        // A browser throws on a close reason over 123 bytes.
        else socket.close(ABANDON_CODE, reason.slice(0, 60));
      },
    };
    const listen = socket.addEventListener.bind(socket);
    listen('open', () => {
      if (!retired && !abandoned) events.onOpen(handle);
    });
    listen('message', (event: { data: unknown }) => {
      if (!retired && !abandoned) events.onMessage(handle, event.data);
    });
    listen('error', (event: { message?: unknown }) => {
      if (typeof event.message === 'string' && event.message !== '') error = event.message;
    });
    listen('close', (event: { code?: number; reason?: string }) => {
      if (closed) return;
      closed = true;
      const status = error === null ? null : REFUSED_UPGRADE.exec(error);
      const close = {
        code: event.code ?? 1006,
        reason: event.reason ?? '',
        error,
        httpStatus: status ? Number(status[1]) : null,
      };
      if (!retired) events.onClose(handle, close);
    });
    events.onSocket(handle);
  }

  const WebSocket = createSocketFactory(options.WebSocket, watch);
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

// The transport: makes one socket at a time, on the URLs the connection hands it, and reports each socket's own events.
// It decides nothing: every delay, deadline and retry is the connection's (connection-machine.ts).
import { createSocket, type WebSocketConstructor, type WebSocketLike } from './socket-factory.js';

/** Close code (application range) for a socket the client abandons where it cannot terminate it. */
const ABANDON_CODE = 4000;

export interface SocketClose {
  /** The socket's own close code: 1006 where the platform gives no other. */
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
  /** Makes the next socket on `url`: at once, or when the previous socket has closed (one socket at a time). */
  connect(url: string): void;
  /** Withdraws a URL still waiting for the previous socket to close (its attempt failed or was cancelled). */
  cancel(): void;
  /** Ends the transport for good: its socket is closed with 1000, it makes no other, and no event follows. */
  retire(): void;
}

/**
 * One socket at a time: a URL handed over while the previous socket has not closed yet waits for its close, so that
 * the connection never has two sockets of one session open. The events of a socket come from the socket itself, so
 * its own close code is reported (a browser fires `error` before the `close` of a connection lost without a close
 * frame; the `close` carries the code), and each event says which socket it came from.
 */
export function createTransport(
  options: { readonly WebSocket: WebSocketConstructor },
  events: TransportEvents,
): Transport {
  let retired = false;
  /** The socket made last, until its close. */
  let current: WebSocketLike | null = null;
  /** A URL waiting for `current` to close. */
  let queued: string | null = null;

  function open(url: string): void {
    const socket = createSocket(options.WebSocket, url);
    current = socket;
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
      if (current === socket) current = null;
      const status = error === null ? null : REFUSED_UPGRADE.exec(error);
      const close = {
        code: event.code ?? 1006,
        reason: event.reason ?? '',
        error,
        httpStatus: status ? Number(status[1]) : null,
      };
      if (retired) return;
      events.onClose(handle, close);
      // The connection may have handed over the next URL while this socket was closing.
      if (queued !== null && current === null && !retired) {
        const next = queued;
        queued = null;
        open(next);
      }
    });
    events.onSocket(handle);
  }

  return {
    connect(url) {
      if (retired) return;
      if (current === null) open(url);
      else queued = url;
    },
    cancel() {
      queued = null;
    },
    retire() {
      if (retired) return;
      retired = true;
      queued = null;
      current?.close(1000, 'client closed');
      current = null;
    },
  };
}

// The WebSocket constructor handed to reconnecting-websocket: the caller's, made safe for it to drive.

/** What the client needs from a WebSocket: the browser's, `ws` in Node, or the testing entry's fake. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: string, listener: (event: never) => void): void;
}

/** Any WebSocket class: the browser's `WebSocket`, `ws`'s `WebSocket`, the testing entry's fake. */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => object;

/** A WebSocket class as reconnecting-websocket recognises one (it checks `CLOSING === 2`). */
export interface SocketFactory {
  (url: string, protocols?: string | string[]): WebSocketLike;
  readonly CONNECTING: 0;
  readonly OPEN: 1;
  readonly CLOSING: 2;
  readonly CLOSED: 3;
}

const ignore = () => {};

/**
 * Wraps `Base` for reconnecting-websocket (called with `new`, it returns the object the function returns):
 * - every socket gets an `error` listener of its own, because reconnecting-websocket removes its listeners before it
 *   closes a socket that is still CONNECTING (its connection timeout), and Node's `ws` then throws the
 *   "closed before the connection was established" error as an uncaught exception (reconnecting-websocket #183);
 * - a constructor that throws (a URL the platform refuses) yields a socket that closes with 1006 on the next
 *   microtask, instead of a rejected promise inside reconnecting-websocket that would leave its connect lock held;
 * - `onCreated` sees each socket, so that the connection can terminate a dead one without a close handshake.
 */
export function createSocketFactory(
  Base: WebSocketConstructor,
  onCreated: (socket: WebSocketLike) => void,
): SocketFactory {
  function GuardedWebSocket(url: string, protocols?: string | string[]): WebSocketLike {
    let socket: WebSocketLike;
    try {
      socket = (protocols === undefined ? new Base(url) : new Base(url, protocols)) as WebSocketLike;
    } catch (error) {
      socket = failedSocket(error);
    }
    socket.addEventListener('error', ignore);
    onCreated(socket);
    return socket;
  }
  return Object.assign(GuardedWebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 } as const);
}

type Listener = (event: { type: string; code?: number; reason?: string; wasClean?: boolean }) => void;

/** A socket that could not even be created: it reports a close with 1006 as soon as its listeners are attached. */
function failedSocket(error: unknown): WebSocketLike {
  const listeners: { type: string; listener: Listener }[] = [];
  const reason = `the WebSocket could not be created: ${error instanceof Error ? error.message : String(error)}`;
  queueMicrotask(() => {
    for (const { type, listener } of listeners.slice()) {
      if (type === 'close') listener({ type: 'close', code: 1006, reason, wasClean: false });
    }
  });
  return {
    readyState: 3,
    binaryType: 'arraybuffer',
    bufferedAmount: 0,
    send: ignore,
    close: ignore,
    addEventListener: (type: string, listener: Listener) => listeners.push({ type, listener }),
    removeEventListener: (type: string, listener: Listener) => {
      const index = listeners.findIndex((l) => l.type === type && l.listener === listener);
      if (index >= 0) listeners.splice(index, 1);
    },
  } as unknown as WebSocketLike;
}

// Making a socket: the caller's WebSocket class, made safe to drive from the transport.

/** What the client needs from a WebSocket: the browser's, `ws` in Node, or the testing entry's fake. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: string, listener: (event: never) => void): void;
}

/** Any WebSocket class: the browser's `WebSocket`, `ws`'s `WebSocket`, the testing entry's fake. */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => object;

const ignore = () => {};

/**
 * A socket of `Base` on `url`, receiving frames as ArrayBuffers (a binary frame is invalid, and is reported as one):
 * - it has an `error` listener of its own from the start, because Node's `ws` throws an `error` nobody listens to as
 *   an uncaught exception (closing a socket that is still CONNECTING emits one);
 * - a constructor that throws (a URL or a port the platform refuses) yields a socket that closes with 1006 on the next
 *   microtask, so that the failure takes the path of every other failed attempt.
 */
export function createSocket(Base: WebSocketConstructor, url: string): WebSocketLike {
  let socket: WebSocketLike;
  try {
    socket = new Base(url) as WebSocketLike;
  } catch (error) {
    return failedSocket(error);
  }
  (socket as { binaryType?: string }).binaryType = 'arraybuffer';
  socket.addEventListener('error', ignore);
  return socket;
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
    send: ignore,
    close: ignore,
    addEventListener: (type: string, listener: Listener) => listeners.push({ type, listener }),
  } as unknown as WebSocketLike;
}

// One client connection as the endpoint sends to it: every frame to the client goes through here, checked against
// `maxBufferedBytes` first (a slow consumer is closed with 4409), and every close the server starts, which ends in a
// terminate when the peer has not finished the close handshake within 1 s.
import type { ErrorMessage, PongMessage, ResumedHelloMessage } from '@livesnap/protocol';
import { CloseCode } from '@livesnap/protocol';
import type { WebSocket } from 'ws';
import type { LogContext, Logger } from './logger.js';
import type { Scheduler } from './scheduler.js';

/** A server frame's header is at most 10 bytes (unmasked, 64-bit length). */
const MAX_FRAME_HEADER_BYTES = 10;

/** How long a close handshake the server started may take before the socket is terminated. */
export const CLOSE_GRACE_MS = 1000;

export interface Connection {
  readonly ws: WebSocket;
  /** The server closed it, or it closed: nothing more is sent. */
  readonly closing: boolean;
  /** A hello was sent: from then on client frames are answered (a refused connection receives no frame). */
  readonly greeted: boolean;
  /** A hello handed to the socket has not yet left the process: it answers a resync too. */
  readonly helloInFlight: boolean;
  /** A hello, full or resumed, as UTF-8 bytes (shared between connections): its own bytes never count as a backlog. */
  sendHello(frame: Buffer): void;
  /** A pong, an error or a resumed hello. */
  sendMessage(message: ResumedHelloMessage | PongMessage | ErrorMessage): void;
  /** A stream frame. */
  sendStream(frame: Buffer): void;
  /** A WebSocket-level ping carrying `payload` (the heartbeat's nonce). */
  sendPing(payload: Buffer): void;
  /** Every close the server starts: nothing is sent after it, and a peer that does not finish it is terminated. */
  close(code: number, reason: string): void;
  /**
   * `ws` closed the connection itself (1009 for a frame over `maxPayload`, 1002 for a protocol error): treated like a
   * close the server started, so the peer gets the same 1 s, not `ws`'s own 30 s.
   */
  closedByWs(): void;
  /** The socket closed: nothing more is sent, and no terminate is pending. */
  ended(): void;
}

export interface ConnectionOptions {
  maxBufferedBytes: number;
  scheduler: Scheduler;
  logger: Logger;
  /** What names the connection in a log line (its project, once known). */
  logContext(): LogContext;
  /** Called once, when the server starts closing the connection or it closed. */
  onClosing(): void;
}

export function createConnection(ws: WebSocket, options: ConnectionOptions): Connection {
  const { maxBufferedBytes, scheduler, logger, logContext, onClosing } = options;
  let closing = false;
  let greeted = false;
  /**
   * Bytes of hellos handed to the socket and not yet written out of the process. The slow-consumer check does not
   * count them (a large hello must not get its own client dropped), and while there are any, that hello is still on
   * its way and answers a resync too.
   */
  let helloBytesUnsent = 0;
  let cancelTerminate: (() => void) | null = null;

  function stopSending(): boolean {
    if (closing) return false;
    closing = true;
    onClosing();
    return true;
  }

  /**
   * The slow-consumer check, before every frame: a client holding more than `maxBufferedBytes` unsent in this process
   * is closed with 4409 instead. The bytes of hellos are not counted (a large hello must not drop its own client), but
   * everything else is, pongs and errors queued behind a hello included.
   */
  function overBudget(): boolean {
    if (ws.bufferedAmount - helloBytesUnsent <= maxBufferedBytes) return false;
    logger.info('closing a slow consumer', { ...logContext(), buffered: ws.bufferedAmount });
    connection.close(CloseCode.SlowConsumer, 'slow consumer');
    return true;
  }

  function terminateAfterGrace(): void {
    cancelTerminate = scheduler.schedule(() => {
      cancelTerminate = null;
      ws.terminate();
    }, CLOSE_GRACE_MS);
  }

  const connection: Connection = {
    ws,
    get closing() {
      return closing;
    },
    get greeted() {
      return greeted;
    },
    get helloInFlight() {
      return helloBytesUnsent > 0;
    },
    sendHello(frame) {
      if (closing || overBudget()) return;
      greeted = true;
      const bytes = frame.length + MAX_FRAME_HEADER_BYTES;
      helloBytesUnsent += bytes;
      // Called once the frame has left the process (or failed to): from then on it is no longer buffered here.
      ws.send(frame, { binary: false }, () => {
        helloBytesUnsent -= bytes;
      });
    },
    sendMessage(message) {
      if (message.type === 'hello') connection.sendHello(Buffer.from(JSON.stringify(message)));
      else if (!closing && !overBudget()) ws.send(JSON.stringify(message));
    },
    sendStream(frame) {
      if (!closing && !overBudget()) ws.send(frame, { binary: false });
    },
    sendPing(payload) {
      if (!closing && !overBudget()) ws.ping(payload);
    },
    close(code, reason) {
      if (!stopSending()) return;
      terminateAfterGrace();
      // A close reason is at most 123 bytes.
      ws.close(code, Buffer.from(reason).subarray(0, 123).toString());
    },
    closedByWs() {
      if (stopSending()) terminateAfterGrace();
    },
    ended() {
      stopSending();
      cancelTerminate?.();
      cancelTerminate = null;
    },
  };
  return connection;
}

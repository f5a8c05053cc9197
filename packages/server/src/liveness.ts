// Liveness of PROTOCOL.md: every `heartbeatMs` the server pings each connection at the WebSocket level with a random
// nonce, and terminates one that has not answered the previous ping, with no close frame (the peer is gone). Only a
// pong carrying that nonce counts: RFC 6455 allows unsolicited pongs, which a peer that reads nothing can still send.
import { randomBytes } from 'node:crypto';
import type { Connection } from './connection.js';
import type { Scheduler } from './scheduler.js';

export interface Heartbeat {
  /** Pings the connection from the next beat on; returns the function that stops watching it. */
  watch(conn: Connection): () => void;
  /** Stops the beats. */
  stop(): void;
}

const NONCE_BYTES = 8;

export function startHeartbeat(heartbeatMs: number, scheduler: Scheduler): Heartbeat {
  /** Each watched connection, and the nonce of its ping not yet answered (null: answered, or none sent yet). */
  const awaiting = new Map<Connection, Buffer | null>();
  let cancelBeat: (() => void) | null = null;

  function beat(): void {
    for (const [conn, nonce] of awaiting) {
      if (nonce !== null) {
        conn.ws.terminate();
        continue;
      }
      const next = randomBytes(NONCE_BYTES);
      awaiting.set(conn, next);
      conn.sendPing(next);
    }
    cancelBeat = scheduler.schedule(beat, heartbeatMs);
  }
  cancelBeat = scheduler.schedule(beat, heartbeatMs);

  return {
    watch(conn) {
      awaiting.set(conn, null);
      const onPong = (data: Buffer) => {
        const nonce = awaiting.get(conn);
        if (nonce && data.equals(nonce)) awaiting.set(conn, null);
      };
      conn.ws.on('pong', onPong);
      return () => {
        awaiting.delete(conn);
        conn.ws.off('pong', onPong);
      };
    },
    stop() {
      cancelBeat?.();
      cancelBeat = null;
    },
  };
}

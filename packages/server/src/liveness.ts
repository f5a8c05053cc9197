// Liveness of PROTOCOL.md: every `heartbeatMs` the server pings each connection at the WebSocket level, and
// terminates one that has not answered the previous ping, with no close frame (the peer is gone).
import type { WebSocket } from 'ws';
import type { Scheduler } from './scheduler.js';

export interface Heartbeat {
  /** Pings the socket from the next beat on; returns the function that stops watching it. */
  watch(ws: WebSocket): () => void;
  /** Stops the beats. */
  stop(): void;
}

export function startHeartbeat(heartbeatMs: number, scheduler: Scheduler): Heartbeat {
  /** Each watched socket, and whether it answered the last ping. */
  const alive = new Map<WebSocket, boolean>();
  let cancelBeat: (() => void) | null = null;

  function beat(): void {
    for (const [ws, answered] of alive) {
      if (!answered) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
    cancelBeat = scheduler.schedule(beat, heartbeatMs);
  }
  cancelBeat = scheduler.schedule(beat, heartbeatMs);

  return {
    watch(ws) {
      alive.set(ws, true);
      const onPong = () => {
        if (alive.has(ws)) alive.set(ws, true);
      };
      ws.on('pong', onPong);
      return () => {
        alive.delete(ws);
        ws.off('pong', onPong);
      };
    },
    stop() {
      cancelBeat?.();
      cancelBeat = null;
    },
  };
}

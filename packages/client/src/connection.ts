// The connection: runs the effects of the pure state machine (connection-machine.ts) with real timers, attempts and
// the transport, and feeds their events back to it.
import type { ProtocolVersion } from '@livesnap/protocol';
import { type Attempt, startAttempt } from './attempt.js';
import { type BackoffOptions, backoffDelay } from './backoff.js';
import {
  type ClientFailure,
  type ConnectionPhase,
  type Effect,
  IDLE,
  type MachineEvent,
  type MachineState,
  transition,
} from './connection-machine.js';
import type { WebSocketConstructor } from './socket-factory.js';
import type { TimerHandle, Timers } from './timers.js';
import { createTransport, type SocketClose, type Transport, type TransportSocket } from './transport.js';

export type { ConnectionPhase } from './connection-machine.js';

/** A socket that has not opened within this long is abandoned and counts as a failure. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

export interface ConnectionOptions {
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

export interface Connection {
  readonly phase: ConnectionPhase;
  /** The protocol version the next attempt asks for (the close policy's: the newest, or a fallback). */
  readonly protocol: ProtocolVersion;
  /** Starts connecting at once with sockets of `WebSocket`; a no-op unless idle. */
  start(WebSocket: WebSocketConstructor): void;
  /** Closes the socket (1000) or cancels the attempt, and leaves no timer or listener behind. */
  stop(): void;
  /** Sends a text frame if the socket is open; returns whether it did (nothing is queued). */
  send(data: string): boolean;
  /** Abandons the current socket (a dead peer, a resync that failed): it closes and the next attempt backs off. */
  abandon(code: string, reason: string): void;
  /** Skips the rest of the delay when waiting to reconnect. */
  wake(): void;
  /** A valid hello arrived: the connection is open in PROTOCOL.md's sense, and 5 s later it resets the backoff. */
  helloReceived(): void;
  /** Bytes received on the current socket so far, where the platform shows them (`ws`), else null. */
  receivedBytes(): number | null;
}

export function createConnection(options: ConnectionOptions, events: ConnectionEvents): Connection {
  const { timers } = options;
  let machine: MachineState = IDLE;
  /** Bumped by every transition: effects of an older one stop running once a newer one happened in between. */
  let generation = 0;
  let transport: Transport | null = null;
  let attempt: Attempt | null = null;
  /** The socket of the current attempt or connection. */
  let socket: TransportSocket | null = null;
  let delay: TimerHandle | null = null;
  /** The WebSocket class of the session `start()` began. */
  let WebSocket: WebSocketConstructor | null = null;

  function dispatch(event: MachineEvent) {
    const { state, effects } = transition(machine, event);
    machine = state;
    const mine = ++generation;
    for (const effect of effects) {
      // An effect may run the caller's code (a store listener, onError), which may stop or restart the client.
      if (generation !== mine) return;
      run(effect);
    }
  }

  function run(effect: Effect) {
    switch (effect.type) {
      case 'create-transport':
        transport = createTransport({ WebSocket: WebSocket! }, transportEvents);
        return;
      case 'retire-transport':
        transport?.retire();
        transport = null;
        socket = null;
        return;
      case 'begin-attempt':
        beginAttempt(effect.reconnect);
        return;
      case 'cancel-attempt':
        attempt?.cancel();
        attempt = null;
        transport?.cancel();
        return;
      case 'socket-opened':
        attempt?.opened();
        attempt = null;
        events.onOpen();
        return;
      case 'abandon-socket':
        socket?.abandon(effect.reason);
        return;
      case 'cancel-delay':
        if (delay !== null) timers.clearTimeout(delay);
        delay = null;
        return;
      case 'report': {
        let delayMs: number | null = null;
        if (effect.retry !== null) {
          delayMs =
            effect.retry.after === 'immediate'
              ? 0
              : backoffDelay(effect.retry.failures, options.backoff, options.random);
          delay = timers.setTimeout(() => {
            delay = null;
            dispatch({ type: 'delay-over' });
          }, delayMs);
        }
        events.onClose({ ...effect.close, delayMs });
        return;
      }
    }
  }

  function beginAttempt(reconnect: boolean) {
    const mine = generation;
    events.onAttempt(reconnect);
    // A listener of that event may have stopped (or restarted) the client: then this attempt's token is not wanted.
    if (generation !== mine) return;
    attempt = startAttempt(options.buildUrl, options, {
      onUrl: (url) => transport?.connect(url),
      onFailed: (code, reason) => dispatch({ type: 'attempt-failed', failure: { code, reason } }),
      onTimeout: (reason) => giveUp({ code: 'connect_timeout', reason }),
    });
  }

  /** Abandons the socket of the attempt or connection, or fails the attempt when it has none yet. */
  function giveUp(failure: ClientFailure) {
    if (socket === null) dispatch({ type: 'attempt-failed', failure });
    else dispatch({ type: 'abandon', failure });
  }

  const transportEvents = {
    onSocket(made: TransportSocket) {
      // A socket nobody waits for (its attempt failed while its URL was on the way) is dropped at once.
      if (machine.phase !== 'connecting' || socket !== null) made.abandon('not wanted');
      else socket = made;
    },
    onOpen(opened: TransportSocket) {
      if (opened === socket) dispatch({ type: 'opened' });
    },
    onMessage(from: TransportSocket, data: unknown) {
      if (from === socket && machine.phase === 'open') events.onMessage(data);
    },
    onClose(closed: TransportSocket, close: SocketClose) {
      if (closed !== socket) return;
      socket = null;
      dispatch({ type: 'closed', ...close, at: options.now() });
    },
  };

  return {
    get phase() {
      return machine.phase;
    },
    get protocol() {
      return machine.policy.protocol;
    },
    start(socketClass) {
      if (machine.phase !== 'idle') return;
      WebSocket = socketClass;
      dispatch({ type: 'start' });
    },
    stop: () => dispatch({ type: 'stop' }),
    send(data) {
      if (machine.phase !== 'open' || socket === null) return false;
      socket.send(data);
      return true;
    },
    abandon: (code, reason) => {
      if (machine.phase === 'open' || machine.phase === 'connecting') giveUp({ code, reason });
    },
    wake() {
      if (machine.phase === 'waiting') dispatch({ type: 'delay-over' });
    },
    helloReceived: () => dispatch({ type: 'hello', at: options.now() }),
    receivedBytes: () => socket?.receivedBytes() ?? null,
  };
}

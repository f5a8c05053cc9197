// The client's inspection hook: what a devtools panel or a debug log hears (frames in and out, the connection's
// transitions and their causes), described only while someone listens, so that a client nobody inspects pays one
// branch per frame and nothing else.
import type { ClientMessage, DecodeResult, ServerMessage } from '@livesnap/protocol';
import type { HelloDetails } from './frame-reducer.js';
import type { ConnectionStatus } from './store.js';

/** Why the connection moved (or did something worth a line in a timeline). */
export type InspectionCause =
  /** `connect()` was called (`reconnect()` calls it after `close()`). */
  | { readonly kind: 'connect' }
  /** `close()` was called. */
  | { readonly kind: 'close' }
  /** The page became visible or the browser came online: the client retried at once, or pinged to check. */
  | { readonly kind: 'wake'; readonly action: 'retry' | 'ping' }
  /** A valid hello: the connection is open (PROTOCOL.md's open), or a resync was answered. */
  | ({ readonly kind: 'hello' } & HelloDetails)
  /** A `resync` was sent: the client waits for the full hello that answers it. */
  | { readonly kind: 'resync' }
  /**
   * The connection or attempt ended: `code` is the close code or the client's own (README, *Errors*: `1006`,
   * `heartbeat_timeout`, `dropped`, …), `message` what `state.error.message` says, `retryInMs` the delay before the
   * next attempt, or null when the client stopped.
   */
  | {
      readonly kind: 'disconnect';
      readonly code: number | string;
      readonly message: string;
      readonly retryInMs: number | null;
    };

export interface FrameInEvent {
  readonly type: 'frame-in';
  /** The client's `now()` when the frame arrived. */
  readonly at: number;
  /** The frame's size: UTF-8 bytes of a text frame, the byte length of a binary one. */
  readonly bytes: number;
  /** The decoded `type`, or null when the frame could not be decoded. */
  readonly frameType: string | null;
  /** The frame's `seq` (a batch: its last message's), or null when it has none. */
  readonly seq: number | null;
  /** The workspaces the frame changes (an upsert's, a patch's, a remove's, each of a batch's); empty for the others. */
  readonly workspaceIds: readonly string[];
  /** Why the frame could not be decoded (`bad_message`, `unknown_type`), or null. */
  readonly error: { readonly code: string; readonly reason: string } | null;
}

export interface FrameOutEvent {
  readonly type: 'frame-out';
  readonly at: number;
  readonly bytes: number;
  readonly frameType: ClientMessage['type'];
}

export interface TransitionEvent {
  readonly type: 'transition';
  readonly at: number;
  /** The status after it (the same as before for a wake, a resync, or a hello that answers a resync). */
  readonly status: ConnectionStatus;
  readonly cause: InspectionCause;
}

export type InspectionEvent = FrameInEvent | FrameOutEvent | TransitionEvent;

export type InspectionListener = (event: InspectionEvent) => void;

export interface InspectorHub {
  /** Adds a listener; it hears the current connection's hello at once, if there was one. Returns the unsubscribe. */
  subscribe(listener: InspectionListener): () => void;
  /** A frame arrived (before the client acts on it). */
  frameIn(data: unknown, decoded: DecodeResult<ServerMessage>, at: number): void;
  /** A frame was sent. */
  frameOut(frame: string, frameType: ClientMessage['type'], at: number): void;
  transition(status: ConnectionStatus, cause: InspectionCause, at: number): void;
}

/**
 * Calls `listener` with `value`; if it throws, the error surfaces as an uncaught error after the caller's handler is
 * done, instead of breaking the socket handler it ran in.
 */
export function callOutside<T>(listener: (value: T) => void, value: T): void {
  try {
    listener(value);
  } catch (thrown) {
    queueMicrotask(() => {
      throw thrown;
    });
  }
}

export function createInspectorHub(): InspectorHub {
  const listeners = new Set<InspectionListener>();
  /** The current connection's last hello, for a listener that comes later (a panel opened after the connect). */
  let hello: TransitionEvent | null = null;

  const emit = (event: InspectionEvent) => {
    for (const listener of [...listeners]) callOutside(listener, event);
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (hello !== null) callOutside(listener, hello);
      return () => {
        listeners.delete(listener);
      };
    },
    frameIn(data, decoded, at) {
      if (listeners.size === 0) return;
      const summary = decoded.ok ? summarize(decoded.message) : { seq: null, workspaceIds: [] };
      emit({
        type: 'frame-in',
        at,
        bytes: frameBytes(data),
        frameType: decoded.ok ? decoded.message.type : null,
        ...summary,
        error: decoded.ok ? null : { code: decoded.code, reason: decoded.reason },
      });
    },
    frameOut(frame, frameType, at) {
      if (listeners.size === 0) return;
      emit({ type: 'frame-out', at, bytes: frameBytes(frame), frameType });
    },
    transition(status, cause, at) {
      const event: TransitionEvent = { type: 'transition', at, status, cause };
      if (cause.kind === 'hello') hello = event;
      else if (cause.kind === 'disconnect' || cause.kind === 'close') hello = null;
      if (listeners.size > 0) emit(event);
    },
  };
}

type Part = {
  readonly seq?: unknown;
  readonly workspaceId?: unknown;
  readonly snapshot?: { readonly workspaceId?: unknown };
};

/**
 * The `seq` and workspace ids of a message, read by shape rather than by type, so that a frame type added to the
 * protocol later (with a `seq`, a `workspaceId` or a `snapshot`) is described without a change here.
 */
function summarize(message: ServerMessage): { seq: number | null; workspaceIds: string[] } {
  const parts: readonly Part[] = 'messages' in message ? message.messages : [message as Part];
  const workspaceIds: string[] = [];
  for (const part of parts) {
    const id = part.workspaceId ?? part.snapshot?.workspaceId;
    if (typeof id === 'string') workspaceIds.push(id);
  }
  const seq = parts.at(-1)?.seq;
  return { seq: typeof seq === 'number' ? seq : null, workspaceIds };
}

let encoder: TextEncoder | undefined;

/** The size of a frame as it came: UTF-8 bytes of text, the byte length of binary data. */
export function frameBytes(data: unknown): number {
  if (typeof data === 'string') {
    // Encoded only while someone listens; one encoder for all.
    encoder ??= new TextEncoder();
    return encoder.encode(data).byteLength;
  }
  const length = (data as { byteLength?: unknown } | null)?.byteLength;
  return typeof length === 'number' ? length : 0;
}

// Turns one raw WebSocket frame into a validated message, or says which protocol error it is.
import type * as z from 'zod/mini';
import type { ClientMessage, ErrorCode, ServerMessage } from './messages.js';
import { CLIENT_MESSAGE_TYPES, ClientMessageSchema, SERVER_MESSAGE_TYPES, ServerMessageSchema } from './messages.js';

export type DecodeResult<T> = { ok: true; message: T } | { ok: false; code: ErrorCode; reason: string };

/** A frame as a WebSocket hands it over: text, or bytes for a binary frame. */
export type RawFrame = string | ArrayBuffer | ArrayBufferView | readonly ArrayBufferView[];

/**
 * Classifies a frame the way PROTOCOL.md's `error` codes do, first match wins:
 * binary, not JSON, not an object or no string `type` → `bad_message`;
 * a `type` that is not one of `knownTypes` → `unknown_type`; a known type that fails its schema → `bad_message`.
 */
function decodeFrame<T>(frame: RawFrame, schema: z.ZodMiniType<T>, knownTypes: readonly string[]): DecodeResult<T> {
  if (typeof frame !== 'string') return fail('bad_message', 'binary frames are not part of the protocol');
  let value: unknown;
  try {
    value = JSON.parse(frame);
  } catch {
    return fail('bad_message', 'the frame is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('bad_message', 'the frame is not a JSON object');
  }
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string') return fail('bad_message', 'the frame has no string "type"');
  if (!knownTypes.includes(type)) {
    return fail('unknown_type', `unknown frame type ${JSON.stringify(type.slice(0, 64))}`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) return fail('bad_message', `invalid "${type}" frame: ${describeIssues(parsed.error.issues)}`);
  return { ok: true, message: parsed.data };
}

function fail(code: ErrorCode, reason: string): { ok: false; code: ErrorCode; reason: string } {
  return { ok: false, code, reason };
}

/** The first few issues of a failed parse, each as `path: message`. */
export function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  const shown = issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.map(String).join('.') : '(root)'}: ${issue.message}`);
  return issues.length > 3 ? `${shown.join('; ')}; and ${issues.length - 3} more` : shown.join('; ');
}

/** A client → server frame, as the server reads it. */
export function decodeClientFrame(frame: RawFrame): DecodeResult<ClientMessage> {
  return decodeFrame(frame, ClientMessageSchema, CLIENT_MESSAGE_TYPES);
}

/** A server → client frame, as the client reads it. */
export function decodeServerFrame(frame: RawFrame): DecodeResult<ServerMessage> {
  return decodeFrame(frame, ServerMessageSchema, SERVER_MESSAGE_TYPES);
}

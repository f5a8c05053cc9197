// Turns one raw WebSocket frame into a validated message, or says which protocol error it is.
import type { ClientMessage, ErrorCode, ServerMessage } from './messages.js';
import { CLIENT_FRAME_SCHEMAS, FrameList, SchemaChoice, SERVER_FRAME_SCHEMAS } from './messages.js';

export type DecodeResult<T> = { ok: true; message: T } | { ok: false; code: ErrorCode; reason: string };

/** A frame as a WebSocket hands it over: text, or bytes for a binary frame. */
export type RawFrame = string | ArrayBuffer | ArrayBufferView | readonly ArrayBufferView[];

/**
 * Classifies a frame the way PROTOCOL.md's `error` codes do, first match wins:
 * binary, not JSON, not an object or no string `type` → `bad_message`;
 * a `type` that `frames` does not list → `unknown_type`; a known type that fails its schema → `bad_message`.
 */
function decodeFrame<T>(frame: RawFrame, frames: SchemaChoice): DecodeResult<T> {
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
  if (!frames.options.has(type)) {
    return fail('unknown_type', `unknown frame type ${JSON.stringify(type.slice(0, 64))}`);
  }
  const parsed = parseChosen(frames, value, []);
  if (!parsed.ok) return fail('bad_message', `invalid "${type}" frame: ${describeIssues(parsed.issues)}`);
  return { ok: true, message: parsed.data as T };
}

type Parsed = { ok: true; data: unknown } | { ok: false; issues: readonly IssueLike[] };

/**
 * Parses `value` with the schema `choice` picks for it, as a discriminated union would: the issue of a value none of
 * the options takes lists them, and the items of a frame list (a batch's messages) are each picked and parsed in turn.
 */
function parseChosen(choice: SchemaChoice, value: object, path: readonly PropertyKey[]): Parsed {
  const key = (value as Record<string, unknown>)[choice.key];
  const option = choice.options.get(key);
  if (option === undefined) {
    const options = [...choice.options.keys()];
    return {
      ok: false,
      issues: [{ code: 'invalid_union', path: [...path, choice.key], options, input: key, message: '' }],
    };
  }
  if (option instanceof SchemaChoice) return parseChosen(option, value, path);
  const schema = option instanceof FrameList ? option.schema : option;
  const parsed = schema.safeParse(value, { reportInput: true });
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((issue) => ({ ...issue, path: [...path, ...issue.path] })) };
  }
  if (!(option instanceof FrameList)) return { ok: true, data: parsed.data };
  const frame = parsed.data as Record<string, object[]>;
  const items: unknown[] = [];
  for (const [index, item] of frame[option.key]!.entries()) {
    const each = parseChosen(option.each, item, [...path, option.key, index]);
    if (!each.ok) return each;
    items.push(each.data);
  }
  return { ok: true, data: { ...frame, [option.key]: items } };
}

function fail(code: ErrorCode, reason: string): { ok: false; code: ErrorCode; reason: string } {
  return { ok: false, code, reason };
}

/** A schema issue as zod reports it: where, which check, and that check's details. */
export interface IssueLike {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code?: string;
  readonly expected?: unknown;
  readonly values?: readonly unknown[];
  readonly options?: readonly unknown[];
  readonly keys?: readonly PropertyKey[];
  readonly origin?: string;
  readonly format?: string;
  readonly minimum?: unknown;
  readonly maximum?: unknown;
  readonly inclusive?: boolean;
  readonly input?: unknown;
}

/** The first few issues of a failed parse, each as `path: what was expected, got value`. */
export function describeIssues(issues: readonly IssueLike[]): string {
  const shown = issues.slice(0, 3).map(describeIssue);
  return issues.length > 3 ? `${shown.join('; ')}; and ${issues.length - 3} more` : shown.join('; ');
}

function describeIssue(issue: IssueLike): string {
  const where = issue.path.length ? issue.path.map(String).join('.') : '(root)';
  // The value is shown only when the parse reported it (`reportInput`) and it is a scalar:
  // a whole object says nothing more than the path does.
  const got = 'input' in issue && isScalar(issue.input) ? `, got ${preview(issue.input)}` : '';
  return `${where}: ${expectation(issue)}${got}`;
}

/** zod/mini ships no error messages ("Invalid input"), so the check's own details say what it wanted. */
function expectation(issue: IssueLike): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${String(issue.expected)}`;
    case 'invalid_value':
      return `expected ${alternatives(issue.values)}`;
    case 'invalid_union':
      return issue.options ? `expected ${alternatives(issue.options)}` : issue.message;
    case 'unrecognized_keys':
      return `unknown keys ${String(issue.keys)}`;
    case 'invalid_format':
      return `expected ${issue.format ?? 'another'} format`;
    case 'too_small':
      return `expected ${measured(issue)}${issue.inclusive === false ? '>' : '>='} ${String(issue.minimum)}`;
    case 'too_big':
      return `expected ${measured(issue)}${issue.inclusive === false ? '<' : '<='} ${String(issue.maximum)}`;
    default:
      return issue.message;
  }
}

function measured(issue: IssueLike): string {
  return issue.origin === 'string' || issue.origin === 'array' ? 'length ' : '';
}

function alternatives(values: readonly unknown[] = []): string {
  return values.map(preview).join(' | ');
}

function isScalar(value: unknown): boolean {
  return value === null || (typeof value !== 'object' && typeof value !== 'function' && value !== undefined);
}

function preview(value: unknown): string {
  const text = typeof value === 'bigint' ? `${value}n` : (JSON.stringify(value) ?? String(value));
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** A client → server frame, as the server reads it. */
export function decodeClientFrame(frame: RawFrame): DecodeResult<ClientMessage> {
  return decodeFrame(frame, CLIENT_FRAME_SCHEMAS);
}

/** A server → client frame, as the client reads it. */
export function decodeServerFrame(frame: RawFrame): DecodeResult<ServerMessage> {
  return decodeFrame(frame, SERVER_FRAME_SCHEMAS);
}

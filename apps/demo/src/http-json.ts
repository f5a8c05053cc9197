// JSON over HTTP for the demo's API: reading a bounded, validated body and answering a value or an error.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type * as z from 'zod/mini';
import { badRequest, DemoError } from './errors.js';
import { describeInputIssues } from './input-issues.js';

export const MAX_BODY_BYTES = 64 * 1024;

/** The request's body as JSON (an empty body is `{}`); 400 when it is not JSON, 413 past `MAX_BODY_BYTES`. */
export async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Past the limit the rest is read and dropped rather than the socket cut, so that the client reads the 413.
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  if (size > MAX_BODY_BYTES) throw new DemoError(413, `the body is larger than ${MAX_BODY_BYTES} bytes (${size})`);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badRequest(`the body is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** `value` checked against `schema`; 400 naming each wrong field. */
export function parseWith<T>(schema: z.ZodMiniType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw badRequest(`${what} is invalid: ${describeInputIssues(parsed.error.issues, value)}`);
}

export function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  response.end(body);
}

/** `{ error: { code, message } }` with the error's status; anything else is a 500 (and is logged by the caller). */
export function sendError(response: ServerResponse, error: unknown): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  if (error instanceof DemoError) {
    sendJson(response, error.status, { error: { code: error.code, message: error.message } });
  } else {
    sendJson(response, 500, { error: { code: 'internal', message: 'the demo server failed; see its log' } });
  }
}

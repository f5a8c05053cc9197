// The pure decisions of PROTOCOL.md's handshake on an open socket: the query parameters, the authorization verdict.
// (The Origin check, step 2, is origins.ts.)
import { CloseCode, PROTOCOL_VERSIONS, type ProtocolVersion, unsupportedProtocolReason } from '@livesnap/protocol';
import { describeValue } from './options.js';

/**
 * A grant of access with terms (PROTOCOL.md, "Access that ends"): `expiresAt` (a `Date`, or milliseconds since the
 * epoch on the endpoint's `now` clock) closes the connection with 4401 when reached; `principal` (a user id, say: any
 * value) is what `endpoint.revoke(predicate)` sees of the connection.
 */
export interface Authorization {
  readonly expiresAt?: number | Date;
  readonly principal?: unknown;
}

/**
 * What `authorize` may answer: `true` or an `Authorization` (allowed); `false` or `403` (forbidden); `401` (no or bad
 * credentials).
 */
export type AuthorizeResult = boolean | 401 | 403 | Authorization;

/** What an admitted connection holds of its authorization. */
export interface Grant {
  readonly principal: unknown;
  /** On the endpoint's `now` clock; null: never expires. */
  readonly expiresAt: number | null;
}

export interface ResumeRequest {
  readonly epoch: string;
  readonly seq: number;
}

export type SubscribeRequest =
  | {
      readonly ok: true;
      readonly projectId: string;
      /** The version in force on the connection: the one the client asked for. */
      readonly protocol: ProtocolVersion;
      readonly resume: ResumeRequest | null;
    }
  | { readonly ok: false; readonly reason: string };

const MAX_ID_LENGTH = 256;

/**
 * Step 3 of the handshake: `projectId` and `protocol`, one of the versions the server speaks (the current one and the
 * one before: PROTOCOL.md's Versions); a version it does not speak is refused with a reason that lists those it does,
 * so that the client can retry at once with one. Malformed or partial resume parameters are ignored.
 */
export function parseSubscribeRequest(query: URLSearchParams): SubscribeRequest {
  const projectId = query.get('projectId');
  if (!projectId) return { ok: false, reason: 'projectId is required' };
  if (projectId.length > MAX_ID_LENGTH) return { ok: false, reason: `projectId is longer than ${MAX_ID_LENGTH}` };
  const asked = query.get('protocol');
  if (asked === null) return { ok: false, reason: 'protocol is required' };
  const protocol = PROTOCOL_VERSIONS.find((version) => String(version) === asked);
  if (protocol === undefined) return { ok: false, reason: unsupportedProtocolReason(PROTOCOL_VERSIONS) };
  return { ok: true, projectId, protocol, resume: parseResume(query.get('epoch'), query.get('seq')) };
}

function parseResume(epoch: string | null, seq: string | null): ResumeRequest | null {
  if (!epoch || epoch.length > MAX_ID_LENGTH || seq === null || !/^\d{1,15}$/.test(seq)) return null;
  return { epoch, seq: Number(seq) };
}

export type AuthorizationVerdict =
  | { readonly ok: true; readonly grant: Grant }
  | {
      readonly ok: false;
      readonly code: typeof CloseCode.Unauthorized | typeof CloseCode.Forbidden;
      readonly reason: string;
    };

/**
 * Step 4: an allowed answer gives the connection its grant; a refusal is its close code. Credentials that have already
 * expired (`expiresAt` at or before `now`) are 401. Any other answer is the host's bug: a `TypeError` naming it, which
 * the endpoint logs and answers with 1011.
 */
export function authorizationVerdict(result: unknown, now: number): AuthorizationVerdict {
  if (result === true) return { ok: true, grant: { principal: undefined, expiresAt: null } };
  if (result === 401) return { ok: false, code: CloseCode.Unauthorized, reason: 'unauthorized' };
  if (result === false || result === 403) return { ok: false, code: CloseCode.Forbidden, reason: 'forbidden' };
  if (typeof result !== 'object' || result === null || Array.isArray(result)) {
    throw new TypeError(
      `authorize must answer true, false, 401, 403 or { expiresAt?, principal? }, got ${describeValue(result)}`,
    );
  }
  const { expiresAt, principal } = result as Authorization;
  const at = expiresAt instanceof Date ? expiresAt.getTime() : expiresAt;
  if (at !== undefined && (typeof at !== 'number' || Number.isNaN(at))) {
    throw new TypeError(
      `authorize's expiresAt must be a Date or a number of milliseconds since the epoch, got ${describeValue(expiresAt)}`,
    );
  }
  if (at !== undefined && at <= now) return { ok: false, code: CloseCode.Unauthorized, reason: 'credentials expired' };
  return { ok: true, grant: { principal, expiresAt: at === undefined || at === Infinity ? null : at } };
}

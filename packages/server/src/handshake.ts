// The pure decisions of PROTOCOL.md's handshake on an open socket: the query parameters, the authorization verdict.
// (The Origin check, step 2, is origins.ts.)
import { CloseCode, PROTOCOL_VERSIONS, type ProtocolVersion, unsupportedProtocolReason } from '@livesnap/protocol';

/** What `authorize` may answer: `true`; `false` or `403` (forbidden); `401` (no or bad credentials). */
export type AuthorizeResult = boolean | 401 | 403;

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

/** Step 4: `true` lets the connection through; anything else is the close code that refuses it. */
export function authorizationVerdict(
  result: AuthorizeResult,
): true | typeof CloseCode.Unauthorized | typeof CloseCode.Forbidden {
  if (result === true) return true;
  return result === 401 ? CloseCode.Unauthorized : CloseCode.Forbidden;
}

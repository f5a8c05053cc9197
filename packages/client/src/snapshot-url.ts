// The connection URL of PROTOCOL.md, rebuilt before every attempt so that it carries the token and the resume point.
import { PROTOCOL_VERSION, type ProtocolVersion } from '@livesnap/protocol';
import { refuse } from './check.js';

export interface SnapshotUrlParams {
  readonly projectId: string;
  /** The protocol version to ask for (default the newest). */
  readonly protocol?: ProtocolVersion;
  readonly token?: string | undefined;
  /** The epoch and seq the client holds: both, or neither, are sent. */
  readonly epoch: string | null;
  readonly seq: number | null;
}

/**
 * `base` as the WebSocket URL it names: `ws:`/`wss:`, `http:`/`https:` (turned into the WebSocket scheme), or relative
 * to `baseHref` (the page's address in a browser), and without a fragment, which a WebSocket URL cannot carry (the
 * browser's constructor throws, and the failure would look like a network error). Throws a TypeError naming `url`.
 */
export function parseSnapshotUrl(base: string, baseHref?: string): URL {
  let url: URL;
  try {
    url = new URL(base, baseHref);
  } catch {
    refuse('url', 'be an absolute ws:, wss:, http: or https: URL (or relative in a browser)', base);
  }
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  else if (url.protocol !== 'ws:' && url.protocol !== 'wss:') refuse('url', 'use ws:, wss:, http: or https:', base);
  // `href` keeps the `#` of an empty fragment, which `hash` does not show.
  if (url.href.includes('#')) refuse('url', 'not have a #fragment (a WebSocket URL cannot carry one)', base);
  return url;
}

/** `ws[s]://HOST/snapshots?projectId=…&protocol=2[&token=…][&epoch=…&seq=…]`, from `base` as `parseSnapshotUrl` takes it. */
export function buildSnapshotUrl(base: string, params: SnapshotUrlParams, baseHref?: string): string {
  const url = parseSnapshotUrl(base, baseHref);
  const query = url.searchParams;
  for (const key of ['projectId', 'protocol', 'token', 'epoch', 'seq']) query.delete(key);
  query.set('projectId', params.projectId);
  query.set('protocol', String(params.protocol ?? PROTOCOL_VERSION));
  if (params.token !== undefined) query.set('token', params.token);
  if (params.epoch !== null && params.seq !== null) {
    query.set('epoch', params.epoch);
    query.set('seq', String(params.seq));
  }
  return url.toString();
}

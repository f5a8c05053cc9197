// The connection URL of PROTOCOL.md, rebuilt before every attempt so that it carries the token and the resume point.
import { PROTOCOL_VERSION } from '@livesnap/protocol';

export interface SnapshotUrlParams {
  readonly projectId: string;
  readonly token?: string | undefined;
  /** The epoch and seq the client holds: both, or neither, are sent. */
  readonly epoch: string | null;
  readonly seq: number | null;
}

/**
 * `ws[s]://HOST/snapshots?projectId=…&protocol=1[&token=…][&epoch=…&seq=…]`. `base` may be `ws:`/`wss:`, `http:`/`https:`
 * (turned into the WebSocket scheme), or relative to `baseHref` (the page's address in a browser).
 */
export function buildSnapshotUrl(base: string, params: SnapshotUrlParams, baseHref?: string): string {
  let url: URL;
  try {
    url = new URL(base, baseHref);
  } catch {
    throw new TypeError(
      `url must be an absolute ws:, wss:, http: or https: URL (or relative in a browser), got ${JSON.stringify(base)}`,
    );
  }
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  else if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw new TypeError(`url must use ws:, wss:, http: or https:, got ${JSON.stringify(base)}`);
  }
  const query = url.searchParams;
  for (const key of ['projectId', 'protocol', 'token', 'epoch', 'seq']) query.delete(key);
  query.set('projectId', params.projectId);
  query.set('protocol', String(PROTOCOL_VERSION));
  if (params.token !== undefined) query.set('token', params.token);
  if (params.epoch !== null && params.seq !== null) {
    query.set('epoch', params.epoch);
    query.set('seq', String(params.seq));
  }
  return url.toString();
}

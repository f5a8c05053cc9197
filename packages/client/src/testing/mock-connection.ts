// One connection as the mock server sees it: its query parameters, its admission in PROTOCOL.md's order, and the
// answers to its frames (nothing before its hello, like the real endpoint), each in the version it asked for.
import type { ClientMessage, FullHelloMessage, ProtocolVersion } from '@livesnap/protocol';
import { decodeClientFrame, messageInVersion, PROTOCOL_VERSIONS, unsupportedProtocolReason } from '@livesnap/protocol';
import type { MockPeer, MockServerSide } from './fake-websocket.js';
import type { MockProject } from './mock-project.js';

/** A connection's query parameters as the client sent them (null when absent). */
export interface MockConnectionParams {
  readonly projectId: string | null;
  readonly protocol: string | null;
  readonly token: string | null;
  readonly epoch: string | null;
  readonly seq: string | null;
}

/** One connection, as the server saw it. */
export interface MockConnection {
  /** 1 for the first connection, then 2, 3, … */
  readonly id: number;
  readonly url: string;
  readonly params: MockConnectionParams;
  /** The version in force (the one it asked for), or null when it asked for none the server speaks. */
  readonly protocol: ProtocolVersion | null;
  /** Every valid frame the client sent on it. */
  readonly received: readonly ClientMessage[];
  /** The hello it got first: `resumed` true when the server replayed from the client's `seq`. */
  readonly hello: { readonly resumed: boolean; readonly epoch: string; readonly seq: number } | null;
  /** Open (accepted and not closed yet). */
  readonly open: boolean;
  /** The close code once closed (1006 when dropped without a close frame). */
  readonly closeCode: number | null;
  /** A silent connection gets no frame at all any more: no stream, no pong, no hello. */
  readonly silent: boolean;
  /** Sends a frame as is (any string or bytes), to this connection only. */
  sendRaw(data: string | ArrayBuffer | Uint8Array): void;
  close(code: number, reason?: string): void;
}

export type MockServerEvent =
  | { readonly type: 'connection'; readonly connection: MockConnection }
  | { readonly type: 'message'; readonly connection: MockConnection; readonly message: ClientMessage }
  | { readonly type: 'close'; readonly connection: MockConnection; readonly code: number };

/** The server's own record of a connection. */
export interface ConnectionRecord extends MockConnection {
  received: ClientMessage[];
  hello: MockConnection['hello'];
  open: boolean;
  closeCode: number | null;
  silent: boolean;
  /** Refused: closed at once, gets nothing. */
  closing: boolean;
  peer: MockPeer;
}

export function createConnectionRecord(id: number, url: string, peer: MockPeer): ConnectionRecord {
  const query = new URL(url, 'ws://mock.invalid').searchParams;
  const record: ConnectionRecord = {
    id,
    url,
    protocol: PROTOCOL_VERSIONS.find((version) => String(version) === query.get('protocol')) ?? null,
    params: {
      projectId: query.get('projectId'),
      protocol: query.get('protocol'),
      token: query.get('token'),
      epoch: query.get('epoch'),
      seq: query.get('seq'),
    },
    received: [],
    hello: null,
    open: true,
    closeCode: null,
    silent: false,
    closing: false,
    peer,
    sendRaw: (data) => {
      if (record.open) peer.send(data);
    },
    close: (code, reason) => {
      if (record.open) peer.close(code, reason);
    },
  };
  return record;
}

/**
 * The close a new connection is refused with, or null to accept it, in PROTOCOL.md's order: a scripted refusal, then
 * 4400 (no `projectId`; a `protocol` not among the server's `protocols`, with the reason that lists them), 4401/4403
 * (`authorize`), 4404 (another project).
 */
export function refusal(
  record: Pick<ConnectionRecord, 'params' | 'protocol'>,
  server: {
    readonly refusal: number | string | null;
    readonly protocols: readonly ProtocolVersion[];
    readonly authorize: ((token: string | null) => true | false | 401 | 403) | undefined;
    readonly projectId: string;
  },
): { readonly code: number; readonly reason: string } | null {
  const { params } = record;
  if (typeof server.refusal === 'number') return { code: server.refusal, reason: 'refused' };
  if (!params.projectId) return { code: 4400, reason: 'projectId is required' };
  if (params.protocol === null) return { code: 4400, reason: 'protocol is required' };
  if (record.protocol === null || !server.protocols.includes(record.protocol)) {
    return { code: 4400, reason: unsupportedProtocolReason(server.protocols) };
  }
  const verdict = server.authorize?.(params.token) ?? true;
  if (verdict === 401) return { code: 4401, reason: 'unauthorized' };
  if (verdict !== true) return { code: 4403, reason: 'forbidden' };
  if (params.projectId !== server.projectId) return { code: 4404, reason: 'no such project' };
  return null;
}

/** A resumed hello and the replay when the log still holds everything after the client's `seq`, else a full hello. */
export function greet(record: ConnectionRecord, project: Pick<MockProject, 'greeting'>): void {
  const { epoch, seq } = record.params;
  const protocol = versionOf(record);
  const { hello, replay } = project.greeting(epoch, seq !== null && /^\d+$/.test(seq) ? Number(seq) : null, protocol);
  record.hello = { resumed: hello.resumed, epoch: hello.epoch, seq: hello.seq };
  record.peer.send(JSON.stringify(hello));
  for (const message of replay) record.peer.send(JSON.stringify(messageInVersion(message, protocol)));
}

/** The version of an accepted connection (refusal() closed the others). */
export function versionOf(record: Pick<ConnectionRecord, 'protocol'>): ProtocolVersion {
  if (record.protocol === null) throw new Error('a connection without a protocol version was not refused');
  return record.protocol;
}

interface ServerHooks {
  readonly now: () => Date;
  readonly fullHello: (protocol: ProtocolVersion) => FullHelloMessage;
  readonly emit: (event: MockServerEvent) => void;
}

/** The server's side of the connection, as its transport calls it: the client's frames, and the close. */
export function serverSide(record: ConnectionRecord, server: ServerHooks): MockServerSide {
  return {
    receive: (data) => answerFrame(record, data, server),
    closed: (code) => {
      if (!record.open) return;
      record.open = false;
      record.closeCode = code;
      server.emit({ type: 'close', connection: record, code });
    },
  };
}

/** Records a client frame and answers it: `pong` for `ping`, a full hello for `resync`, `error` for a bad frame. */
function answerFrame(record: ConnectionRecord, data: string | ArrayBuffer, server: ServerHooks): void {
  if (!record.open) return;
  // Like the real endpoint, a connection is answered only once it has its hello: before that, a ping gets no pong,
  // a resync no hello (the hello on its way answers it) and a bad frame no error.
  const answer = record.hello !== null && !record.silent && !record.closing;
  const decoded = decodeClientFrame(data);
  if (!decoded.ok) {
    if (answer) record.peer.send(JSON.stringify({ type: 'error', code: decoded.code, message: decoded.reason }));
    return;
  }
  const message = decoded.message;
  record.received.push(message);
  server.emit({ type: 'message', connection: record, message });
  if (!answer) return;
  if (message.type === 'ping') {
    record.peer.send(JSON.stringify({ type: 'pong', id: message.id, serverTime: server.now().toISOString() }));
  } else {
    record.peer.send(JSON.stringify(server.fullHello(versionOf(record))));
  }
}

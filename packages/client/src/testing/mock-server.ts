// A scriptable snapshot server for tests and Storybook: it holds one project's state, speaks PROTOCOL.md, and
// misbehaves on request. Transports: the in-process `server.WebSocket`, or a real `ws` server (`./node.ts`).
import type {
  BatchMessage,
  ClientMessage,
  FullHelloMessage,
  RemoveMessage,
  StreamMessage,
  UpsertMessage,
  WorkspaceFacts,
  WorkspaceSnapshot,
} from '@livesnap/protocol';
import { buildSnapshot, compareWorkspaces, decodeClientFrame, PROTOCOL_VERSION } from '@livesnap/protocol';
import {
  type Admission,
  createFakeWebSocketClass,
  type FakeWebSocketConstructor,
  type MockPeer,
  type MockServerSide,
  type MockTransportTarget,
} from './fake-websocket.js';

export interface MockSnapshotServerOptions {
  /** The project this server serves (default `p1`); connections for another project are closed with 4404. */
  projectId?: string;
  /** The project's workspaces at start: version 0, source `initial`. */
  workspaces?: readonly WorkspaceFacts[];
  /** The first epoch's id (default `epoch-1`); `restart()` moves to `<base>-2`, `<base>-3`, … */
  epoch?: string;
  /** How many stream messages the server can replay to a resuming client (default 1,000). */
  replayLimit?: number;
  /** Checks a connection's token: `true` lets it in, `401` closes it with 4401, `403` or `false` with 4403. */
  authorize?: (token: string | null) => true | false | 401 | 403;
  /** The clock for `computedAt` and `pong.serverTime` (default `new Date()`). */
  now?: () => Date;
}

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

/** How new connections are refused: a close code right after opening, never opening, or a network error. */
export type Refusal = number | 'never-open' | 'network-error';

interface ConnectionRecord extends MockConnection {
  received: ClientMessage[];
  hello: MockConnection['hello'];
  open: boolean;
  closeCode: number | null;
  silent: boolean;
  /** Refused: closed at once, gets nothing. */
  closing: boolean;
  peer: MockPeer;
}

export class MockSnapshotServer implements MockTransportTarget {
  readonly projectId: string;
  /** An in-process WebSocket class connected to this server: pass it as the client's `WebSocket` option. */
  readonly WebSocket: FakeWebSocketConstructor;
  #epochBase: string;
  #generation = 1;
  #epoch: string;
  #seq = 0;
  #snapshots = new Map<string, WorkspaceSnapshot>();
  #log: StreamMessage[] = [];
  #replayLimit: number;
  #authorize: MockSnapshotServerOptions['authorize'];
  #now: () => Date;
  #connections: ConnectionRecord[] = [];
  #listeners = new Set<(event: MockServerEvent) => void>();
  #refusal: Refusal | null = null;
  #lose = 0;
  #withholdHello = false;
  #batch: StreamMessage[] | null = null;

  constructor(options: MockSnapshotServerOptions = {}) {
    this.projectId = options.projectId ?? 'p1';
    this.#epochBase = options.epoch ?? 'epoch';
    this.#epoch = options.epoch ?? 'epoch-1';
    this.#replayLimit = options.replayLimit ?? 1_000;
    this.#authorize = options.authorize;
    this.#now = options.now ?? (() => new Date());
    for (const facts of options.workspaces ?? [])
      this.#snapshots.set(facts.workspaceId, this.#build(facts, 0, 'initial'));
    this.WebSocket = createFakeWebSocketClass(this);
  }

  // --- the project's state ---------------------------------------------------------------------------------------

  get epoch(): string {
    return this.#epoch;
  }

  /** The `seq` of the last stream message (0 at the start of an epoch). */
  get seq(): number {
    return this.#seq;
  }

  /** The snapshots the server holds, in display order. */
  get snapshots(): WorkspaceSnapshot[] {
    return [...this.#snapshots.values()].sort(compareWorkspaces);
  }

  /** The snapshots the server holds, by workspace id. */
  get workspaces(): Record<string, WorkspaceSnapshot> {
    return Object.fromEntries(this.#snapshots);
  }

  /** The replay log: the last `replayLimit` stream messages of this epoch, delivered or not. */
  get log(): readonly StreamMessage[] {
    return this.#log;
  }

  /** Every connection so far, in order (open or closed). */
  get connections(): readonly MockConnection[] {
    return this.#connections;
  }

  get openConnections(): readonly MockConnection[] {
    return this.#connections.filter((c) => c.open);
  }

  /** Creates or changes a workspace and broadcasts the upsert; its version is the message's `seq`. */
  upsert(facts: WorkspaceFacts): UpsertMessage {
    const seq = this.#seq + 1;
    const snapshot = this.#build(facts, seq, this.#snapshots.has(facts.workspaceId) ? 'event' : 'initial');
    this.#snapshots.set(facts.workspaceId, snapshot);
    const message: UpsertMessage = { type: 'upsert', seq, snapshot };
    this.#commit(message);
    return message;
  }

  /** Removes a workspace and broadcasts the remove (even if the server did not hold it). */
  remove(workspaceId: string): RemoveMessage {
    this.#snapshots.delete(workspaceId);
    const message: RemoveMessage = { type: 'remove', seq: this.#seq + 1, workspaceId };
    this.#commit(message);
    return message;
  }

  /** Runs `changes` (upserts, removes) and sends what they broadcast as one `batch` frame. */
  batch(changes: () => void): BatchMessage | null {
    if (this.#batch !== null) throw new Error('batch() calls do not nest');
    const messages: StreamMessage[] = [];
    this.#batch = messages;
    try {
      changes();
    } finally {
      this.#batch = null;
    }
    if (messages.length === 0) return null;
    const batch: BatchMessage = { type: 'batch', messages };
    this.#deliverStream(batch);
    return batch;
  }

  /**
   * Starts a new epoch, as a restarted process would: `seq` 0, every snapshot at version 0, an empty replay log. Open
   * connections are closed with `closeCode` (default 1001; 1006 drops them without a close frame), or, with
   * `closeCode: null`, stay open and get a full hello of the new epoch.
   */
  restart(options: { closeCode?: number | null } = {}): void {
    const closeCode = options.closeCode === undefined ? 1001 : options.closeCode;
    this.#generation += 1;
    this.#epoch = `${this.#epochBase}-${this.#generation}`;
    this.#seq = 0;
    this.#log = [];
    for (const [id, snapshot] of this.#snapshots) this.#snapshots.set(id, this.#build(snapshot, 0, 'initial'));
    if (closeCode === null) this.sendHello();
    else this.drop(closeCode);
  }

  // --- faults ------------------------------------------------------------------------------------------------------

  /** The next `count` stream frames are committed (and replayable) but not delivered: live clients see a gap. */
  loseNext(count = 1): void {
    this.#lose += count;
  }

  /** Cancels the losses `loseNext()` still had pending: every frame from now on is delivered. */
  heal(): void {
    this.#lose = 0;
  }

  /** Sends the logged stream message with this `seq` again, alone: a duplicate, or a late (reordered) frame. */
  resend(seq: number): void {
    const message = this.#log.find((m) => m.seq === seq);
    if (message === undefined) throw new Error(`no message with seq ${seq} in the replay log (epoch ${this.#epoch})`);
    this.#send(JSON.stringify(message));
  }

  /** Sends the last stream message again. */
  duplicateLast(): void {
    const last = this.#log.at(-1);
    if (last === undefined) throw new Error('nothing to duplicate: the replay log is empty');
    this.resend(last.seq);
  }

  /**
   * Sends an upsert with the next `seq` whose snapshot is older than the one held (a lower version, a changed name),
   * as a server that broke its freshness rule would. The server's state does not change.
   */
  sendStale(workspaceId: string): UpsertMessage {
    const held = this.#snapshots.get(workspaceId);
    if (held === undefined) throw new Error(`sendStale: the server holds no workspace ${JSON.stringify(workspaceId)}`);
    const seq = this.#seq + 1;
    const stale = { ...held, name: `${held.name} (stale)`, version: Math.max(0, held.version - 1) };
    const message: UpsertMessage = { type: 'upsert', seq, snapshot: stale };
    this.#commit(message);
    return message;
  }

  /** Sends any frame as is (garbage, binary, an invalid message) to every open connection. */
  sendRaw(data: string | ArrayBuffer | Uint8Array): void {
    this.#send(data);
  }

  /** Sends a full hello (the current state) to every open connection that is not silent, unprompted. */
  sendHello(): void {
    for (const connection of this.#connections) {
      if (!connection.open || connection.silent || connection.closing) continue;
      connection.hello = { resumed: false, epoch: this.#epoch, seq: this.#seq };
      connection.peer.send(JSON.stringify(this.#fullHello()));
    }
  }

  /** Every open connection goes silent (no frame at all, pings unanswered), like a peer that vanished. New ones are served. */
  silence(): void {
    for (const connection of this.#live()) connection.silent = true;
  }

  /** Closes every open connection with `code` (default 1006: dropped without a close frame). */
  drop(code = 1006, reason = ''): void {
    for (const connection of this.#connections.filter((c) => c.open)) {
      if (code === 1006) connection.peer.terminate();
      else connection.peer.close(code, reason);
    }
  }

  /** New connections open but get no hello (a server stuck before its first frame) until `sendHello()`. */
  withholdHello(withhold = true): void {
    this.#withholdHello = withhold;
  }

  /** Refuses new connections (a close code right after opening, never opening, or a network error); null accepts again. */
  refuse(refusal: Refusal | null): void {
    this.#refusal = refusal;
  }

  // --- observing ---------------------------------------------------------------------------------------------------

  /** Calls `listener` for every connection, client frame and close; returns the unsubscribe. */
  on(listener: (event: MockServerEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The next event that matches `predicate`. */
  waitFor(predicate: (event: MockServerEvent) => boolean): Promise<MockServerEvent> {
    return new Promise((resolve) => {
      const off = this.on((event) => {
        if (!predicate(event)) return;
        off();
        resolve(event);
      });
    });
  }

  /** The next connection (resolves with it once the server accepted it). */
  nextConnection(): Promise<MockConnection> {
    return this.waitFor((e) => e.type === 'connection').then((e) => e.connection);
  }

  // --- transports --------------------------------------------------------------------------------------------------

  /** @internal For transports: whether to open a new connection at all. */
  admission(): Admission {
    return this.#refusal === 'never-open' || this.#refusal === 'network-error' ? this.#refusal : 'accept';
  }

  /** @internal For transports: an opened connection; the server decides what happens next (PROTOCOL.md's order). */
  accept(url: string, peer: MockPeer): MockServerSide {
    const query = new URL(url, 'ws://mock.invalid').searchParams;
    const params: MockConnectionParams = {
      projectId: query.get('projectId'),
      protocol: query.get('protocol'),
      token: query.get('token'),
      epoch: query.get('epoch'),
      seq: query.get('seq'),
    };
    const record: ConnectionRecord = {
      id: this.#connections.length + 1,
      url,
      params,
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
    this.#connections.push(record);
    const side: MockServerSide = {
      receive: (data) => this.#receive(record, data),
      closed: (code) => {
        if (!record.open) return;
        record.open = false;
        record.closeCode = code;
        this.#emit({ type: 'close', connection: record, code });
      },
    };
    const refusal = this.#refusalCode(params);
    if (refusal !== null) {
      record.closing = true;
      peer.close(refusal, 'refused');
    } else if (!this.#withholdHello) {
      this.#greet(record);
    }
    this.#emit({ type: 'connection', connection: record });
    return side;
  }

  #refusalCode(params: MockConnectionParams): number | null {
    if (typeof this.#refusal === 'number') return this.#refusal;
    if (!params.projectId || params.protocol !== String(PROTOCOL_VERSION)) return 4400;
    const verdict = this.#authorize?.(params.token) ?? true;
    if (verdict === 401) return 4401;
    if (verdict !== true) return 4403;
    if (params.projectId !== this.projectId) return 4404;
    return null;
  }

  /** A resumed hello and the replay when the log still holds everything after the client's `seq`, else a full hello. */
  #greet(record: ConnectionRecord) {
    const { epoch, seq: seqParam } = record.params;
    const seq = seqParam !== null && /^\d+$/.test(seqParam) ? Number(seqParam) : null;
    const oldest = this.#log[0]?.seq ?? this.#seq + 1;
    if (epoch === this.#epoch && seq !== null && seq <= this.#seq && seq >= oldest - 1) {
      record.hello = { resumed: true, epoch, seq };
      record.peer.send(
        JSON.stringify({
          type: 'hello',
          protocol: PROTOCOL_VERSION,
          projectId: this.projectId,
          epoch,
          seq,
          resumed: true,
        }),
      );
      for (const message of this.#log) if (message.seq > seq) record.peer.send(JSON.stringify(message));
      return;
    }
    record.hello = { resumed: false, epoch: this.#epoch, seq: this.#seq };
    record.peer.send(JSON.stringify(this.#fullHello()));
  }

  #receive(record: ConnectionRecord, data: string | ArrayBuffer) {
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
    this.#emit({ type: 'message', connection: record, message });
    if (!answer) return;
    if (message.type === 'ping') {
      record.peer.send(JSON.stringify({ type: 'pong', id: message.id, serverTime: this.#now().toISOString() }));
    } else {
      record.peer.send(JSON.stringify(this.#fullHello()));
    }
  }

  #fullHello(): FullHelloMessage {
    return {
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      projectId: this.projectId,
      epoch: this.#epoch,
      seq: this.#seq,
      resumed: false,
      snapshots: this.snapshots,
    };
  }

  #build(facts: WorkspaceFacts, version: number, source: WorkspaceSnapshot['source']): WorkspaceSnapshot {
    return buildSnapshot(facts, { version, computedAt: this.#now().toISOString(), source });
  }

  #commit(message: StreamMessage) {
    this.#seq = message.seq;
    this.#log.push(message);
    if (this.#log.length > this.#replayLimit) this.#log.splice(0, this.#log.length - this.#replayLimit);
    if (this.#batch !== null) this.#batch.push(message);
    else this.#deliverStream(message);
  }

  #deliverStream(frame: StreamMessage | BatchMessage) {
    if (this.#lose > 0) {
      this.#lose -= 1;
      return;
    }
    this.#send(JSON.stringify(frame));
  }

  #send(data: string | ArrayBuffer | Uint8Array) {
    for (const connection of this.#live()) connection.peer.send(data);
  }

  /** Open connections that still get frames. */
  #live(): ConnectionRecord[] {
    return this.#connections.filter((c) => c.open && !c.silent && c.hello !== null);
  }

  #emit(event: MockServerEvent) {
    for (const listener of [...this.#listeners]) listener(event);
  }
}

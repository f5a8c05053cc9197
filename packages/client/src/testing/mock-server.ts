// A scriptable snapshot server for tests and Storybook: it serves one project (mock-project.ts) to its connections
// (mock-connection.ts) as PROTOCOL.md says, and misbehaves on request. Transports: the in-process `server.WebSocket`,
// or a real `ws` server (`./node.ts`).
import type {
  BatchMessage,
  RemoveMessage,
  StreamMessage,
  UpsertMessage,
  WorkspaceFacts,
  WorkspaceSnapshot,
} from '@livesnap/protocol';
import {
  type Admission,
  createFakeWebSocketClass,
  type FakeWebSocketConstructor,
  type MockPeer,
  type MockServerSide,
  type MockTransportTarget,
} from './fake-websocket.js';
import {
  type ConnectionRecord,
  createConnectionRecord,
  greet,
  type MockConnection,
  type MockServerEvent,
  refusalCode,
  serverSide,
} from './mock-connection.js';
import { MockProject } from './mock-project.js';

export type { MockConnection, MockConnectionParams, MockServerEvent } from './mock-connection.js';

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
  /** The `instance` its hellos name (PROTOCOL.md: several instances on one store); none by default. */
  instance?: string;
}

/** How new connections are refused: a close code right after opening, never opening, or a network error. */
export type Refusal = number | 'never-open' | 'network-error';

export class MockSnapshotServer implements MockTransportTarget {
  readonly projectId: string;
  /** An in-process WebSocket class connected to this server: pass it as the client's `WebSocket` option. */
  readonly WebSocket: FakeWebSocketConstructor;
  /** The `instance` the next hellos name, or undefined for none: change it to play another instance after a drop. */
  instance: string | undefined;
  #project: MockProject;
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
    this.#authorize = options.authorize;
    this.#now = options.now ?? (() => new Date());
    this.instance = options.instance;
    this.#project = new MockProject({
      projectId: this.projectId,
      workspaces: options.workspaces ?? [],
      epoch: options.epoch,
      replayLimit: options.replayLimit ?? 1_000,
      now: this.#now,
      instance: () => this.instance,
    });
    this.WebSocket = createFakeWebSocketClass(this);
  }

  // --- the project's state ---------------------------------------------------------------------------------------

  get epoch(): string {
    return this.#project.epoch;
  }

  /** The `seq` of the last stream message (0 at the start of an epoch). */
  get seq(): number {
    return this.#project.seq;
  }

  /** The snapshots the server holds, in display order. */
  get snapshots(): WorkspaceSnapshot[] {
    return this.#project.snapshots;
  }

  /** The snapshots the server holds, by workspace id (a copy, read like the client's `state.workspaces`). */
  get workspaces(): ReadonlyMap<string, WorkspaceSnapshot> {
    return this.#project.workspaces;
  }

  /** The replay log: the last `replayLimit` stream messages of this epoch, delivered or not. */
  get log(): readonly StreamMessage[] {
    return this.#project.log;
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
    return this.#publish(this.#project.upsert(facts));
  }

  /** Removes a workspace and broadcasts the remove (even if the server did not hold it). */
  remove(workspaceId: string): RemoveMessage {
    return this.#publish(this.#project.remove(workspaceId));
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
    this.#project.restart();
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
    this.#send(JSON.stringify(this.#project.logged(seq)));
  }

  /** Sends the last stream message again. */
  duplicateLast(): void {
    const last = this.#project.log.at(-1);
    if (last === undefined) throw new Error('nothing to duplicate: the replay log is empty');
    this.resend(last.seq);
  }

  /**
   * Sends an upsert with the next `seq` whose snapshot is older than the one held (a lower version, a changed name),
   * as a server that broke its freshness rule would. The server's state does not change.
   */
  sendStale(workspaceId: string): UpsertMessage {
    return this.#publish(this.#project.stale(workspaceId));
  }

  /** Sends any frame as is (garbage, binary, an invalid message) to every open connection. */
  sendRaw(data: string | ArrayBuffer | Uint8Array): void {
    this.#send(data);
  }

  /** Sends a full hello (the current state) to every open connection that is not silent, unprompted. */
  sendHello(): void {
    for (const connection of this.#connections) {
      if (!connection.open || connection.silent || connection.closing) continue;
      connection.hello = { resumed: false, epoch: this.#project.epoch, seq: this.#project.seq };
      connection.peer.send(JSON.stringify(this.#project.fullHello()));
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
    const record = createConnectionRecord(this.#connections.length + 1, url, peer);
    this.#connections.push(record);
    const side = serverSide(record, {
      now: this.#now,
      fullHello: () => this.#project.fullHello(),
      emit: (event) => this.#emit(event),
    });
    const refusal = refusalCode(record.params, {
      refusal: this.#refusal,
      authorize: this.#authorize,
      projectId: this.projectId,
    });
    if (refusal !== null) {
      record.closing = true;
      peer.close(refusal, 'refused');
    } else if (!this.#withholdHello) {
      greet(record, this.#project);
    }
    this.#emit({ type: 'connection', connection: record });
    return side;
  }

  /** Delivers a committed message: alone, or in the batch being made. */
  #publish<M extends StreamMessage>(message: M): M {
    if (this.#batch !== null) this.#batch.push(message);
    else this.#deliverStream(message);
    return message;
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

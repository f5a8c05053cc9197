// One project's state as the mock server holds it: the epoch, the numbered stream and its replay log, the snapshots,
// and the hello a connection gets. It sends nothing: MockSnapshotServer delivers what it commits.
import type {
  FullHelloMessage,
  HelloMessage,
  StreamMessage,
  WorkspaceFacts,
  WorkspaceSnapshot,
} from '@livesnap/protocol';
import { buildSnapshot, compareWorkspaces, PROTOCOL_VERSION } from '@livesnap/protocol';

export interface MockProjectOptions {
  readonly projectId: string;
  readonly workspaces: readonly WorkspaceFacts[];
  /** The first epoch's id; `restart()` moves to `<base>-2`, `<base>-3`, … */
  readonly epoch: string | undefined;
  readonly replayLimit: number;
  readonly now: () => Date;
  /** The `instance` its hellos name (read at each hello), or undefined for none. */
  readonly instance: () => string | undefined;
}

export class MockProject {
  readonly projectId: string;
  #epochBase: string;
  #generation = 1;
  #epoch: string;
  #seq = 0;
  #snapshots = new Map<string, WorkspaceSnapshot>();
  #log: StreamMessage[] = [];
  #replayLimit: number;
  #now: () => Date;
  #instance: () => string | undefined;

  constructor(options: MockProjectOptions) {
    this.projectId = options.projectId;
    this.#epochBase = options.epoch ?? 'epoch';
    this.#epoch = options.epoch ?? 'epoch-1';
    this.#replayLimit = options.replayLimit;
    this.#now = options.now;
    this.#instance = options.instance;
    for (const facts of options.workspaces) this.#snapshots.set(facts.workspaceId, this.#build(facts, 0, 'initial'));
  }

  get epoch(): string {
    return this.#epoch;
  }

  /** The `seq` of the last stream message (0 at the start of an epoch). */
  get seq(): number {
    return this.#seq;
  }

  /** The snapshots, in display order. */
  get snapshots(): WorkspaceSnapshot[] {
    return [...this.#snapshots.values()].sort(compareWorkspaces);
  }

  /** The snapshots, by workspace id (a copy). */
  get workspaces(): ReadonlyMap<string, WorkspaceSnapshot> {
    return new Map(this.#snapshots);
  }

  /** The last `replayLimit` stream messages of this epoch. */
  get log(): readonly StreamMessage[] {
    return this.#log;
  }

  /** Creates or changes a workspace; its version is the message's `seq`. */
  upsert(facts: WorkspaceFacts): Extract<StreamMessage, { type: 'upsert' }> {
    const seq = this.#seq + 1;
    const snapshot = this.#build(facts, seq, this.#snapshots.has(facts.workspaceId) ? 'event' : 'initial');
    this.#snapshots.set(facts.workspaceId, snapshot);
    return this.#commit({ type: 'upsert', seq, snapshot });
  }

  /** Removes a workspace (a remove is committed even if it was not held). */
  remove(workspaceId: string): Extract<StreamMessage, { type: 'remove' }> {
    this.#snapshots.delete(workspaceId);
    return this.#commit({ type: 'remove', seq: this.#seq + 1, workspaceId });
  }

  /** Commits an upsert with the next `seq` and an older snapshot than the one held; the state does not change. */
  stale(workspaceId: string): Extract<StreamMessage, { type: 'upsert' }> {
    const held = this.#snapshots.get(workspaceId);
    if (held === undefined) throw new Error(`sendStale: the server holds no workspace ${JSON.stringify(workspaceId)}`);
    const snapshot = { ...held, name: `${held.name} (stale)`, version: Math.max(0, held.version - 1) };
    return this.#commit({ type: 'upsert', seq: this.#seq + 1, snapshot });
  }

  /** A new epoch, as a restarted process would start: `seq` 0, every snapshot at version 0, an empty replay log. */
  restart(): void {
    this.#generation += 1;
    this.#epoch = `${this.#epochBase}-${this.#generation}`;
    this.#seq = 0;
    this.#log = [];
    for (const [id, snapshot] of this.#snapshots) this.#snapshots.set(id, this.#build(snapshot, 0, 'initial'));
  }

  /** The logged stream message with this `seq`. */
  logged(seq: number): StreamMessage {
    const message = this.#log.find((m) => m.seq === seq);
    if (message === undefined) throw new Error(`no message with seq ${seq} in the replay log (epoch ${this.#epoch})`);
    return message;
  }

  fullHello(): FullHelloMessage {
    return {
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      projectId: this.projectId,
      epoch: this.#epoch,
      seq: this.#seq,
      resumed: false,
      snapshots: this.snapshots,
      ...this.#named(),
    };
  }

  /**
   * The greeting of a connection that asked to resume from `epoch` and `seq` (null: it did not): a resumed hello and
   * the replay when the log still holds everything after its `seq`, else a full hello.
   */
  greeting(epoch: string | null, seq: number | null): { hello: HelloMessage; replay: StreamMessage[] } {
    const oldest = this.#log[0]?.seq ?? this.#seq + 1;
    if (epoch === this.#epoch && seq !== null && seq <= this.#seq && seq >= oldest - 1) {
      const hello: HelloMessage = {
        type: 'hello',
        protocol: PROTOCOL_VERSION,
        projectId: this.projectId,
        epoch,
        seq,
        resumed: true,
        ...this.#named(),
      };
      return { hello, replay: this.#log.filter((message) => message.seq > seq) };
    }
    return { hello: this.fullHello(), replay: [] };
  }

  /** The hello's optional `instance` field, when the server has a name. */
  #named(): { instance?: string } {
    const instance = this.#instance();
    return instance === undefined ? {} : { instance };
  }

  #build(facts: WorkspaceFacts, version: number, source: WorkspaceSnapshot['source']): WorkspaceSnapshot {
    return buildSnapshot(facts, { version, computedAt: this.#now().toISOString(), source });
  }

  #commit<M extends StreamMessage>(message: M): M {
    this.#seq = message.seq;
    this.#log.push(message);
    if (this.#log.length > this.#replayLimit) this.#log.splice(0, this.#log.length - this.#replayLimit);
    return message;
  }
}

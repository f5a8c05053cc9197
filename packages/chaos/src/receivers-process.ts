// Lightweight receivers as a process of their own: raw `ws` sockets that apply the stream the way PROTOCOL.md tells a
// client to (seq by seq; a gap is counted and healed by a resync), check that every frame is of their own project,
// and keep a histogram of each stamped change's latency. Many of them cost little, so that the load falls on the server.
import {
  applyPatch,
  decodeServerFrame,
  type ServerMessage,
  type StreamMessage,
  type WorkspaceSnapshot,
} from '@livesnap/protocol';
import { WebSocket } from 'ws';
import { atTarget, digestOf, type ProjectTarget } from './digest.js';
import { reply } from './ipc.js';
import { stampOf } from './model.js';

export interface ReceiverSpec {
  readonly url: string;
  readonly projectId: string;
}

/** What a receiver saw, as the parent reads it. */
export interface ReceiverReport {
  readonly projectId: string;
  readonly epoch: string | null;
  readonly seq: number;
  readonly digest: string;
  readonly frames: number;
  readonly hellos: number;
  readonly gaps: number;
  readonly invalid: number;
  /** Frames about another project than the receiver's: must be none. */
  readonly foreign: number;
  /** Removals of workspaces it did not hold (which would tell it of another project's workspace): must be none. */
  readonly unknownRemovals: number;
  readonly closeCode: number | null;
}

type Command =
  | { type: 'connect'; receivers: ReceiverSpec[]; validate: boolean; id?: number }
  | { type: 'await'; targets: ProjectTarget[]; id?: number }
  | { type: 'report'; id?: number }
  | { type: 'reset-latency'; id?: number }
  | { type: 'close'; id?: number };

/** Latency buckets of 1 ms, the last one for everything slower. */
const BUCKETS = 30_001;

class Receiver {
  readonly snapshots = new Map<string, WorkspaceSnapshot>();
  epoch: string | null = null;
  seq = 0;
  awaitingHello = true;
  frames = 0;
  hellos = 0;
  gaps = 0;
  invalid = 0;
  foreign = 0;
  unknownRemovals = 0;
  closeCode: number | null = null;
  readonly ws: WebSocket;
  readonly greeted: Promise<void>;

  constructor(
    readonly spec: ReceiverSpec,
    private readonly validate: boolean,
    private readonly heard: (receiver: Receiver) => void,
  ) {
    this.ws = new WebSocket(spec.url);
    this.greeted = new Promise((resolve) => {
      this.ws.on('message', (data, isBinary) => {
        this.receive(isBinary ? null : data.toString());
        if (this.epoch !== null) resolve();
      });
      this.ws.on('close', (code) => {
        this.closeCode = code;
        resolve();
      });
    });
    this.ws.on('error', () => {});
  }

  private receive(text: string | null): void {
    this.frames += 1;
    let message: ServerMessage;
    if (this.validate || text === null) {
      const decoded = decodeServerFrame(text ?? new Uint8Array(0));
      if (!decoded.ok) {
        this.invalid += 1;
        return;
      }
      message = decoded.message;
    } else {
      message = JSON.parse(text) as ServerMessage;
    }
    if (message.type === 'hello') {
      this.hellos += 1;
      if (message.projectId !== this.spec.projectId) this.foreign += 1;
      if (!message.resumed) {
        this.snapshots.clear();
        for (const s of message.snapshots) this.take(s);
      }
      this.epoch = message.epoch;
      this.seq = message.seq;
      this.awaitingHello = false;
    } else if (message.type === 'batch') {
      for (const m of message.messages) this.apply(m);
    } else if (message.type === 'upsert' || message.type === 'remove') {
      this.apply(message);
    }
    this.heard(this);
  }

  private take(snapshot: WorkspaceSnapshot): void {
    if (snapshot.projectId !== this.spec.projectId) this.foreign += 1;
    this.snapshots.set(snapshot.workspaceId, snapshot);
  }

  private apply(message: StreamMessage): void {
    if (this.awaitingHello || message.seq <= this.seq) return;
    if (message.seq > this.seq + 1) {
      this.resync();
      return;
    }
    this.seq = message.seq;
    if (message.type === 'remove') {
      if (!this.snapshots.delete(message.workspaceId)) this.unknownRemovals += 1;
      return;
    }
    // Receivers ask for protocol 1 (whole upserts); a patch is applied only to its base, as the client does.
    const held = message.type === 'patch' ? this.snapshots.get(message.workspaceId) : undefined;
    if (message.type === 'patch' && held?.version !== message.baseVersion) {
      this.resync();
      return;
    }
    const snapshot = message.type === 'patch' ? applyPatch(held as WorkspaceSnapshot, message) : message.snapshot;
    this.take(snapshot);
    const stamp = stampOf(snapshot.name);
    if (stamp !== null) latency[Math.min(BUCKETS - 1, Math.max(0, Date.now() - stamp))]! += 1;
  }

  /** A gap: ask for a full hello and ignore the stream until it comes. */
  private resync(): void {
    this.gaps += 1;
    this.awaitingHello = true;
    this.ws.send(JSON.stringify({ type: 'resync' }));
  }

  report(): ReceiverReport {
    const { epoch, seq, frames, hellos, gaps, invalid, foreign, unknownRemovals, closeCode } = this;
    const digest = digestOf(this.snapshots.values());
    const { projectId } = this.spec;
    return { projectId, epoch, seq, digest, frames, hellos, gaps, invalid, foreign, unknownRemovals, closeCode };
  }
}

let latency = new Array<number>(BUCKETS).fill(0);
let receivers: Receiver[] = [];
let awaiting: { targets: Map<string, ProjectTarget>; pending: Set<Receiver>; answer: (at: number) => void } | null =
  null;

function settled(receiver: Receiver, target: ProjectTarget | undefined): boolean {
  if (!target) return true;
  if (!atTarget(target, receiver.epoch, receiver.seq) || receiver.awaitingHello) return false;
  return digestOf(receiver.snapshots.values()) === target.digest;
}

function heard(receiver: Receiver): void {
  if (!awaiting?.pending.has(receiver)) return;
  if (!settled(receiver, awaiting.targets.get(receiver.spec.projectId))) return;
  awaiting.pending.delete(receiver);
  if (awaiting.pending.size === 0) {
    const { answer } = awaiting;
    awaiting = null;
    answer(Date.now());
  }
}

process.on('message', async (command: Command) => {
  switch (command.type) {
    case 'connect': {
      const made = command.receivers.map((spec) => new Receiver(spec, command.validate, heard));
      receivers.push(...made);
      // In slices, as a crowd of tabs would arrive: a whole crowd at once only measures the accept queue.
      for (let i = 0; i < made.length; i += 50) await Promise.all(made.slice(i, i + 50).map((r) => r.greeted));
      return reply(command, { type: 'connected', open: made.filter((r) => r.closeCode === null).length });
    }
    case 'await': {
      const targets = new Map(command.targets.map((t) => [t.projectId, t]));
      const pending = new Set(receivers.filter((r) => !settled(r, targets.get(r.spec.projectId))));
      if (pending.size === 0) return reply(command, { type: 'converged', at: Date.now() });
      awaiting = { targets, pending, answer: (at) => reply(command, { type: 'converged', at }) };
      return;
    }
    case 'report':
      return reply(command, {
        type: 'report',
        receivers: receivers.map((r) => r.report()),
        latency,
        cpuMicros: process.cpuUsage().user + process.cpuUsage().system,
      });
    case 'reset-latency':
      latency = new Array<number>(BUCKETS).fill(0);
      return reply(command, { type: 'reset' });
    case 'close':
      for (const receiver of receivers) receiver.ws.terminate();
      receivers = [];
      return reply(command, { type: 'closed' });
  }
});
process.send?.({ type: 'ready' });

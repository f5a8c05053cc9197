// A child process of receiving clients, so that the process under measurement is the server. Driven over IPC
// (clients.ts). Kinds: `client`, real `@livesnap/client` instances (a change counts once it is applied in the store);
// `light`, `ws` sockets that parse, validate (the protocol's schemas) and check the seq of every frame; `raw`, `ws`
// sockets that parse every frame (the floor's receivers); `count`, `ws` sockets that parse nothing (a batch aside) and
// only count, for rows that time the server; `socketio`, socket.io-client sockets on the WebSocket
// transport. Every client counts stream messages after its hello; the process answers the instant a count was
// reached by every client.
import { createSnapshotClient } from '@livesnap/client';
import { decodeServerFrame, PROTOCOL_VERSION, type ServerMessage } from '@livesnap/protocol';
import { io, type Socket } from 'socket.io-client';
import { WebSocket } from 'ws';
import { instant } from './stats.js';

export type ClientKind = 'client' | 'light' | 'raw' | 'count' | 'socketio';

export type ClientsCommand =
  | { type: 'connect'; kind: ClientKind; url: string; clients: number }
  // Answer `done` once every client has `messages` stream messages.
  | { type: 'expect'; messages: number }
  // Answer `watching` at once, and `seen` once every client has had a frame containing `marker` (ws kinds).
  | { type: 'watch'; marker: string }
  | { type: 'stats' }
  | { type: 'close' };

interface Receiver {
  close(): void;
}

let receivers: Receiver[] = [];
/**
 * Which `connect` the receivers belong to: an event of a closed receiver (socket.io may still deliver what it had
 * buffered) is ignored rather than counted for the client of the same index in the next connect.
 */
let generation = 0;
let counts: number[] = [];
let frames = 0;
let bytes = 0;
/** For each message count k: the latest instant a client reached it, and how many clients have not yet. */
let reachedAt: number[] = [];
let waiting: number[] = [];
let expected: number | null = null;
let marker: { text: Buffer; seenBy: Set<number> } | null = null;
let greeted = 0;
let protocol: number | null = null;

const report = (message: object) => process.send?.(message);
/** A receiver of the current connect failed (one closed since is no longer anyone's concern). */
const fail = (from: number, message: string) => {
  if (from === generation) report({ type: 'error', message });
};

function greet(from: number, hello: { protocol?: number }) {
  if (from !== generation) return;
  protocol ??= hello.protocol ?? null;
  if (++greeted === counts.length) report({ type: 'connected', protocol });
}

/** Client `i` has `added` more stream messages, at `at`. */
function advance(from: number, i: number, added: number, at: number) {
  if (from !== generation) return;
  for (let n = 0; n < added; n++) {
    const k = ++counts[i]!;
    reachedAt[k] = Math.max(reachedAt[k] ?? 0, at);
    waiting[k] = (waiting[k] ?? counts.length) - 1;
    if (waiting[k] === 0) {
      if (expected !== null && k >= expected) {
        expected = null;
        report({ type: 'done', at: reachedAt[k] });
      }
    }
  }
}

function onFrame(from: number, i: number, data: Buffer) {
  if (from !== generation) return;
  frames += 1;
  bytes += data.length;
  if (marker && !marker.seenBy.has(i) && data.includes(marker.text)) {
    marker.seenBy.add(i);
    if (marker.seenBy.size === counts.length) {
      marker = null;
      report({ type: 'seen', at: instant() });
    }
  }
}

const BATCH_PREFIX = Buffer.from('{"type":"batch"');

/** A `ws` receiver that counts (`count`), parses (`raw`) or decodes and sequence-checks (`light`) every frame. */
function wsReceiver(i: number, url: string, kind: 'light' | 'raw' | 'count'): Receiver {
  const from = generation;
  const socket = new WebSocket(url);
  let seq: number | null = null;
  let hadHello = false;
  socket.on('message', (data: Buffer) => {
    const at = instant();
    onFrame(from, i, data);
    if (kind === 'count') {
      if (!hadHello) {
        hadHello = true;
        return greet(from, {});
      }
      // Several instances' commits may reach a subscriber as one batch frame: only those are parsed, to count them.
      const batch = data.length > BATCH_PREFIX.length && BATCH_PREFIX.compare(data, 0, BATCH_PREFIX.length) === 0;
      return advance(from, i, batch ? (JSON.parse(data.toString()) as { messages: unknown[] }).messages.length : 1, at);
    }
    const validate = kind === 'light';
    if (!validate) {
      const message = JSON.parse(data.toString()) as { type: string; messages?: unknown[]; protocol?: number };
      if (message.type === 'hello') greet(from, message);
      else advance(from, i, message.type === 'batch' ? message.messages!.length : 1, at);
      return;
    }
    const decoded = decodeServerFrame(data.toString());
    if (!decoded.ok) return fail(from, `client ${i}: ${decoded.reason}`);
    const message: ServerMessage = decoded.message;
    if (message.type === 'hello') {
      seq = message.seq;
      greet(from, message);
      return;
    }
    const stream = message.type === 'batch' ? message.messages : [message];
    for (const m of stream) {
      if (!('seq' in m)) continue;
      if (m.seq !== seq! + 1) return fail(from, `client ${i}: seq ${m.seq} after ${seq}`);
      seq = m.seq;
    }
    advance(from, i, stream.length, at);
  });
  socket.on('error', (error) => fail(from, `client ${i}: ${error.message}`));
  return { close: () => socket.terminate() };
}

function snapshotClient(i: number, url: string): Receiver {
  const from = generation;
  const base = new URL(url);
  const client = createSnapshotClient({
    url: `${base.origin}${base.pathname}`,
    projectId: base.searchParams.get('projectId')!,
    WebSocket,
  });
  let helloSeq: number | null = null;
  client.store.subscribe((state) => {
    if (state.status !== 'open' || state.seq === null) return;
    if (helloSeq === null) {
      helloSeq = state.seq;
      // The version this client speaks (it puts it in its URL and refuses a hello of another).
      greet(from, { protocol: PROTOCOL_VERSION });
      return;
    }
    const added = state.seq - helloSeq - counts[i]!;
    if (added > 0) advance(from, i, added, instant());
  });
  return { close: () => client.close() };
}

function socketIoReceiver(i: number, url: string): Receiver {
  const from = generation;
  const socket: Socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  socket.on('hello', (hello: { protocol?: number }) => greet(from, hello));
  socket.on('message', (message: { type: string; messages?: unknown[] }) =>
    advance(from, i, message.type === 'batch' ? message.messages!.length : 1, instant()),
  );
  socket.on('connect_error', (error) => fail(from, `client ${i}: ${error.message}`));
  return { close: () => socket.disconnect() };
}

// Orphaned (the runner failed or was stopped): leave with it.
process.on('disconnect', () => process.exit(0));

process.on('message', (command: ClientsCommand) => {
  switch (command.type) {
    case 'connect':
      generation += 1;
      expected = null;
      marker = null;
      counts = new Array(command.clients).fill(0);
      reachedAt = [];
      waiting = [];
      frames = 0;
      bytes = 0;
      greeted = 0;
      protocol = null;
      receivers = counts.map((_, i) => {
        if (command.kind === 'client') return snapshotClient(i, command.url);
        if (command.kind === 'socketio') return socketIoReceiver(i, command.url);
        return wsReceiver(i, command.url, command.kind);
      });
      return;
    case 'expect':
      expected = command.messages;
      if (counts.every((c) => c >= command.messages)) {
        expected = null;
        report({ type: 'done', at: reachedAt[command.messages] ?? instant() });
      }
      return;
    case 'watch':
      marker = { text: Buffer.from(command.marker), seenBy: new Set() };
      report({ type: 'watching' });
      return;
    case 'stats':
      report({ type: 'stats', frames: frames / counts.length, bytes: bytes / counts.length });
      return;
    case 'close':
      for (const receiver of receivers) receiver.close();
      receivers = [];
      generation += 1;
      report({ type: 'closed' });
  }
});

// Item 4 of RELIABILITY.md, the server's side: thousands of generated and mutated client frames (malformed JSON, deep
// nesting, huge strings, binary, text that is not UTF-8, wrong types, valid frames in odd orders) over several
// connections to a server process. Every frame gets the answer PROTOCOL.md gives it, from an oracle written here
// from the page (not from the protocol package's decoder); the process stays up; observers of the same project keep a
// gap-free stream through it all and converge.
import { once } from 'node:events';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { digestOfFacts } from '../src/digest.js';
import { Database } from '../src/model.js';
import { startReceivers } from '../src/peers.js';
import { killChildren } from '../src/processes.js';
import { startServer } from '../src/server-handle.js';
import { SIZES } from '../src/sizes.js';
import { every } from '../src/time.js';

const { frames: frameCount, connections, observers } = SIZES.fuzz;
const MAX_PAYLOAD = 64 * 1024;

afterEach(killChildren);

/** A client frame as sent: text (maybe not UTF-8), or binary. */
interface Frame {
  readonly data: string | Buffer;
  readonly binary: boolean;
}

/** What PROTOCOL.md says the server answers: a pong with the id, a hello, or an error with its code. */
type Expected = { type: 'pong'; id: string } | { type: 'hello' } | { type: 'error'; code: string };

/** PROTOCOL.md's "error" section and client frames, as an oracle: first match wins. */
function expectedAnswer(frame: Frame): Expected {
  // Binary is not the protocol; a text frame that is not UTF-8 is not JSON.
  if (frame.binary || (typeof frame.data !== 'string' && !isUtf8(frame.data)))
    return { type: 'error', code: 'bad_message' };
  const text = typeof frame.data === 'string' ? frame.data : frame.data.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { type: 'error', code: 'bad_message' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { type: 'error', code: 'bad_message' };
  const { type, id } = value as { type?: unknown; id?: unknown };
  if (typeof type !== 'string') return { type: 'error', code: 'bad_message' };
  if (type === 'resync') return { type: 'hello' };
  if (type !== 'ping') return { type: 'error', code: 'unknown_type' };
  return typeof id === 'string' && id.length <= 64 ? { type: 'pong', id } : { type: 'error', code: 'bad_message' };
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const text = (data: string): Frame => ({ data, binary: false });
const validPing = fc.string({ maxLength: 64 }).map((id) => JSON.stringify({ type: 'ping', id }));
const deep = (depth: number, open: string, close: string, inner = '0') =>
  open.repeat(depth) + inner + close.repeat(depth);

/** Frames of every kind the issue names, generated and mutated. */
const frameArbitrary: fc.Arbitrary<Frame> = fc.oneof(
  validPing.map(text),
  fc.constant(text('{"type":"resync"}')),
  fc.record({ type: fc.constantFrom('ping', 'resync'), extra: fc.jsonValue() }).map((v) => text(JSON.stringify(v))),
  // Wrong types: a known type with a wrong field, another type, a type that is not a string.
  fc
    .record({ type: fc.constant('ping'), id: fc.oneof(fc.integer(), fc.string({ minLength: 65, maxLength: 200 })) })
    .map((v) => text(JSON.stringify(v))),
  fc
    .record({ type: fc.oneof(fc.string(), fc.constantFrom('hello', 'upsert', 'pong', 'PING', '')) })
    .map((v) => text(JSON.stringify(v))),
  fc.record({ type: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)) }).map((v) => text(JSON.stringify(v))),
  // Any JSON, and strings that are rarely JSON.
  fc.jsonValue().map((v) => text(JSON.stringify(v) ?? 'null')),
  fc.string({ maxLength: 200 }).map(text),
  // Mutations of valid frames: cut short, a character replaced, something spliced in.
  fc
    .tuple(validPing, fc.nat(), fc.string({ maxLength: 3 }))
    .map(([frame, at, insert]) =>
      text(frame.slice(0, at % (frame.length + 1)) + insert + frame.slice((at % (frame.length + 1)) + 1)),
    ),
  // Deep nesting (arrays, objects, inside a ping), huge strings.
  fc.integer({ min: 1, max: 30_000 }).map((depth) => text(deep(depth, '[', ']'))),
  fc.integer({ min: 1, max: 5_000 }).map((depth) => text(`{"type":"ping","id":${deep(depth, '{"a":', '}')}}`)),
  fc.integer({ min: 1, max: 60_000 }).map((length) => text(JSON.stringify({ type: 'ping', id: 'x'.repeat(length) }))),
  // Binary, and text frames whose bytes are not UTF-8.
  fc.uint8Array({ maxLength: 512 }).map((bytes) => ({ data: Buffer.from(bytes), binary: true })),
  fc
    .uint8Array({ minLength: 1, maxLength: 64 })
    .map((bytes) => Buffer.concat([Buffer.from('{"type":"ping","id":"'), Buffer.from(bytes), Buffer.from('"}')]))
    .filter((bytes) => !isUtf8(bytes))
    .map((data) => ({ data, binary: false })),
);

/** A connection that sends one frame at a time and takes the next frame the server sends as its answer. */
class Prober {
  readonly ws: WebSocket;
  private waiter: ((message: unknown) => void) | null = null;
  readonly greeted: Promise<void>;

  constructor(url: string) {
    this.ws = new WebSocket(url, { maxPayload: 16 * 1024 * 1024 });
    this.ws.on('error', () => {});
    this.greeted = new Promise((resolve) => {
      this.ws.once('message', () => {
        this.ws.on('message', (data) => {
          const message = JSON.parse(data.toString()) as { type: string };
          // The stream of the project's changes flows here too: it is not an answer.
          if (['upsert', 'remove', 'batch'].includes(message.type)) return;
          const waiter = this.waiter;
          this.waiter = null;
          waiter?.(message);
        });
        resolve();
      });
    });
  }

  ask(frame: Frame): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer within 10 s to ${show(frame)}`)), 10_000);
      this.waiter = (message) => {
        clearTimeout(timer);
        resolve(message);
      };
      this.ws.send(frame.data, { binary: frame.binary });
    });
  }
}

function show(frame: Frame): string {
  const shown = typeof frame.data === 'string' ? frame.data : frame.data.toString('hex');
  return `${frame.binary ? 'binary' : 'text'} ${shown.slice(0, 120)}${shown.length > 120 ? '…' : ''}`;
}

describe('fuzzed client frames', () => {
  it(`get PROTOCOL.md's answers, ${frameCount} of them over ${connections} connections, while observers keep a gap-free stream`, async () => {
    const db = new Database(['fuzz'], 20);
    const server = await startServer(
      { port: 0, service: { coalesceMs: 0 }, endpoint: { maxFramesPerSecond: 1_000_000, maxPayload: MAX_PAYLOAD } },
      db.facts.values(),
    );
    const url = `${server.url}?projectId=fuzz&protocol=1`;
    const receivers = await startReceivers();
    await receivers.connect(
      Array.from({ length: observers }, () => ({ url, projectId: 'fuzz' })),
      true,
    );
    const changes = every(20, 100_000, (i) => server?.ops([db.change(db.workspaceIds('fuzz')[i % 20]!)]));

    const frames = fc.sample(frameArbitrary, { numRuns: frameCount, seed: 17 });
    const kinds = new Map<string, number>();
    for (const frame of frames) {
      const expected = expectedAnswer(frame);
      const kind = expected.type === 'error' ? expected.code : expected.type;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    // Every answer the page names is exercised.
    expect([...kinds.keys()].sort()).toEqual(['bad_message', 'hello', 'pong', 'unknown_type']);
    const probers = Array.from({ length: connections }, () => new Prober(url));
    await Promise.all(probers.map((p) => p.greeted));
    const mismatches: string[] = [];
    let answered = 0;
    await Promise.all(
      probers.map(async (prober, c) => {
        for (let i = c; i < frames.length; i += connections) {
          const frame = frames[i]!;
          const answer = (await prober.ask(frame)) as { type: string; id?: string; code?: string };
          const expected = expectedAnswer(frame);
          const got =
            answer.type === 'error'
              ? { type: 'error', code: answer.code }
              : answer.type === 'pong'
                ? { type: 'pong', id: answer.id }
                : { type: answer.type };
          if (JSON.stringify(got) !== JSON.stringify(expected)) {
            mismatches.push(`${show(frame)}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
          }
          answered += 1;
        }
      }),
    );
    expect(mismatches.slice(0, 10)).toEqual([]);
    expect(answered).toBe(frameCount);

    // A frame over maxPayload closes its connection with 1009 — only that one.
    const oversized = probers[0]!;
    const closed = once(oversized.ws, 'close') as Promise<[number, Buffer]>;
    oversized.ws.send(JSON.stringify({ type: 'ping', id: 'x'.repeat(MAX_PAYLOAD) }));
    const [code] = await closed;
    expect(code).toBe(1009);

    changes.stop();
    expect(server.child.exitCode).toBeNull();
    const targets = await server.targets(['fuzz']);
    expect(targets[0]!.digest).toBe(digestOfFacts(db.project('fuzz')));
    await receivers.converged(targets);
    for (const observer of (await receivers.report()).receivers) {
      expect(observer).toMatchObject({ gaps: 0, invalid: 0, foreign: 0, closeCode: null, seq: targets[0]!.seq });
    }
    const survivor = probers[1]!;
    expect(await survivor.ask(text('{"type":"ping","id":"still up"}'))).toMatchObject({ type: 'pong', id: 'still up' });
    for (const prober of probers) prober.ws.terminate();
    console.log(`[chaos] fuzz: ${answered} frames answered as PROTOCOL.md says over ${connections} connections`, kinds);
  });
});

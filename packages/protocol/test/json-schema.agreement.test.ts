// The generated JSON Schema is what clients in other languages validate frames with: a standard validator (Ajv,
// draft 2020-12) must accept exactly what the zod schemas accept. Checked on random valid frames and on random
// single-field corruptions of them. The one rule JSON Schema cannot express (a batch's seqs are consecutive) is
// the only disagreement allowed.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildSnapshot,
  ClientMessageSchema,
  messageInVersion,
  ServerMessageSchema,
  VISIBLE_FIELDS,
} from '../src/index.js';
import { isoTime, snapshotMetadata, workspaceFacts } from '../test-support/arbitraries.js';

const schema = JSON.parse(readFileSync(new URL('../protocol.schema.json', import.meta.url), 'utf8')) as {
  $defs: Record<string, object>;
};
// `date-time` is also enforced by the schema's own `pattern`; formats are an optional vocabulary in 2020-12.
const ajv = new Ajv2020({ validateFormats: false, strict: false });
ajv.addSchema(schema, 'protocol');
const validServer = ajv.getSchema('protocol#/$defs/ServerMessage')!;
const validClient = ajv.getSchema('protocol#/$defs/ClientMessage')!;

const snapshot = fc.tuple(workspaceFacts, snapshotMetadata).map(([facts, meta]) => buildSnapshot(facts, meta));
const seq = fc.integer({ min: 1, max: 1_000_000 });
/** A patch of a random set of visible fields (the identity aside) of a random snapshot. */
const patch = fc
  .tuple(seq, snapshot, fc.nat(), fc.subarray(VISIBLE_FIELDS.filter((f) => f !== 'workspaceId' && f !== 'projectId')))
  .map(([s, after, baseVersion, fields]) =>
    messageInVersion({ type: 'upsert', seq: s, snapshot: after, change: { fields, baseVersion } }, 2),
  );
const stream = fc.oneof(
  fc.record({ type: fc.constant('upsert'), seq, snapshot }),
  fc.record({ type: fc.constant('remove'), seq, workspaceId: fc.string({ minLength: 1, maxLength: 8 }) }),
  patch,
);
const helloBase = {
  type: fc.constant('hello'),
  protocol: fc.constantFrom(1, 2),
  projectId: fc.string({ minLength: 1, maxLength: 8 }),
  epoch: fc.string({ minLength: 1, maxLength: 8 }),
  seq: fc.nat(),
};
const serverFrame = fc.oneof(
  fc.record({ ...helloBase, resumed: fc.constant(false), snapshots: fc.array(snapshot, { maxLength: 3 }) }),
  fc.record({ ...helloBase, resumed: fc.constant(true) }),
  stream,
  fc.tuple(seq, fc.array(stream, { minLength: 1, maxLength: 4 })).map(([first, messages]) => ({
    type: 'batch',
    messages: messages.map((m, i) => ({ ...m, seq: first + i })),
  })),
  fc.record({ type: fc.constant('pong'), id: fc.string({ maxLength: 8 }), serverTime: isoTime }),
  fc.record({
    type: fc.constant('error'),
    code: fc.constantFrom('rate_limited', 'bad_message', 'unknown_type'),
    message: fc.string({ maxLength: 20 }),
  }),
);
const clientFrame = fc.oneof(
  fc.record({ type: fc.constant('ping'), id: fc.string({ maxLength: 8 }) }),
  fc.record({ type: fc.constant('resync') }),
);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value inside `value` (the root excluded). */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, Json][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...paths(child, [...prefix, key])]);
}

const REPLACEMENTS: (Json | undefined)[] = [
  undefined,
  null,
  -1,
  0,
  1.5,
  2 ** 53,
  '',
  'X',
  true,
  {},
  [],
  '2026-11-25',
  3,
];

/** `frame` with the value at one path deleted or replaced. */
function corrupt(frame: Json, pick: number, replacement: Json | undefined): Json {
  const copy = structuredClone(frame);
  const all = paths(copy);
  const path = all[pick % all.length]!;
  let parent = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const last = path.at(-1)!;
  if (replacement === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = replacement;
  return copy;
}

/** Keys to add to an object: unknown ones, metadata, the identity, and fields a patch may set. */
const ADDED_KEYS = ['extra', 'version', 'computedAt', 'workspaceId', 'projectId', 'status', 'isWorking', 'gitStats'];

/** `frame` with `key` set to `value` in one of its objects (the root included). */
function addKey(frame: Json, pick: number, key: string, value: Json): Json {
  const copy = structuredClone(frame);
  const objects = [
    copy,
    ...paths(copy).map((path) => path.reduce<Json>((v, k) => (v as Record<string, Json>)[k]!, copy)),
  ].filter((v): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v));
  objects[pick % objects.length]![key] = value;
  return copy;
}

const onlyBatchOrder = (issues: readonly { message: string }[]) =>
  issues.length > 0 && issues.every((issue) => /consecutive/.test(issue.message));

describe('the generated JSON Schema and the zod schemas', () => {
  it('both accept every valid frame', () => {
    fc.assert(
      fc.property(serverFrame, clientFrame, (server, client) => {
        expect(ServerMessageSchema.safeParse(server).success).toBe(true);
        expect(validServer(server)).toBe(true);
        expect(ClientMessageSchema.safeParse(client).success).toBe(true);
        expect(validClient(client)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('agree on every single-field corruption of a valid frame, but for batch order', () => {
    fc.assert(
      fc.property(
        fc.oneof(serverFrame, clientFrame),
        fc.nat(),
        fc.constantFrom(...REPLACEMENTS),
        (frame, pick, replacement) => {
          const corrupted = corrupt(frame as Json, pick, replacement);
          const isClient = (frame as { type: string }).type === 'ping' || (frame as { type: string }).type === 'resync';
          const zod = (isClient ? ClientMessageSchema : ServerMessageSchema).safeParse(corrupted);
          const json = (isClient ? validClient : validServer)(corrupted);
          if (!zod.success && json && onlyBatchOrder(zod.error.issues)) return;
          expect({ corrupted, json }).toEqual({ corrupted, json: zod.success });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('agree on a key added to any object of a valid frame: dropped, but refused in the fields of a patch', () => {
    const values = REPLACEMENTS.filter((v): v is Json => v !== undefined);
    fc.assert(
      fc.property(
        serverFrame,
        fc.nat(),
        fc.constantFrom(...ADDED_KEYS),
        fc.constantFrom(...values),
        (frame, pick, key, value) => {
          const extended = addKey(frame as Json, pick, key, value);
          const zod = ServerMessageSchema.safeParse(extended);
          const json = validServer(extended);
          if (!zod.success && json && onlyBatchOrder(zod.error.issues)) return;
          expect({ extended, json }).toEqual({ extended, json: zod.success });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('are told apart only by batch order, which a client in another language must check itself', () => {
    const upsert = (s: number) => ({ type: 'remove', seq: s, workspaceId: 'w1' });
    const outOfOrder = { type: 'batch', messages: [upsert(3), upsert(5)] };
    expect(validServer(outOfOrder)).toBe(true);
    expect(ServerMessageSchema.safeParse(outOfOrder).success).toBe(false);
  });
});

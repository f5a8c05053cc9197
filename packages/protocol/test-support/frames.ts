// Valid frames of every type, and ways to corrupt them, for the property tests that compare the protocol's readers:
// the zod schemas, the generated JSON Schema, and decode.ts's hand-picked parse.
import * as fc from 'fast-check';
import { buildSnapshot, messageInVersion, VISIBLE_FIELDS } from '../src/index.js';
import { isoTime, snapshotMetadata, workspaceFacts } from './arbitraries.js';

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
export const serverFrame = fc.oneof(
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
export const clientFrame = fc.oneof(
  fc.record({ type: fc.constant('ping'), id: fc.string({ maxLength: 8 }) }),
  fc.record({ type: fc.constant('resync') }),
);

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

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

/** Whether a frame is one a client sends (its `type` is a client's). */
export function isClientFrame(frame: Json): boolean {
  const type = (frame as { type?: unknown }).type;
  return type === 'ping' || type === 'resync';
}

/** A valid frame of either side, and the same frame with one value deleted or replaced. */
export const corruptedFrame: fc.Arbitrary<{ frame: Json; corrupted: Json }> = fc
  .tuple(fc.oneof(serverFrame, clientFrame), fc.nat(), fc.constantFrom(...REPLACEMENTS))
  .map(([frame, pick, replacement]) => ({
    frame: frame as Json,
    corrupted: corrupt(frame as Json, pick, replacement),
  }));

/** A valid server frame with a key added to one of its objects. */
export const extendedFrame: fc.Arbitrary<Json> = fc
  .tuple(
    serverFrame,
    fc.nat(),
    fc.constantFrom(...ADDED_KEYS),
    fc.constantFrom(...REPLACEMENTS.filter((v): v is Json => v !== undefined)),
  )
  .map(([frame, pick, key, value]) => addKey(frame as Json, pick, key, value));

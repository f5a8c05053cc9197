// The frames of PROTOCOL.md, both ways, as zod schemas; every type is inferred from them.
import * as z from 'zod/mini';
import { IdSchema as Id, IntSchema, IsoTimeSchema, CountSchema as Seq } from './scalars.js';
import {
  DerivedFieldsSchema,
  SnapshotMetadataSchema,
  WorkspaceFactsSchema,
  WorkspaceSnapshotSchema,
} from './snapshot.js';

/** The newest protocol version: the one a client asks for first. */
export const PROTOCOL_VERSION = 2;

/**
 * Every version this package speaks, oldest first: the current one and the one before it, as a server must (a rolling
 * deploy has clients of both). Version 1 has no `patch`: its stream is `upsert` and `remove` only.
 */
export const PROTOCOL_VERSIONS = [1, 2] as const;

export type ProtocolVersion = (typeof PROTOCOL_VERSIONS)[number];

/** Stream messages take the next integer after the epoch's start at 0, so the first is 1. */
const StreamSeq = IntSchema.check(z.minimum(1));

/**
 * The longest ping `id` (a counter or a UUID fits): the server echoes the id in its pong, so an unbounded one would
 * let a client make the server send back as much as it likes.
 */
export const MAX_PING_ID_LENGTH = 64;
const PingId = z.string().check(z.maxLength(MAX_PING_ID_LENGTH));

/** The longest `instance` name a hello carries (`host:port`, a pod name). */
export const MAX_INSTANCE_LENGTH = 128;
/** Which server instance sent the hello (optional: a server with one instance may leave it out). */
const Instance = z.optional(z.string().check(z.minLength(1), z.maxLength(MAX_INSTANCE_LENGTH)));

export const FullHelloMessageSchema = z.object({
  type: z.literal('hello'),
  protocol: z.literal(PROTOCOL_VERSIONS),
  projectId: Id,
  epoch: Id,
  seq: Seq,
  resumed: z.literal(false),
  snapshots: z.array(WorkspaceSnapshotSchema),
  instance: Instance,
});

export const ResumedHelloMessageSchema = z.object({
  type: z.literal('hello'),
  protocol: z.literal(PROTOCOL_VERSIONS),
  projectId: Id,
  epoch: Id,
  seq: Seq,
  resumed: z.literal(true),
  instance: Instance,
});

export const HelloMessageSchema = /* @__PURE__ */ z.discriminatedUnion('resumed', [
  FullHelloMessageSchema,
  ResumedHelloMessageSchema,
]);

export const UpsertMessageSchema = z.object({
  type: z.literal('upsert'),
  seq: StreamSeq,
  snapshot: WorkspaceSnapshotSchema,
});

export const RemoveMessageSchema = z.object({
  type: z.literal('remove'),
  seq: StreamSeq,
  workspaceId: Id,
});

const { workspaceId: _workspaceId, projectId: _projectId, ...PATCHABLE_FACTS } = WorkspaceFactsSchema.shape;
const PATCHABLE = { ...PATCHABLE_FACTS, ...DerivedFieldsSchema.shape };
type Optional<T> = { [K in keyof T]: z.ZodMiniOptional<T[K] & z.ZodMiniType> };

/**
 * What a patch may set: any visible field but the workspace's identity (`workspaceId`, `projectId`), each replaced
 * whole. Unlike everywhere else, a key this version does not know makes the patch invalid rather than being dropped:
 * a reader that dropped it would miss a change and hold a snapshot the server never had. (Each field is made optional
 * here rather than with `z.partial`, which would cost the client's browser bundle 0.4 KB more of zod.)
 */
export const PatchFieldsSchema = z.strictObject(
  Object.fromEntries(Object.entries(PATCHABLE).map(([key, field]) => [key, z.optional(field)])) as Optional<
    typeof PATCHABLE
  >,
);

/**
 * Version 2: the visible fields of one workspace that changed, applied to the snapshot the client holds at
 * `baseVersion`; the snapshot's new metadata (`version`, `computedAt`, `source`) comes with them.
 */
export const PatchMessageSchema = z.object({
  type: z.literal('patch'),
  seq: StreamSeq,
  workspaceId: Id,
  baseVersion: SnapshotMetadataSchema.shape.version,
  ...SnapshotMetadataSchema.shape,
  set: PatchFieldsSchema,
});

export const StreamMessageSchema = /* @__PURE__ */ z.discriminatedUnion('type', [
  UpsertMessageSchema,
  RemoveMessageSchema,
  PatchMessageSchema,
]);

/** A batch of `messages`: at least one, with consecutive seqs. */
function batchSchema<M extends z.ZodMiniType<{ seq: number }>>(messages: M) {
  return z.object({
    type: z.literal('batch'),
    messages: z.array(messages).check(
      z.minLength(1),
      z.refine<readonly { seq: number }[]>((all) => all.every((m, i) => m.seq === all[0]!.seq + i), {
        message: 'the seq values of a batch must be consecutive and in order',
      }),
    ),
  });
}

export const BatchMessageSchema = /* @__PURE__ */ batchSchema(StreamMessageSchema);

/** A batch as decode.ts parses it first: each message with a seq; then each message by its own schema. */
const BatchEnvelopeSchema = batchSchema(z.looseObject({ seq: StreamSeq }));

export const PongMessageSchema = z.object({
  type: z.literal('pong'),
  id: PingId,
  serverTime: IsoTimeSchema,
});

export const ErrorCodeSchema = z.enum(['rate_limited', 'bad_message', 'unknown_type']);

export const ErrorMessageSchema = z.object({
  type: z.literal('error'),
  code: ErrorCodeSchema,
  message: z.string(),
});

export const ServerMessageSchema = /* @__PURE__ */ z.discriminatedUnion('type', [
  HelloMessageSchema,
  UpsertMessageSchema,
  RemoveMessageSchema,
  PatchMessageSchema,
  BatchMessageSchema,
  PongMessageSchema,
  ErrorMessageSchema,
]);

export const PingMessageSchema = /* @__PURE__ */ z.object({ type: z.literal('ping'), id: PingId });
export const ResyncMessageSchema = /* @__PURE__ */ z.object({ type: z.literal('resync') });

export const ClientMessageSchema = /* @__PURE__ */ z.discriminatedUnion('type', [
  PingMessageSchema,
  ResyncMessageSchema,
]);

/**
 * The schema a frame takes by the value of its `key`, or by a further choice. The discriminated unions above say the
 * same; decode.ts picks by hand from these so that zod's union code stays out of a browser's bundle (0.6 KB, with the
 * unions marked pure so that a bundler drops them where they are unused).
 */
export class SchemaChoice {
  readonly options: ReadonlyMap<unknown, SchemaOption>;

  constructor(
    readonly key: string,
    options: readonly (readonly [value: unknown, option: SchemaOption])[],
  ) {
    this.options = new Map(options);
  }
}

/** A frame whose list `key` holds frames of their own: `schema` parses the frame, `each` picks each item's schema. */
export class FrameList {
  constructor(
    readonly schema: z.ZodMiniType,
    readonly key: string,
    readonly each: SchemaChoice,
  ) {}
}

export type SchemaOption = z.ZodMiniType | SchemaChoice | FrameList;

/** A batch's messages, each picked by its `type`. */
const STREAM_FRAME_SCHEMAS = new SchemaChoice('type', [
  ['upsert', UpsertMessageSchema],
  ['remove', RemoveMessageSchema],
  ['patch', PatchMessageSchema],
]);

export const SERVER_FRAME_SCHEMAS = new SchemaChoice('type', [
  [
    'hello',
    new SchemaChoice('resumed', [
      [false, FullHelloMessageSchema],
      [true, ResumedHelloMessageSchema],
    ]),
  ],
  ['upsert', UpsertMessageSchema],
  ['remove', RemoveMessageSchema],
  ['patch', PatchMessageSchema],
  ['batch', new FrameList(BatchEnvelopeSchema, 'messages', STREAM_FRAME_SCHEMAS)],
  ['pong', PongMessageSchema],
  ['error', ErrorMessageSchema],
]);

export const CLIENT_FRAME_SCHEMAS = /* @__PURE__ */ new SchemaChoice('type', [
  ['ping', PingMessageSchema],
  ['resync', ResyncMessageSchema],
]);

export type FullHelloMessage = z.infer<typeof FullHelloMessageSchema>;
export type ResumedHelloMessage = z.infer<typeof ResumedHelloMessageSchema>;
export type HelloMessage = z.infer<typeof HelloMessageSchema>;
export type UpsertMessage = z.infer<typeof UpsertMessageSchema>;
export type RemoveMessage = z.infer<typeof RemoveMessageSchema>;
export type PatchFields = z.infer<typeof PatchFieldsSchema>;
export type PatchMessage = z.infer<typeof PatchMessageSchema>;
export type StreamMessage = z.infer<typeof StreamMessageSchema>;
export type BatchMessage = z.infer<typeof BatchMessageSchema>;
export type PongMessage = z.infer<typeof PongMessageSchema>;
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;
export type ErrorMessage = z.infer<typeof ErrorMessageSchema>;
export type ServerMessage = z.infer<typeof ServerMessageSchema>;
export type PingMessage = z.infer<typeof PingMessageSchema>;
export type ResyncMessage = z.infer<typeof ResyncMessageSchema>;
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

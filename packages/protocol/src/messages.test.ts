// The frames of PROTOCOL.md: every valid kind is accepted (unknown keys dropped), every kind of invalid one rejected.
import { describe, expect, it } from 'vitest';
import { VISIBLE_FIELDS } from './derive.js';
import {
  BatchMessageSchema,
  CLIENT_FRAME_SCHEMAS,
  ClientMessageSchema,
  ErrorMessageSchema,
  HelloMessageSchema,
  MAX_PING_ID_LENGTH,
  PatchFieldsSchema,
  PatchMessageSchema,
  PingMessageSchema,
  PongMessageSchema,
  PROTOCOL_VERSION,
  PROTOCOL_VERSIONS,
  RemoveMessageSchema,
  ResyncMessageSchema,
  SERVER_FRAME_SCHEMAS,
  ServerMessageSchema,
  UpsertMessageSchema,
} from './messages.js';
import { WorkspaceSnapshotSchema } from './snapshot.js';
import { makeSnapshot } from './testing.js';

const SNAPSHOT = makeSnapshot(
  {
    workspaceId: 'w7',
    prUrl: 'https://github.com/acme/app/pull/7',
    prNumber: 7,
    prState: 'OPEN',
    prCiStatus: 'PENDING',
    ratchetEnabled: true,
    gitStats: { total: 2, additions: 30, deletions: 4, hasUncommitted: true },
    lastActivityAt: '2026-11-25T10:05:00.000Z',
  },
  { version: 43, computedAt: '2026-11-25T10:06:00.000Z', source: 'event' },
);

const FRAMES = {
  fullHello: {
    type: 'hello',
    protocol: 1,
    projectId: 'p1',
    epoch: '01JD6Z3Q',
    seq: 42,
    resumed: false,
    snapshots: [SNAPSHOT, makeSnapshot({ workspaceId: 'w8' })],
  },
  emptyFullHello: { type: 'hello', protocol: 1, projectId: 'p1', epoch: 'e0', seq: 0, resumed: false, snapshots: [] },
  resumedHello: { type: 'hello', protocol: 1, projectId: 'p1', epoch: '01JD6Z3Q', seq: 42, resumed: true },
  helloFromAnInstance: {
    type: 'hello',
    protocol: 1,
    projectId: 'p1',
    epoch: '01JD6Z3Q',
    seq: 42,
    resumed: true,
    instance: '10.0.0.7:4460',
  },
  helloInVersion2: { type: 'hello', protocol: 2, projectId: 'p1', epoch: 'e0', seq: 0, resumed: false, snapshots: [] },
  upsert: { type: 'upsert', seq: 43, snapshot: SNAPSHOT },
  remove: { type: 'remove', seq: 44, workspaceId: 'w7' },
  patch: {
    type: 'patch',
    seq: 45,
    workspaceId: 'w7',
    baseVersion: 43,
    version: 45,
    computedAt: '2026-11-25T10:07:00.000Z',
    source: 'event',
    set: {
      isSessionWorking: true,
      sidebarStatus: { activityState: 'WORKING', ciState: 'RUNNING' },
      gitStats: null,
      prState: null,
    },
  },
  patchOfEveryPatchableField: {
    type: 'patch',
    seq: 46,
    workspaceId: 'w7',
    baseVersion: 45,
    version: 46,
    computedAt: '2026-11-25T10:08:00.000Z',
    source: 'reconciliation',
    set: (({ workspaceId: _w, projectId: _p, version: _v, computedAt: _c, source: _s, ...visible }) => visible)(
      SNAPSHOT,
    ),
  },
  patchSettingNothing: {
    type: 'patch',
    seq: 47,
    workspaceId: 'w7',
    baseVersion: 46,
    version: 47,
    computedAt: '2026-11-25T10:08:00.000Z',
    source: 'event',
    set: {},
  },
  batch: {
    type: 'batch',
    messages: [
      { type: 'upsert', seq: 43, snapshot: SNAPSHOT },
      { type: 'remove', seq: 44, workspaceId: 'w7' },
      { type: 'upsert', seq: 45, snapshot: makeSnapshot({ workspaceId: 'w9' }) },
      {
        type: 'patch',
        seq: 46,
        workspaceId: 'w9',
        baseVersion: 45,
        version: 46,
        computedAt: '2026-11-25T10:07:00.000Z',
        source: 'event',
        set: { name: 'Renamed' },
      },
    ],
  },
  batchOfOne: { type: 'batch', messages: [{ type: 'remove', seq: 1, workspaceId: 'w1' }] },
  pong: { type: 'pong', id: 'ping-1', serverTime: '2026-11-25T10:00:00.000Z' },
  error: { type: 'error', code: 'bad_message', message: 'the frame is not JSON' },
  errorRateLimited: { type: 'error', code: 'rate_limited', message: 'slow down' },
  errorUnknownType: { type: 'error', code: 'unknown_type', message: 'unknown frame type "hi"' },
} as const;

const CLIENT_FRAMES = {
  ping: { type: 'ping', id: 'ping-1' },
  resync: { type: 'resync' },
} as const;

/** A deep copy of `frame` with `change` applied, for invalid variants of a valid frame. */
type Loose = Record<string, unknown>;

function variant(frame: object, change: (copy: Loose) => void): unknown {
  const copy = structuredClone(frame) as Loose;
  change(copy);
  return copy;
}

function snapshotOf(frame: Loose): Loose {
  return frame.snapshot as Loose;
}

function listOf(frame: Loose, key: 'snapshots' | 'messages'): Loose[] {
  return frame[key] as Loose[];
}

describe('valid server frames', () => {
  it.each(Object.entries(FRAMES))('ServerMessageSchema accepts %s as it is', (_name, frame) => {
    expect(ServerMessageSchema.parse(frame)).toEqual(frame);
  });

  it.each([
    ['full hello', HelloMessageSchema, FRAMES.fullHello],
    ['resumed hello', HelloMessageSchema, FRAMES.resumedHello],
    ['upsert', UpsertMessageSchema, FRAMES.upsert],
    ['remove', RemoveMessageSchema, FRAMES.remove],
    ['patch', PatchMessageSchema, FRAMES.patch],
    ['batch', BatchMessageSchema, FRAMES.batch],
    ['pong', PongMessageSchema, FRAMES.pong],
    ['error', ErrorMessageSchema, FRAMES.error],
  ] as const)('its own schema accepts a %s', (_name, schema, frame) => {
    expect(schema.safeParse(frame).success).toBe(true);
  });

  it('cover every type SERVER_FRAME_SCHEMAS lists, which decoding uses to tell unknown_type from bad_message', () => {
    const types = new Set(SERVER_FRAME_SCHEMAS.options.keys());
    expect(new Set(Object.values(FRAMES).map((frame) => frame.type))).toEqual(types);
    // ...and no other: the discriminated union's own record of the `type` values it accepts.
    expect(ServerMessageSchema._zod.propValues.type).toEqual(types);
  });

  it('hello carries one of the versions this package speaks: the current one and the one before', () => {
    expect(PROTOCOL_VERSION).toBe(2);
    expect(PROTOCOL_VERSIONS).toEqual([1, 2]);
    expect(FRAMES.fullHello.protocol).toBe(1);
    expect(FRAMES.helloInVersion2.protocol).toBe(PROTOCOL_VERSION);
  });
});

describe('the fields a patch may set', () => {
  it('are every visible field but the identity (workspaceId, projectId), none required', () => {
    const identity = ['workspaceId', 'projectId'];
    expect(Object.keys(PatchFieldsSchema.shape).sort()).toEqual(
      VISIBLE_FIELDS.filter((field) => !identity.includes(field)).sort(),
    );
    expect(PatchFieldsSchema.safeParse({}).success).toBe(true);
  });
});

describe('valid client frames', () => {
  it.each(Object.entries(CLIENT_FRAMES))('ClientMessageSchema accepts %s as it is', (_name, frame) => {
    expect(ClientMessageSchema.parse(frame)).toEqual(frame);
  });

  it('cover every type CLIENT_FRAME_SCHEMAS lists', () => {
    const types = new Set(CLIENT_FRAME_SCHEMAS.options.keys());
    expect(new Set(Object.values(CLIENT_FRAMES).map((frame) => frame.type))).toEqual(types);
    expect(ClientMessageSchema._zod.propValues.type).toEqual(types);
  });

  it('its own schema accepts each', () => {
    expect(PingMessageSchema.parse(CLIENT_FRAMES.ping)).toEqual(CLIENT_FRAMES.ping);
    expect(ResyncMessageSchema.parse(CLIENT_FRAMES.resync)).toEqual(CLIENT_FRAMES.resync);
  });
});

describe('unknown keys are accepted and dropped', () => {
  it('at the top of a frame', () => {
    expect(ServerMessageSchema.parse({ ...FRAMES.remove, traceId: 'abc' })).toEqual(FRAMES.remove);
    expect(ClientMessageSchema.parse({ ...CLIENT_FRAMES.resync, reason: 'gap' })).toEqual(CLIENT_FRAMES.resync);
    expect(ClientMessageSchema.parse({ ...CLIENT_FRAMES.ping, sentAt: 1 })).toEqual(CLIENT_FRAMES.ping);
  });

  it('inside a snapshot, its gitStats and its sidebarStatus', () => {
    const extended = variant(FRAMES.upsert, (frame) => {
      const snapshot = snapshotOf(frame);
      snapshot.reviewCount = 3;
      (snapshot.gitStats as Loose).renamed = 1;
      (snapshot.sidebarStatus as Loose).badge = 'new';
    });
    expect(ServerMessageSchema.parse(extended)).toEqual(FRAMES.upsert);
  });

  it('inside a full hello and a batch', () => {
    const hello = variant(FRAMES.fullHello, (frame) => {
      frame.region = 'eu';
      listOf(frame, 'snapshots')[0]!.color = 'red';
    });
    expect(ServerMessageSchema.parse(hello)).toEqual(FRAMES.fullHello);
    const batch = variant(FRAMES.batch, (frame) => {
      listOf(frame, 'messages')[1]!.cause = 'deleted';
    });
    expect(ServerMessageSchema.parse(batch)).toEqual(FRAMES.batch);
  });

  it('at the top of a patch, and inside the objects it sets', () => {
    const extended = variant(FRAMES.patch, (frame) => {
      frame.traceId = 'abc';
      ((frame.set as Loose).sidebarStatus as Loose).badge = 'new';
    });
    expect(ServerMessageSchema.parse(extended)).toEqual(FRAMES.patch);
  });

  it('a resumed hello that carries snapshots keeps none of them', () => {
    const parsed = ServerMessageSchema.parse({ ...FRAMES.resumedHello, snapshots: [SNAPSHOT] });
    expect(parsed).toEqual(FRAMES.resumedHello);
  });
});

describe('invalid server frames are rejected', () => {
  it.each<[string, unknown]>([
    // wrong type of a field
    ['seq as a string', { ...FRAMES.upsert, seq: '43' }],
    ['resumed as a string', { ...FRAMES.resumedHello, resumed: 'true' }],
    ['projectId as a number', { ...FRAMES.resumedHello, projectId: 1 }],
    ['messages not an array', { type: 'batch', messages: FRAMES.remove }],
    ['isSessionWorking as a string', variant(FRAMES.upsert, (f) => (snapshotOf(f).isSessionWorking = 'yes'))],
    ['gitStats as a string', variant(FRAMES.upsert, (f) => (snapshotOf(f).gitStats = '2 files'))],
    [
      'hasUncommitted as a number',
      variant(FRAMES.upsert, (f) => (snapshotOf(f).gitStats = { ...SNAPSHOT.gitStats, hasUncommitted: 1 })),
    ],
    ['name null', variant(FRAMES.upsert, (f) => (snapshotOf(f).name = null))],
    ['a batch message that is not an object', { type: 'batch', messages: [null] }],
    // missing field
    ['upsert without snapshot', { type: 'upsert', seq: 43 }],
    ['upsert without seq', { type: 'upsert', snapshot: SNAPSHOT }],
    ['remove without workspaceId', { type: 'remove', seq: 44 }],
    ['hello without epoch', variant(FRAMES.resumedHello, (f) => delete f.epoch)],
    ['hello without protocol', variant(FRAMES.fullHello, (f) => delete f.protocol)],
    ['hello without resumed', variant(FRAMES.resumedHello, (f) => delete f.resumed)],
    ['a resumed:false hello without snapshots', variant(FRAMES.fullHello, (f) => delete f.snapshots)],
    ['a snapshot without workspaceId', variant(FRAMES.upsert, (f) => delete snapshotOf(f).workspaceId)],
    ['a snapshot without a derived field', variant(FRAMES.upsert, (f) => delete snapshotOf(f).kanbanColumn)],
    ['a snapshot without version', variant(FRAMES.upsert, (f) => delete snapshotOf(f).version)],
    ['a nullable fact left out rather than null', variant(FRAMES.upsert, (f) => delete snapshotOf(f).branchName)],
    ['pong without serverTime', { type: 'pong', id: 'ping-1' }],
    ['error without message', { type: 'error', code: 'bad_message' }],
    ['batch without messages', { type: 'batch' }],
    // type
    ['an unknown type', { ...FRAMES.remove, type: 'delete' }],
    ['a client frame type', CLIENT_FRAMES.ping],
    ['no type', { seq: 44, workspaceId: 'w7' }],
    ['a batch holding a non-stream message', { type: 'batch', messages: [FRAMES.pong] }],
    ['a batch holding a batch', { type: 'batch', messages: [FRAMES.batchOfOne] }],
    // wrong enum value
    ['an unknown status', variant(FRAMES.upsert, (f) => (snapshotOf(f).status = 'DELETED'))],
    ['an unknown prState', variant(FRAMES.upsert, (f) => (snapshotOf(f).prState = 'REOPENED'))],
    ['an unknown prCiStatus', variant(FRAMES.upsert, (f) => (snapshotOf(f).prCiStatus = 'SKIPPED'))],
    ['an unknown ratchetState', variant(FRAMES.upsert, (f) => (snapshotOf(f).ratchetState = 'PAUSED'))],
    ['an unknown flowPhase', variant(FRAMES.upsert, (f) => (snapshotOf(f).flowPhase = 'DEPLOYING'))],
    ['an unknown kanbanColumn', variant(FRAMES.upsert, (f) => (snapshotOf(f).kanbanColumn = 'BACKLOG'))],
    [
      'an unknown ciState',
      variant(FRAMES.upsert, (f) => (snapshotOf(f).sidebarStatus = { activityState: 'IDLE', ciState: 'GREEN' })),
    ],
    ['an unknown source', variant(FRAMES.upsert, (f) => (snapshotOf(f).source = 'manual'))],
    ['an enum value in the wrong case', variant(FRAMES.upsert, (f) => (snapshotOf(f).status = 'ready'))],
    ['an unknown error code', { ...FRAMES.error, code: 'oops' }],
    ['a protocol version this package does not speak', { ...FRAMES.resumedHello, protocol: 3 }],
    ['protocol version 0', { ...FRAMES.resumedHello, protocol: 0 }],
    // patch
    ['a patch without baseVersion', variant(FRAMES.patch, (f) => delete f.baseVersion)],
    ['a patch without set', variant(FRAMES.patch, (f) => delete f.set)],
    ['a patch without workspaceId', variant(FRAMES.patch, (f) => delete f.workspaceId)],
    ['a patch without version', variant(FRAMES.patch, (f) => delete f.version)],
    ['a patch without computedAt', variant(FRAMES.patch, (f) => delete f.computedAt)],
    ['a patch with a negative baseVersion', { ...FRAMES.patch, baseVersion: -1 }],
    ['a patch with a non-integer version', { ...FRAMES.patch, version: 45.5 }],
    ['a patch with an unknown source', { ...FRAMES.patch, source: 'manual' }],
    ['a patch whose set is not an object', { ...FRAMES.patch, set: [] }],
    ['a patch setting an unknown field', variant(FRAMES.patch, (f) => ((f.set as Loose).reviewCount = 3))],
    ['a patch setting version (metadata)', variant(FRAMES.patch, (f) => ((f.set as Loose).version = 46))],
    [
      'a patch setting computedAt (metadata)',
      variant(FRAMES.patch, (f) => ((f.set as Loose).computedAt = SNAPSHOT.computedAt)),
    ],
    ['a patch setting source (metadata)', variant(FRAMES.patch, (f) => ((f.set as Loose).source = 'event'))],
    ['a patch setting workspaceId (the identity)', variant(FRAMES.patch, (f) => ((f.set as Loose).workspaceId = 'w8'))],
    ['a patch setting projectId (the identity)', variant(FRAMES.patch, (f) => ((f.set as Loose).projectId = 'p2'))],
    ['a patch setting an unknown enum value', variant(FRAMES.patch, (f) => ((f.set as Loose).status = 'DELETED'))],
    [
      'a patch setting an unknown enum value inside an object',
      variant(FRAMES.patch, (f) => ((f.set as Loose).sidebarStatus = { activityState: 'BUSY', ciState: 'NONE' })),
    ],
    [
      'a patch setting null where the field is not nullable',
      variant(FRAMES.patch, (f) => ((f.set as Loose).name = null)),
    ],
    ['a patch setting a value of the wrong type', variant(FRAMES.patch, (f) => ((f.set as Loose).isWorking = 'yes'))],
    [
      'a batch holding an invalid patch',
      variant(FRAMES.batch, (f) => (listOf(f, 'messages')[3]!.set = { version: 1 })),
    ],
    // numbers
    ['a non-integer seq', { ...FRAMES.remove, seq: 44.5 }],
    ['a non-integer hello seq', { ...FRAMES.resumedHello, seq: 1.5 }],
    ['a non-integer version', variant(FRAMES.upsert, (f) => (snapshotOf(f).version = 1.5))],
    ['a non-integer prNumber', variant(FRAMES.upsert, (f) => (snapshotOf(f).prNumber = 7.5))],
    [
      'a non-integer gitStats count',
      variant(FRAMES.upsert, (f) => (snapshotOf(f).gitStats = { ...SNAPSHOT.gitStats, total: 1.5 })),
    ],
    ['a negative version', variant(FRAMES.upsert, (f) => (snapshotOf(f).version = -1))],
    ['a negative hello seq', { ...FRAMES.resumedHello, seq: -1 }],
    ['a negative stream seq', { ...FRAMES.remove, seq: -1 }],
    ['a stream seq of 0 (the first message after a new epoch is 1)', { ...FRAMES.remove, seq: 0 }],
    [
      'a negative gitStats count',
      variant(FRAMES.upsert, (f) => (snapshotOf(f).gitStats = { ...SNAPSHOT.gitStats, deletions: -1 })),
    ],
    ['an infinite seq', { ...FRAMES.remove, seq: Number.POSITIVE_INFINITY }],
    // times not in toISOString() form
    ['a time without milliseconds', { ...FRAMES.pong, serverTime: '2026-11-25T10:00:00Z' }],
    [
      'a time with an offset',
      variant(FRAMES.upsert, (f) => (snapshotOf(f).createdAt = '2026-11-25T10:00:00.000+00:00')),
    ],
    ['a date without a time', variant(FRAMES.upsert, (f) => (snapshotOf(f).computedAt = '2026-11-25'))],
    [
      'a time with microseconds',
      variant(FRAMES.upsert, (f) => (snapshotOf(f).lastActivityAt = '2026-11-25T10:00:00.000000Z')),
    ],
    ['a time as a number', { ...FRAMES.pong, serverTime: 1_764_064_800_000 }],
    ['a time that is not a date', variant(FRAMES.upsert, (f) => (snapshotOf(f).lastActivityAt = 'yesterday'))],
    ['an impossible date', { ...FRAMES.pong, serverTime: '2026-02-30T10:00:00.000Z' }],
    // batch
    ['an empty batch', { type: 'batch', messages: [] }],
    ['a batch with a gap', { type: 'batch', messages: [FRAMES.batch.messages[0], FRAMES.batch.messages[2]] }],
    ['a batch out of order', { type: 'batch', messages: [FRAMES.batch.messages[1], FRAMES.batch.messages[0]] }],
    ['a batch repeating a seq', { type: 'batch', messages: [FRAMES.remove, FRAMES.remove] }],
    // strings
    ['an empty prUrl', variant(FRAMES.upsert, (f) => (snapshotOf(f).prUrl = ''))],
    ['an empty workspaceId', { ...FRAMES.remove, workspaceId: '' }],
    ['an empty projectId', { ...FRAMES.resumedHello, projectId: '' }],
    ['an empty epoch', { ...FRAMES.resumedHello, epoch: '' }],
    ['an empty instance', { ...FRAMES.resumedHello, instance: '' }],
    ['an instance name longer than 128 characters', { ...FRAMES.resumedHello, instance: 'i'.repeat(129) }],
    ['an instance that is not a string', { ...FRAMES.fullHello, instance: 7 }],
    // not an object
    ['null', null],
    ['an array', [FRAMES.remove]],
    ['a string', 'remove'],
  ])('%s', (_name, frame) => {
    expect(ServerMessageSchema.safeParse(frame).success).toBe(false);
  });

  it('rejects a hello whose snapshot is invalid', () => {
    const hello = variant(FRAMES.fullHello, (f) => {
      listOf(f, 'snapshots')[1]!.version = -1;
    });
    expect(ServerMessageSchema.safeParse(hello).success).toBe(false);
  });

  it('rejects, on its own, a snapshot that would be rejected inside an upsert', () => {
    expect(WorkspaceSnapshotSchema.safeParse({ ...SNAPSHOT, prUrl: '' }).success).toBe(false);
    expect(WorkspaceSnapshotSchema.safeParse(SNAPSHOT).success).toBe(true);
  });
});

describe('invalid client frames are rejected', () => {
  it.each<[string, unknown]>([
    ['ping without id', { type: 'ping' }],
    ['ping with a numeric id', { type: 'ping', id: 1 }],
    ['an unknown type', { type: 'subscribe', projectId: 'p1' }],
    ['a server frame type', FRAMES.resumedHello],
    ['no type', { id: 'ping-1' }],
    ['a type in the wrong case', { type: 'PING', id: 'ping-1' }],
    ['null', null],
  ])('%s', (_name, frame) => {
    expect(ClientMessageSchema.safeParse(frame).success).toBe(false);
  });
});

describe('the ping id', () => {
  it('may be up to MAX_PING_ID_LENGTH (64) characters, in a ping and in the pong that echoes it', () => {
    expect(MAX_PING_ID_LENGTH).toBe(64);
    const id = 'x'.repeat(MAX_PING_ID_LENGTH);
    expect(PingMessageSchema.safeParse({ type: 'ping', id }).success).toBe(true);
    expect(PongMessageSchema.safeParse({ ...FRAMES.pong, id }).success).toBe(true);
  });

  it('is invalid one character longer, so that a server never echoes more than that', () => {
    const id = 'x'.repeat(MAX_PING_ID_LENGTH + 1);
    expect(PingMessageSchema.safeParse({ type: 'ping', id }).success).toBe(false);
    expect(PongMessageSchema.safeParse({ ...FRAMES.pong, id }).success).toBe(false);
  });
});

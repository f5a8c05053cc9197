// Frame classification per PROTOCOL.md's `error` codes, first match wins:
// binary, not JSON, not an object, no string `type` → bad_message; unknown type → unknown_type;
// a known type that fails its schema → bad_message; otherwise the validated message.
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DecodeResult, decodeClientFrame, decodeServerFrame, describeIssues, type RawFrame } from './decode.js';
import { ClientMessageSchema, type ErrorCode, ServerMessageSchema } from './messages.js';
import { makeSnapshot } from './testing.js';

const text = new TextEncoder();
const PING = '{"type":"ping","id":"p1"}';
const REMOVE = '{"type":"remove","seq":44,"workspaceId":"w7"}';

type Expected = 'ok' | ErrorCode;

function classify<T>(result: DecodeResult<T>): Expected {
  return result.ok ? 'ok' : result.code;
}

/** Cases that hold for either direction; `valid` is a frame of that direction, `other` one of the other. */
function sharedCases(valid: string, other: string): [string, RawFrame, Expected][] {
  return [
    // binary, even when its bytes are a valid frame
    ['an ArrayBuffer', new ArrayBuffer(8), 'bad_message'],
    ['an ArrayBuffer holding a valid frame', text.encode(valid).buffer, 'bad_message'],
    ['a Buffer-like Uint8Array holding a valid frame', text.encode(valid), 'bad_message'],
    ['a DataView', new DataView(new ArrayBuffer(2)), 'bad_message'],
    ['fragments of a binary message', [text.encode(valid)], 'bad_message'],
    // not JSON
    ['an empty string', '', 'bad_message'],
    ['plain text', 'ping', 'bad_message'],
    ['a JavaScript object literal', "{type:'ping',id:'p1'}", 'bad_message'],
    ['truncated JSON', valid.slice(0, -1), 'bad_message'],
    // JSON, not an object
    ['a JSON array holding a valid frame', `[${valid}]`, 'bad_message'],
    ['JSON null', 'null', 'bad_message'],
    ['a JSON number', '42', 'bad_message'],
    ['a JSON string', '"ping"', 'bad_message'],
    ['JSON true', 'true', 'bad_message'],
    // no string type
    ['an empty object', '{}', 'bad_message'],
    ['a numeric type', '{"type":1}', 'bad_message'],
    ['a null type', '{"type":null}', 'bad_message'],
    ['a type in an array', '{"type":["ping"]}', 'bad_message'],
    ['an object with fields but no type', '{"id":"p1","seq":1}', 'bad_message'],
    // unknown type, whatever else is wrong
    ['an unknown type', '{"type":"subscribe","projectId":"p1"}', 'unknown_type'],
    ['an unknown type with invalid fields', '{"type":"subscribe","seq":-1.5}', 'unknown_type'],
    ['an empty type', '{"type":""}', 'unknown_type'],
    ['a known type in the wrong case', '{"type":"PING","id":"p1"}', 'unknown_type'],
    ['an inherited property name as type', '{"type":"__proto__"}', 'unknown_type'],
    ['a method name as type', '{"type":"toString"}', 'unknown_type'],
    ['a frame of the other direction', other, 'unknown_type'],
    // known type failing its schema
    ['a known type without its fields', `{"type":${JSON.stringify(JSON.parse(valid).type)}}`, 'bad_message'],
    // valid
    ['a valid frame', valid, 'ok'],
    ['a valid frame with unknown keys', `${valid.slice(0, -1)},"extra":{"nested":true}}`, 'ok'],
  ];
}

describe('decodeClientFrame', () => {
  it.each([
    ...sharedCases(PING, REMOVE),
    ['a ping with a numeric id', '{"type":"ping","id":5}', 'bad_message'],
    ['a resync', '{"type":"resync"}', 'ok'],
  ] satisfies [string, RawFrame, Expected][])('classifies %s as %s', (_name, frame, expected) => {
    expect(classify(decodeClientFrame(frame))).toBe(expected);
  });

  it('returns the validated message without unknown keys', () => {
    expect(decodeClientFrame('{"type":"ping","id":"p1","sentAt":3}')).toEqual({
      ok: true,
      message: { type: 'ping', id: 'p1' },
    });
    expect(decodeClientFrame('{"type":"resync","why":"gap"}')).toEqual({ ok: true, message: { type: 'resync' } });
  });

  it('names the unknown type in its reason, cut to 64 characters', () => {
    const result = decodeClientFrame(JSON.stringify({ type: `subscribe${'x'.repeat(100)}` }));
    expect(result).toMatchObject({ ok: false, code: 'unknown_type' });
    const reason = result.ok ? '' : result.reason;
    expect(reason).toContain('subscribe');
    expect(reason.length).toBeLessThan(120);
  });

  it('names the failing field of a known type in its reason', () => {
    const result = decodeClientFrame('{"type":"ping","id":5}');
    expect(result).toMatchObject({ ok: false, code: 'bad_message' });
    expect(result.ok ? '' : result.reason).toMatch(/"ping".*\bid\b/);
  });
});

describe('the reason of a bad_message says which check refused the frame', () => {
  it.each([
    ['a binary frame', text.encode(PING), /binary/],
    ['text that is not JSON', 'ping', /not JSON/],
    ['a JSON array', `[${PING}]`, /not a JSON object/],
    ['JSON null', 'null', /not a JSON object/],
    ['a JSON string', '"ping"', /not a JSON object/],
    ['an object without a string type', '{"type":7}', /no string "type"/],
    ['a known type failing its schema', '{"type":"ping"}', /invalid "ping" frame: id/],
  ] satisfies [string, RawFrame, RegExp][])('%s', (_name, frame, reason) => {
    const result = decodeClientFrame(frame);
    expect(result).toMatchObject({ ok: false, code: 'bad_message' });
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });
});

const patch = (set: Record<string, unknown>) =>
  JSON.stringify({
    type: 'patch',
    seq: 45,
    workspaceId: 'w7',
    baseVersion: 43,
    version: 45,
    computedAt: '2026-11-25T10:07:00.000Z',
    source: 'event',
    set,
  });

describe('the reason of a schema failure names the field, what it expects and the wrong value', () => {
  const snapshot = makeSnapshot({ workspaceId: 'w7' });
  const upsert = (changes: Record<string, unknown>) =>
    JSON.stringify({ type: 'upsert', seq: 43, snapshot: { ...snapshot, ...changes } });

  it.each([
    [
      'a wrong enum value',
      upsert({ status: 'DELETED' }),
      'snapshot.status: expected "NEW" | "PROVISIONING" | "READY" | "FAILED" | "ARCHIVING" | "ARCHIVED", got "DELETED"',
    ],
    ['a wrong type', upsert({ isSessionWorking: 'yes' }), 'snapshot.isSessionWorking: expected boolean, got "yes"'],
    ['a non-integer seq', '{"type":"remove","seq":1.5,"workspaceId":"w7"}', 'seq: expected a safe integer, got 1.5'],
    ['a negative version', upsert({ version: -1 }), 'snapshot.version: expected >= 0, got -1'],
    ['an empty prUrl', upsert({ prUrl: '' }), 'snapshot.prUrl: expected length >= 1, got ""'],
    [
      'a time not in toISOString form',
      upsert({ createdAt: '2026-11-25' }),
      'snapshot.createdAt: expected a time in toISOString() form, got "2026-11-25"',
    ],
    ['a missing field', '{"type":"remove","seq":1}', 'workspaceId: expected string'],
    [
      'a resumed flag that is not a boolean',
      '{"type":"hello","protocol":1,"projectId":"p","epoch":"e","seq":0,"resumed":"x"}',
      'resumed: expected false | true',
    ],
    ['an empty batch', '{"type":"batch","messages":[]}', 'messages: expected length >= 1'],
    [
      'a patch setting fields it may not',
      patch({ reviewCount: 3, version: 4, name: 'x' }),
      'set: unknown keys reviewCount,version',
    ],
    [
      'a batch with a gap',
      `{"type":"batch","messages":[${REMOVE},${REMOVE.replace('44', '46')}]}`,
      'messages: the seq values of a batch must be consecutive and in order',
    ],
  ] satisfies [string, string, string][])('for %s', (_name, frame, reason) => {
    const result = decodeServerFrame(frame);
    expect(result).toMatchObject({ ok: false, code: 'bad_message' });
    expect(result.ok ? '' : result.reason).toContain(reason);
  });

  it('cuts a long wrong value short', () => {
    const result = decodeServerFrame(upsert({ status: 'X'.repeat(500) }));
    expect(result.ok ? '' : result.reason.length).toBeLessThan(200);
  });

  it('describes issues of a parse made without reportInput too, without a value', () => {
    const parsed = ServerMessageSchema.safeParse({ type: 'remove', seq: -1, workspaceId: 'w7' });
    expect(parsed.success ? '' : describeIssues(parsed.error.issues)).toBe('seq: expected >= 1');
  });
});

describe('decodeServerFrame', () => {
  const snapshot = makeSnapshot({ workspaceId: 'w7' });
  const upsert = JSON.stringify({ type: 'upsert', seq: 43, snapshot });

  it.each([
    ...sharedCases(REMOVE, PING),
    ['a full hello', JSON.stringify(hello({ resumed: false, snapshots: [snapshot] })), 'ok'],
    ['a resumed hello', JSON.stringify(hello({ resumed: true })), 'ok'],
    ['a resumed:false hello without snapshots', JSON.stringify(hello({ resumed: false })), 'bad_message'],
    ['an upsert', upsert, 'ok'],
    [
      'an upsert with a negative version',
      JSON.stringify({ type: 'upsert', seq: 43, snapshot: { ...snapshot, version: -1 } }),
      'bad_message',
    ],
    ['a hello in version 2', JSON.stringify(hello({ protocol: 2, resumed: true })), 'ok'],
    ['a hello in version 3', JSON.stringify(hello({ protocol: 3, resumed: true })), 'bad_message'],
    ['a patch', patch({ isSessionWorking: true, kanbanColumn: 'WORKING' }), 'ok'],
    ['a patch setting an unknown field', patch({ reviewCount: 3 }), 'bad_message'],
    ['a patch setting metadata', patch({ computedAt: '2026-11-25T10:07:00.000Z' }), 'bad_message'],
    ['a patch setting an unknown enum value', patch({ kanbanColumn: 'BACKLOG' }), 'bad_message'],
    ['a batch', JSON.stringify({ type: 'batch', messages: [JSON.parse(upsert), JSON.parse(REMOVE)] }), 'ok'],
    [
      'a batch holding a patch',
      JSON.stringify({ type: 'batch', messages: [JSON.parse(REMOVE), { ...JSON.parse(patch({})), seq: 45 }] }),
      'ok',
    ],
    ['an empty batch', '{"type":"batch","messages":[]}', 'bad_message'],
    ['a pong', '{"type":"pong","id":"p1","serverTime":"2026-11-25T10:00:00.000Z"}', 'ok'],
    [
      'a pong with a time not in toISOString form',
      '{"type":"pong","id":"p1","serverTime":"2026-11-25T10:00:00Z"}',
      'bad_message',
    ],
    ['an error', '{"type":"error","code":"rate_limited","message":"slow down"}', 'ok'],
    ['an error with an unknown code', '{"type":"error","code":"teapot","message":"?"}', 'bad_message'],
  ] satisfies [string, RawFrame, Expected][])('classifies %s as %s', (_name, frame, expected) => {
    expect(classify(decodeServerFrame(frame))).toBe(expected);
  });

  it('returns the validated message', () => {
    expect(decodeServerFrame(upsert)).toEqual({ ok: true, message: { type: 'upsert', seq: 43, snapshot } });
  });

  function hello(fields: Record<string, unknown>) {
    return { type: 'hello', protocol: 1, projectId: 'p1', epoch: 'e1', seq: 42, ...fields };
  }
});

describe('decoding arbitrary text', () => {
  it('never throws, and returns only messages its schema accepts', () => {
    const frames = fc.oneof(
      fc.string(),
      fc.json(),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc
        .record({
          type: fc.constantFrom('ping', 'resync', 'hello', 'upsert', 'remove', 'patch', 'batch', 'pong', 'error'),
        })
        .chain((head) =>
          fc.dictionary(fc.string(), fc.jsonValue()).map((rest) => JSON.stringify({ ...rest, ...head })),
        ),
    );
    fc.assert(
      fc.property(frames, (frame) => {
        const client = decodeClientFrame(frame);
        if (client.ok) expect(ClientMessageSchema.parse(client.message)).toEqual(client.message);
        const server = decodeServerFrame(frame);
        if (server.ok) expect(ServerMessageSchema.parse(server.message)).toEqual(server.message);
      }),
      { numRuns: 500 },
    );
  });
});

// The JSON Schema of the protocol: the checked-in file is the generated one, its hash is pinned so that no wire
// change goes unnoticed (PROTOCOL.md), and it lets readers accept keys they do not know.
import { describe, expect, it } from 'vitest';
import checkedIn from '../protocol.schema.json' with { type: 'json' };
import { protocolJsonSchema } from './json-schema.js';

/**
 * SHA-256 of the canonical JSON (keys sorted, no whitespace) of `protocolJsonSchema()`.
 * When it changes, the wire format changed: update this hash AND PROTOCOL.md (its version and notes),
 * and bump PROTOCOL_VERSION when an older peer cannot read the new format.
 */
const PINNED_SHA256 = '5983114968759aa193a0b754e328ec0d7c3e8b13a81134fb9317d9d1fd22413e';

/** JSON with every object's keys sorted and no whitespace: equal schemas give equal text, whatever the key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Every schema object inside `schema`, itself included. */
function* subschemas(schema: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(schema)) {
    for (const item of schema) yield* subschemas(item);
  } else if (typeof schema === 'object' && schema !== null) {
    yield schema as Record<string, unknown>;
    for (const value of Object.values(schema)) yield* subschemas(value);
  }
}

describe('protocolJsonSchema', () => {
  it('is what the checked-in protocol.schema.json holds (if not, run `pnpm schema`)', () => {
    expect(checkedIn, 'protocol.schema.json is stale: run `pnpm schema` and commit the file').toEqual(
      protocolJsonSchema(),
    );
  });

  it('has the pinned hash: a change of the wire format must update it and PROTOCOL.md', async () => {
    const hash = await sha256(canonicalJson(protocolJsonSchema()));
    expect(
      hash,
      'The protocol JSON Schema changed. Update PINNED_SHA256 in json-schema.test.ts AND PROTOCOL.md ' +
        '(its version and notes); bump PROTOCOL_VERSION if an older peer cannot read the new format.',
    ).toBe(PINNED_SHA256);
  });

  it('defines ServerMessage, ClientMessage, WorkspaceSnapshot and WorkspaceFacts', () => {
    const defs = protocolJsonSchema().$defs as Record<string, unknown>;
    expect(Object.keys(defs).sort()).toEqual(['ClientMessage', 'ServerMessage', 'WorkspaceFacts', 'WorkspaceSnapshot']);
    for (const def of Object.values(defs)) expect(def).toEqual(expect.any(Object));
  });

  it('never forbids unknown keys, since readers must accept and drop them', () => {
    const schema = protocolJsonSchema();
    const objects = [...subschemas(schema)].filter((s) => s.type === 'object');
    expect(objects.length).toBeGreaterThan(10);
    for (const object of objects) {
      expect(object.additionalProperties, JSON.stringify(object).slice(0, 200)).not.toBe(false);
      expect(object.unevaluatedProperties, JSON.stringify(object).slice(0, 200)).not.toBe(false);
    }
  });

  it('refers only to its own definitions', () => {
    const schema = protocolJsonSchema();
    const defs = Object.keys(schema.$defs as Record<string, unknown>);
    const refs = [...subschemas(schema)].flatMap((s) => (typeof s.$ref === 'string' ? [s.$ref] : []));
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(defs.map((id) => `#/$defs/${id}`)).toContain(ref);
  });

  it('canonicalizes key order away, so the hash pins content rather than formatting', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: null }] })).toBe('{"a":[{"c":null,"d":2}],"b":1}');
  });
});

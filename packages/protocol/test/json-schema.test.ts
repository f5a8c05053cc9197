// The JSON Schema of the protocol: the checked-in file is the generated one, its hash is pinned so that no wire
// change goes unnoticed (PROTOCOL.md), and it lets readers accept keys they do not know.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import checkedIn from '../protocol.schema.json' with { type: 'json' };
import { protocolJsonSchema } from '../src/json-schema.js';

/**
 * The SHA-256 of the canonical JSON (keys sorted, no whitespace) of `protocolJsonSchema()`, as docs/PROTOCOL.md
 * states it: the page is the one place the hash is pinned, so a wire change cannot pass without the page changing.
 */
function statedHash(): string {
  const page = readFileSync(new URL('../../../docs/PROTOCOL.md', import.meta.url), 'utf8');
  const match = /^Schema SHA-256: `([0-9a-f]{64})`$/m.exec(page);
  if (match === null) throw new Error('docs/PROTOCOL.md has no "Schema SHA-256: `<hex>`" line');
  return match[1]!;
}

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

/** The schema of a patch's `set`, found through ServerMessage's variant whose `type` is `patch`. */
function patchSet(schema: Record<string, unknown>): Record<string, unknown> {
  const patch = [...subschemas(schema)].find(
    (s) => (s.properties as { type?: { const?: unknown } } | undefined)?.type?.const === 'patch',
  );
  if (patch === undefined) throw new Error('the schema has no patch');
  return (patch.properties as { set: Record<string, unknown> }).set;
}

describe('protocolJsonSchema', () => {
  it('is what the checked-in protocol.schema.json holds (if not, run `pnpm schema`)', () => {
    expect(checkedIn, 'protocol.schema.json is stale: run `pnpm schema` and commit the file').toEqual(
      protocolJsonSchema(),
    );
  });

  it('has the hash that docs/PROTOCOL.md states: a change of the wire format must update the page', async () => {
    const hash = await sha256(canonicalJson(protocolJsonSchema()));
    expect(
      hash,
      `The protocol JSON Schema changed. Describe the change in docs/PROTOCOL.md and set its "Schema SHA-256" line ` +
        `to ${hash}; bump PROTOCOL_VERSION if an older peer cannot read the new format.`,
    ).toBe(statedHash());
  });

  it('defines ServerMessage, ClientMessage, WorkspaceSnapshot and WorkspaceFacts', () => {
    const defs = protocolJsonSchema().$defs as Record<string, unknown>;
    expect(Object.keys(defs).sort()).toEqual(['ClientMessage', 'ServerMessage', 'WorkspaceFacts', 'WorkspaceSnapshot']);
    for (const def of Object.values(defs)) expect(def).toEqual(expect.any(Object));
  });

  it('never forbids unknown keys, since readers must accept and drop them, but in the fields a patch sets', () => {
    const schema = protocolJsonSchema();
    const objects = [...subschemas(schema)].filter((s) => s.type === 'object');
    expect(objects.length).toBeGreaterThan(10);
    const closed = objects.filter((o) => o.additionalProperties === false || o.unevaluatedProperties === false);
    // A reader that dropped a field it does not know from a patch would miss a change (PROTOCOL.md, `patch`). The
    // patch appears twice: on its own, and in a batch.
    expect(closed).toHaveLength(2);
    for (const object of closed) expect(object).toEqual(patchSet(schema));
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

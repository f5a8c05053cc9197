// The protocol as JSON Schema, generated from the zod schemas, for clients in other languages.
import * as z from 'zod/mini';
import { ClientMessageSchema, PROTOCOL_VERSION, ServerMessageSchema } from './messages.js';
import { ISO_TIME, ISO_TIME_PATTERN, SAFE_INTEGER } from './scalars.js';
import { WorkspaceFactsSchema, WorkspaceSnapshotSchema } from './snapshot.js';

/**
 * One JSON Schema document whose `$defs` hold every frame and the snapshot.
 * Generated in input mode: objects accept keys they do not know, as PROTOCOL.md says readers must.
 */
export function protocolJsonSchema(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  registry.add(ServerMessageSchema, { id: 'ServerMessage' });
  registry.add(ClientMessageSchema, { id: 'ClientMessage' });
  registry.add(WorkspaceSnapshotSchema, { id: 'WorkspaceSnapshot' });
  registry.add(WorkspaceFactsSchema, { id: 'WorkspaceFacts' });
  const { schemas } = z.toJSONSchema(registry, {
    io: 'input',
    uri: (id) => `#/$defs/${id}`,
    override: writeScalarRule,
  });
  const defs: Record<string, unknown> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    const { $schema: _schema, $id: _id, ...rest } = schema as Record<string, unknown>;
    defs[id] = rest;
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `urn:livesnap:protocol:v${PROTOCOL_VERSION}`,
    title: `Livesnap snapshot protocol, version ${PROTOCOL_VERSION}`,
    $defs: defs,
  };
}

/**
 * JSON Schema cannot see inside a refinement, so the two of scalars.ts are written out here: a safe integer as
 * `integer` within ±(2^53 − 1), a time as `date-time` with its pattern.
 */
function writeScalarRule(context: { zodSchema: unknown; jsonSchema: Record<string, unknown> }): void {
  const checks = (context.zodSchema as { _zod: { def: { checks?: readonly unknown[] } } })._zod.def.checks ?? [];
  const schema = context.jsonSchema;
  if (checks.includes(SAFE_INTEGER)) {
    schema.type = 'integer';
    schema.minimum ??= Number.MIN_SAFE_INTEGER;
    schema.maximum ??= Number.MAX_SAFE_INTEGER;
  }
  if (checks.includes(ISO_TIME)) Object.assign(schema, { format: 'date-time', pattern: ISO_TIME_PATTERN });
}

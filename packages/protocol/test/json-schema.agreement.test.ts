// The generated JSON Schema is what clients in other languages validate frames with: a standard validator (Ajv,
// draft 2020-12) must accept exactly what the zod schemas accept. Checked on random valid frames and on random
// single-field corruptions of them. The one rule JSON Schema cannot express (a batch's seqs are consecutive) is
// the only disagreement allowed.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClientMessageSchema, ServerMessageSchema } from '../src/index.js';
import { clientFrame, corruptedFrame, extendedFrame, isClientFrame, serverFrame } from '../test-support/frames.js';

const schema = JSON.parse(readFileSync(new URL('../protocol.schema.json', import.meta.url), 'utf8')) as {
  $defs: Record<string, object>;
};
// `date-time` is also enforced by the schema's own `pattern`; formats are an optional vocabulary in 2020-12.
const ajv = new Ajv2020({ validateFormats: false, strict: false });
ajv.addSchema(schema, 'protocol');
const validServer = ajv.getSchema('protocol#/$defs/ServerMessage')!;
const validClient = ajv.getSchema('protocol#/$defs/ClientMessage')!;

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
      fc.property(corruptedFrame, ({ frame, corrupted }) => {
        const isClient = isClientFrame(frame);
        const zod = (isClient ? ClientMessageSchema : ServerMessageSchema).safeParse(corrupted);
        const json = (isClient ? validClient : validServer)(corrupted);
        if (!zod.success && json && onlyBatchOrder(zod.error.issues)) return;
        expect({ corrupted, json }).toEqual({ corrupted, json: zod.success });
      }),
      { numRuns: 2000 },
    );
  });

  it('agree on a key added to any object of a valid frame: dropped, but refused in the fields of a patch', () => {
    fc.assert(
      fc.property(extendedFrame, (extended) => {
        const zod = ServerMessageSchema.safeParse(extended);
        const json = validServer(extended);
        if (!zod.success && json && onlyBatchOrder(zod.error.issues)) return;
        expect({ extended, json }).toEqual({ extended, json: zod.success });
      }),
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

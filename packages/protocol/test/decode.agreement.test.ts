// decode.ts picks each frame's schema by hand (messages.ts, SchemaChoice) rather than through zod's discriminated
// unions, which would cost a browser's bundle 0.6 KB: it must accept exactly the frames the unions accept, and give
// back what they parse. Checked on random valid frames, their single-field corruptions and added keys.
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClientMessageSchema, decodeClientFrame, decodeServerFrame, ServerMessageSchema } from '../src/index.js';
import {
  clientFrame,
  corruptedFrame,
  extendedFrame,
  isClientFrame,
  type Json,
  serverFrame,
} from '../test-support/frames.js';

/** What decoding and the union say of one frame: the parsed message, or that it was refused. */
function bothReaders(frame: Json) {
  const isClient = isClientFrame(frame);
  const decoded = (isClient ? decodeClientFrame : decodeServerFrame)(JSON.stringify(frame));
  const parsed = (isClient ? ClientMessageSchema : ServerMessageSchema).safeParse(frame);
  return {
    decoded: decoded.ok ? decoded.message : decoded.code,
    union: parsed.success ? parsed.data : 'bad_message',
  };
}

describe('decoding a frame and parsing it with the discriminated union', () => {
  it('give the same message for every valid frame', () => {
    fc.assert(
      fc.property(fc.oneof(serverFrame, clientFrame), (frame) => {
        const { decoded, union } = bothReaders(frame as Json);
        expect(decoded).toEqual(union);
        expect(typeof decoded).toBe('object');
      }),
      { numRuns: 300 },
    );
  });

  it('agree on every single-field corruption of a valid frame (a type no union lists is unknown_type)', () => {
    fc.assert(
      fc.property(corruptedFrame, ({ frame, corrupted }) => {
        const { decoded, union } = bothReaders(corrupted);
        const type = (corrupted as { type?: unknown }).type;
        const unknownType = typeof type === 'string' && type !== (frame as { type: string }).type;
        expect({ corrupted, decoded }).toEqual({ corrupted, decoded: unknownType ? 'unknown_type' : union });
      }),
      { numRuns: 2000 },
    );
  });

  it('agree on a key added to any object of a valid frame', () => {
    fc.assert(
      fc.property(extendedFrame, (extended) => {
        const { decoded, union } = bothReaders(extended);
        expect({ extended, decoded }).toEqual({ extended, decoded: union });
      }),
      { numRuns: 2000 },
    );
  });
});

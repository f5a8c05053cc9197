// The JSON Schema of the protocol: the checked-in file is the one the zod schemas generate.
import { describe, expect, it } from 'vitest';
import checkedIn from '../protocol.schema.json' with { type: 'json' };
import { protocolJsonSchema } from './json-schema.js';

describe('protocolJsonSchema', () => {
  it('is what the checked-in protocol.schema.json holds (if not, run `pnpm schema`)', () => {
    expect(checkedIn, 'protocol.schema.json is stale: run `pnpm schema` and commit the file').toEqual(
      protocolJsonSchema(),
    );
  });
});

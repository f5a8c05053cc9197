// Writes protocol.schema.json from the zod schemas; a test fails when the checked-in file is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { protocolJsonSchema } from '../src/json-schema.js';

const target = fileURLToPath(new URL('../protocol.schema.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(protocolJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);

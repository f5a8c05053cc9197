// @vitest-environment node
// The public surface of @livesnap/devtools and its production entry: every runtime name each exports is listed here,
// so that an export is added or removed on purpose, and each is documented in README.md.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as devtools from '../src/index.js';
import * as production from '../src/production.js';

const EXPORTED = ['SnapshotDevtools'];

describe('public API', () => {
  it.each([
    ['@livesnap/devtools', devtools],
    ['@livesnap/devtools/production', production],
  ] as const)('%s exports exactly its listed runtime names', (_, module) => {
    expect(Object.keys(module).sort()).toEqual(EXPORTED);
  });

  it('has every exported name and prop documented in README.md', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const names = [
      ...EXPORTED,
      'client',
      'initialIsOpen',
      'buttonPosition',
      'logLimit',
      'fields',
      'storageKey',
      'styleNonce',
      '@livesnap/devtools/production',
    ];
    expect(names.filter((name) => !readme.includes(`\`${name}`) && !readme.includes(`<${name}`))).toEqual([]);
  });
});

// Issue 2's "the protocol package imports nothing but zod": every module of src/ that ships (tests aside)
// imports only zod and its own sibling modules, and package.json declares zod as its only dependency.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(packageDir, 'src');
const ALLOWED_PACKAGES = ['zod', 'zod/mini'];

const modules = readdirSync(srcDir)
  .filter((file) => /\.(ts|tsx|mts|cts)$/.test(file) && !/\.test(-d)?\.ts$/.test(file))
  .sort();

/** Every module specifier of a file: static imports and re-exports, side-effect and dynamic imports, `require`. */
function specifiers(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(join(srcDir, file), 'utf8'), true, true);
  return info.importedFiles.map((imported) => imported.fileName);
}

function isInsideSrc(file: string, specifier: string): boolean {
  const target = relative(srcDir, resolve(srcDir, dirname(file), specifier));
  return !target.startsWith('..') && !target.includes('/');
}

describe('the protocol package imports nothing but zod', () => {
  it('finds the modules and their imports it checks', () => {
    expect(modules).toEqual(expect.arrayContaining(['index.ts', 'snapshot.ts', 'messages.ts', 'testing.ts']));
    expect(modules.some((file) => file.endsWith('.test.ts'))).toBe(false);
    expect(specifiers('snapshot.ts')).toContain('zod/mini');
    expect(specifiers('index.ts')).toContain('./derive.js');
  });

  it('sees every kind of import it must refuse', () => {
    const source = [
      "import a from 'a';",
      "import type { B } from 'b';",
      "export * from 'c';",
      "export { d } from 'd';",
      "import 'e';",
      "const f = await import('f');",
      "const g = require('g');",
    ].join('\n');
    const found = ts.preProcessFile(source, true, true).importedFiles.map((imported) => imported.fileName);
    expect(found.sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
  });

  it.each(modules)('%s imports only zod and modules of src/', (file) => {
    for (const specifier of specifiers(file)) {
      const allowed = specifier.startsWith('.') ? isInsideSrc(file, specifier) : ALLOWED_PACKAGES.includes(specifier);
      expect(allowed, `${file} imports ${JSON.stringify(specifier)}`).toBe(true);
    }
  });

  it('declares zod as its only runtime dependency', () => {
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys((manifest.dependencies ?? {}) as object)).toEqual(['zod']);
    expect(manifest.peerDependencies ?? {}).toEqual({});
    expect(manifest.optionalDependencies ?? {}).toEqual({});
  });
});

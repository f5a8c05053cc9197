// @livesnap/server runs on one process's memory and depends on no Redis client: a shared store is a package of its own.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);

describe('@livesnap/server', () => {
  it('depends on no Redis client in its package.json', () => {
    const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as Record<string, unknown>;
    const names = ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies'].flatMap((field) =>
      Object.keys((manifest[field] as Record<string, string> | undefined) ?? {}),
    );
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => /redis/i.test(name))).toEqual([]);
  });

  it('imports no Redis client in its source', () => {
    const files = readdirSync(new URL('src/', root)).filter((file) => file.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(20);
    const imports = files.flatMap((file) =>
      [...readFileSync(new URL(`src/${file}`, root), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!),
    );
    expect(imports).toContain('ws');
    expect(imports.filter((name) => /redis/i.test(name))).toEqual([]);
  });
});

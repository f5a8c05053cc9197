// @vitest-environment node
// The hooks run in browsers and must stay small: each entry bundles for the browser platform without Node builtins,
// and an app that imports only `@livesnap/react` (or the bridge, which uses TanStack Query's types only) bundles none
// of TanStack Query. Sizes are bytes, not times, so a budget here is a fact.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

async function browserBundle(contents: string, external: string[]) {
  const result = await build({
    stdin: { contents, resolveDir: import.meta.dirname, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    external,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  return { gzipBytes: gzipSync(result.outputFiles[0]!.contents).length, inputs };
}

const peers = ['react', 'zustand'];
const ours = ['@livesnap/client', '@livesnap/protocol'];
const fromTanStack = (inputs: string[]) => inputs.filter((input) => input.includes('@tanstack'));
const fromNode = (inputs: string[]) => inputs.filter((input) => input.startsWith('node:'));

describe('the browser bundle', () => {
  it.each([
    ['@livesnap/react, the hooks alone', 2 * 1024, '@livesnap/react', [...peers, ...ours]],
    ['@livesnap/react with the client it needs', 22 * 1024, '@livesnap/react', peers],
    ['@livesnap/react/query, the bridge alone', 2 * 1024, '@livesnap/react/query', [...peers, ...ours]],
  ])('%s: no Node builtin, nothing of TanStack Query, under %i gzipped bytes', async (_, budget, entry, external) => {
    const { gzipBytes, inputs } = await browserBundle(`export * from '${entry}';`, external);
    expect(fromNode(inputs)).toEqual([]);
    expect(fromTanStack(inputs)).toEqual([]);
    expect(gzipBytes).toBeLessThan(budget);
  });

  it('an app that imports TanStack Query itself does bundle it (the check can fail)', async () => {
    const { inputs } = await browserBundle(
      "export * from '@livesnap/react/query'; export { QueryClient } from '@tanstack/react-query';",
      [...peers, ...ours],
    );
    expect(fromTanStack(inputs).length).toBeGreaterThan(0);
  });
});

// @vitest-environment node
// What an app ships: the panel's code in development, none of it in a production build (process.env.NODE_ENV
// defined as "production", as Vite, webpack and Next do), the panel loaded on demand with the production entry, and
// nothing of the devtools in an app that imports only @livesnap/react. Sizes are bytes, not times: budgets are facts.
import { gzipSync } from 'node:zlib';
import { type BuildOptions, build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const EXTERNAL = ['react', 'react-dom', 'zustand', '@livesnap/client', '@livesnap/protocol', '@livesnap/react'];

async function bundle(contents: string, options: BuildOptions = {}) {
  const result = await build({
    ...options,
    stdin: { contents, resolveDir: import.meta.dirname, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    external: options.external ?? EXTERNAL,
    write: false,
    metafile: true,
    logLevel: 'silent',
    outdir: 'out',
  });
  const chunks = result.outputFiles.map((file) => ({
    text: file.text,
    gzipBytes: gzipSync(file.contents).length,
    isEntry: file.path.endsWith('stdin.js'),
  }));
  return { chunks, inputs: Object.keys(result.metafile.inputs) };
}

const production = { define: { 'process.env.NODE_ENV': '"production"' } };
const development = { define: { 'process.env.NODE_ENV': '"development"' } };
const app = "import { SnapshotDevtools } from '@livesnap/devtools'; export const devtools = SnapshotDevtools;";
const optedIn =
  "import { SnapshotDevtools } from '@livesnap/devtools/production'; export const devtools = SnapshotDevtools;";
/** Strings only the panel's code holds: its stylesheet's root class, and a section's title. */
const hasPanel = (text: string) => text.includes('lsd-root') || text.includes('filter messages by type');

describe('the devtools bundle', () => {
  it('holds the panel in development, under 9 KB gzipped (React and @livesnap/* external)', async () => {
    const { chunks } = await bundle(app, development);
    expect(chunks).toHaveLength(1);
    expect(hasPanel(chunks[0]!.text)).toBe(true);
    expect(chunks[0]!.gzipBytes).toBeLessThan(9 * 1024);
  });

  it('holds none of the panel in a production build: a component that renders nothing, under 100 bytes', async () => {
    const { chunks } = await bundle(app, production);
    expect(chunks).toHaveLength(1);
    expect(hasPanel(chunks[0]!.text)).toBe(false);
    expect(chunks[0]!.gzipBytes).toBeLessThan(100);
  });

  it('with the production entry, loads the panel in a chunk of its own, when it first renders', async () => {
    const { chunks } = await bundle(optedIn, { ...production, splitting: true });
    const entry = chunks.find((chunk) => chunk.isEntry)!;
    expect(hasPanel(entry.text)).toBe(false);
    expect(entry.text).toMatch(/import\(/);
    expect(entry.gzipBytes).toBeLessThan(400);
    expect(chunks.filter((chunk) => hasPanel(chunk.text))).toHaveLength(1);
  });
});

describe('an app without the devtools', () => {
  it('bundles none of their code when it imports only @livesnap/react', async () => {
    const { inputs, chunks } = await bundle("export * from '@livesnap/react';", {
      ...development,
      external: ['react', 'zustand'],
    });
    expect(inputs.filter((input) => input.includes('packages/devtools/'))).toEqual([]);
    expect(hasPanel(chunks[0]!.text)).toBe(false);
  });

  it('does bundle them when it imports @livesnap/devtools (the check can fail)', async () => {
    const { inputs } = await bundle(app, { ...development, external: ['react', 'zustand'] });
    expect(inputs.filter((input) => input.includes('packages/devtools/')).length).toBeGreaterThan(0);
  });
});

// The one build configuration of every public package (`pnpm build` runs it in each): ESM JavaScript, `.d.ts` types
// and source maps in dist/, one entry per TypeScript entry of the package's `exports`. Dependencies and peers stay
// imports (tsup's default); shared code between entries becomes shared chunks, so that `@livesnap/client` and
// `@livesnap/client/testing` use one copy of each class.
import { join } from 'node:path';
import { defineConfig } from 'tsup';
import { outputName, packageEntries, publishConfigProblems, readManifest } from './package-entries.mjs';

const dir = process.cwd();
const manifest = readManifest(dir);
const problems = publishConfigProblems(manifest);
if (problems.length > 0) throw new Error(problems.join('\n'));

const entry = Object.fromEntries(
  packageEntries(manifest)
    .filter((e) => e.source !== undefined)
    .map((e) => [outputName(e.subpath), e.source]),
);

export default defineConfig({
  entry,
  outDir: 'dist',
  format: ['esm'],
  // Node 20 is the floor, and every browser that runs React 19 runs ES2022.
  target: 'es2022',
  dts: { compilerOptions: { types: ['node'], lib: ['ES2023', 'DOM', 'DOM.Iterable'] } },
  sourcemap: true,
  splitting: true,
  treeshake: false,
  clean: true,
  tsconfig: join(dir, 'tsconfig.json'),
});

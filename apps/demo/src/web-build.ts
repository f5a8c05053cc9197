// The page's production build for `--prod`: `vite build` runs when no build of the current sources exists. A build's
// folder is named for a hash of everything it is made from, so a stale build is never served, and two demos that
// start at once cannot serve each other's half-written files (each builds aside and renames into place).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const DEMO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const REPO_ROOT = join(DEMO_ROOT, '..', '..');
export const VITE_CONFIG = join(DEMO_ROOT, 'vite.config.ts');
/** Where builds go (git ignores dist/). */
export const DEFAULT_BUILD_ROOT = join(DEMO_ROOT, 'dist');

/**
 * What the bundle is made from: the page, its config, the workspace packages it bundles from source (their `exports`
 * point at `src/`), and the lockfile that pins everything else. Node-side code of the demo is not in the bundle.
 */
export const BUILD_INPUTS = [
  join(DEMO_ROOT, 'web'),
  VITE_CONFIG,
  join(DEMO_ROOT, 'package.json'),
  ...['protocol', 'client', 'react', 'devtools'].flatMap((name) => [
    join(REPO_ROOT, 'packages', name, 'src'),
    join(REPO_ROOT, 'packages', name, 'package.json'),
  ]),
  join(REPO_ROOT, 'pnpm-lock.yaml'),
];

/** A hash of the inputs' paths and contents (files under folders, in a stable order); a missing input counts too. */
export async function hashBuildInputs(inputs: readonly string[] = BUILD_INPUTS, root = REPO_ROOT): Promise<string> {
  const hash = createHash('sha256');
  for (const input of inputs) {
    for (const file of await filesUnder(input)) {
      hash.update(`${relative(root, file)}\0`);
      hash.update(await readFile(file));
      hash.update('\0');
    }
  }
  return hash.digest('hex').slice(0, 16);
}

async function filesUnder(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => null);
  if (info === null) return [];
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

export interface WebBuild {
  /** The folder to serve: `index.html` and `assets/`. */
  dir: string;
  /** False when a build of the same inputs was already there. */
  built: boolean;
  ms: number;
}

export interface WebBuildOptions {
  /** Default `apps/demo/dist`. */
  buildRoot?: string;
  /** Said before a build starts (it takes a few seconds). */
  onBuildStart?: () => void;
}

const BUILD_PREFIX = 'web-';

/** The build of the current sources: the existing one, or a new one made with `vite build`. */
export async function ensureWebBuild(options: WebBuildOptions = {}): Promise<WebBuild> {
  const started = performance.now();
  const buildRoot = options.buildRoot ?? DEFAULT_BUILD_ROOT;
  const name = `${BUILD_PREFIX}${await hashBuildInputs()}`;
  const dir = join(buildRoot, name);
  const ms = () => performance.now() - started;
  if (await isComplete(dir)) return { dir, built: false, ms: ms() };

  options.onBuildStart?.();
  await mkdir(buildRoot, { recursive: true });
  const aside = join(buildRoot, `.${name}-${process.pid}-${Date.now()}`);
  try {
    await viteBuild(aside);
    await rename(aside, dir).catch(async (error: NodeJS.ErrnoException) => {
      // Another demo built the same sources first: theirs is as good.
      if (!(await isComplete(dir))) throw error;
    });
  } finally {
    await rm(aside, { recursive: true, force: true });
  }
  // Builds of other sources are stale now (a demo serving one holds its files in memory: static-page.ts).
  for (const entry of await readdir(buildRoot)) {
    if (entry.startsWith(BUILD_PREFIX) && entry !== name) {
      await rm(join(buildRoot, entry), { recursive: true, force: true });
    }
  }
  return { dir, built: true, ms: ms() };
}

/**
 * `vite build` into `outDir`, in a child process with `NODE_ENV=production`: Vite takes the mode of a build from
 * `NODE_ENV` when it is set, and a test runner sets it to `test`, which would bundle React's development build.
 */
async function viteBuild(outDir: string): Promise<void> {
  const vitePackage = createRequire(import.meta.url).resolve('vite/package.json');
  const bin = join(dirname(vitePackage), 'bin', 'vite.js');
  const child = spawn(
    process.execPath,
    [bin, 'build', '--config', VITE_CONFIG, '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    { env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  if (code !== 0) throw new Error(`vite build failed (${signal ?? `exit ${code}`}); its output is above`);
}

async function isComplete(dir: string): Promise<boolean> {
  return (await stat(join(dir, 'index.html')).catch(() => null))?.isFile() === true;
}

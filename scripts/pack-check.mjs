#!/usr/bin/env node
// `pnpm pack:check`: the public packages as a user gets them. Builds and packs each one (pnpm pack, which publishes
// `publishConfig.exports` and turns `workspace:*` into versions), lints each tarball with publint --strict and attw,
// installs the tarballs with npm into a scratch project outside the workspace, then: imports every entry from plain
// Node ESM, type-checks a file that uses them under `moduleResolution` bundler and node16, builds a Vite + React page
// with @livesnap/react and loads it in Chromium against the installed server; then the size budget (size-limit on
// the installed files) and the API reference (TypeDoc's validation). Entries come from each package's `exports`, so a
// new entry is checked without an edit here.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageEntries, publishConfigProblems, readManifest } from './package-entries.mjs';

const root = join(import.meta.dirname, '..');
const fixtures = join(import.meta.dirname, 'pack-check');

/**
 * What the scratch project installs beside the tarballs: the peers and the tools a user would have. Versions are the
 * workspace's own where it has them.
 */
const SCRATCH_DEPENDENCIES = {
  react: '19.3.1',
  'react-dom': '19.3.1',
  '@tanstack/react-query': '5.108.4',
  ws: '8.23.0',
  typescript: '5.9.3',
  '@types/node': '20.19.43',
  '@types/react': '19.3.3',
  '@types/react-dom': '19.3.0',
  '@types/ws': '8.18.2',
  vite: '8.3.8',
  '@vitejs/plugin-react': '6.3.0',
  'playwright-core': '1.65.1',
  'size-limit': '11.2.0',
  '@size-limit/preset-small-lib': '11.2.0',
};

/** Runs a command; resolves to its output, rejects with the output when it fails. */
function run(command, args, { cwd = root, env } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} (in ${cwd}) exited with ${code}:\n${output}`));
    });
  });
}

/** Runs `work` on each item, `limit` at a time (the machines have 2 cores). */
async function eachLimited(items, limit, work) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (queue.length > 0) await work(queue.shift());
    }),
  );
}

async function step(name, work) {
  const started = performance.now();
  await work();
  console.log(`pack:check: ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

const packages = readdirSync(join(root, 'packages'))
  .map((name) => ({ dir: join(root, 'packages', name), manifest: readManifest(join(root, 'packages', name)) }))
  .filter(({ manifest }) => manifest.private !== true);
const problems = packages.flatMap(({ manifest }) => publishConfigProblems(manifest));
if (problems.length > 0) throw new Error(`publishConfig does not match exports:\n${problems.join('\n')}`);
const entries = packages.flatMap(({ manifest }) => packageEntries(manifest));
const typedEntries = entries.filter((entry) => entry.source !== undefined);

const scratch = mkdtempSync(join(tmpdir(), 'livesnap-pack-'));
const tarballs = join(scratch, 'tarballs');
const started = performance.now();
try {
  await step(`built ${packages.length} packages`, () => run('pnpm', ['build']));
  await step('packed', () =>
    eachLimited(packages, 2, ({ dir }) => run('pnpm', ['pack', '--pack-destination', tarballs], { cwd: dir })),
  );
  const files = readdirSync(tarballs).map((file) => join(tarballs, file));
  await step('publint --strict and attw on every tarball', () =>
    eachLimited(files, 2, async (file) => {
      await run('pnpm', ['exec', 'publint', 'run', file, '--strict']);
      // ESM only by design (TOOLCHAIN.md): the profile skips the CommonJS resolutions, and checks node16 and bundler.
      await run('pnpm', ['exec', 'attw', file, '--profile', 'esm-only', '--format', 'table-flipped']);
    }),
  );

  const project = join(scratch, 'project');
  cpSync(fixtures, project, { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  await step('installed the tarballs with npm outside the workspace', () =>
    run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        '--loglevel=error',
        ...files,
        ...Object.entries(SCRATCH_DEPENDENCIES).map(([name, version]) => `${name}@${version}`),
      ],
      { cwd: project },
    ),
  );

  await step(`imported ${entries.length} entries from plain Node ESM`, async () => {
    const imports = entries.map(({ specifier, published }) =>
      typeof published === 'string' && published.endsWith('.json')
        ? `await import('${specifier}', { with: { type: 'json' } });`
        : `if (Object.keys(await import('${specifier}')).length === 0) throw new Error('${specifier} exports nothing');`,
    );
    writeFileSync(join(project, 'import-every-entry.mjs'), `${imports.join('\n')}\n`);
    await run('node', ['import-every-entry.mjs'], { cwd: project });
  });

  await step('type-checked under moduleResolution bundler and node16', async () => {
    const lines = typedEntries.map(({ specifier }, i) => `import * as entry${i} from '${specifier}';`);
    lines.push(`export const entries = [${typedEntries.map((_, i) => `entry${i}`).join(', ')}];`);
    writeFileSync(join(project, 'every-entry.ts'), `${lines.join('\n')}\n`);
    const base = {
      strict: true,
      noEmit: true,
      target: 'ES2022',
      lib: ['ES2023', 'DOM', 'DOM.Iterable'],
      jsx: 'react-jsx',
      types: ['node'],
      skipLibCheck: false,
    };
    const settings = { bundler: { module: 'ESNext', moduleResolution: 'bundler' }, node16: { module: 'node16' } };
    for (const [name, options] of Object.entries(settings)) {
      writeFileSync(
        join(project, `tsconfig.${name}.json`),
        JSON.stringify({ compilerOptions: { ...base, ...options }, files: ['every-entry.ts', 'usage.tsx'] }),
      );
    }
    await Promise.all(
      Object.keys(settings).map((name) => run('npx', ['tsc', '-p', `tsconfig.${name}.json`], { cwd: project })),
    );
  });

  await step('built a Vite + React page and loaded it in Chromium against the installed server', async () => {
    await run('npx', ['vite', 'build', '--config', 'web/vite.config.mjs', 'web'], { cwd: project });
    console.log((await run('node', ['browser-check.mjs'], { cwd: project })).trim());
  });

  await step('size budget (size-limit on the installed packages)', async () => {
    console.log((await run('npx', ['size-limit'], { cwd: project })).trim());
  });

  await step('API reference (TypeDoc: no public export undocumented, no broken link)', () =>
    run('pnpm', ['exec', 'typedoc']),
  );
  console.log(`pack:check: every check passed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

#!/usr/bin/env node
// better-sqlite3 (the demo's database) compiles its addon for the Node that ran `pnpm install`; the test command also
// runs the demo's tests on other Node versions from the same install. This builds the addon for each of them from the
// installed package's own sources, into `<better-sqlite3>/build/node-v<ABI>/better_sqlite3.node`, where the demo
// looks for the one matching its Node (apps/demo/src/sqlite-addon.ts). Builds are cached per version outside the
// repository, and made without optimisation (30 s instead of 2 min: they serve tests, not speed).
//
//   node scripts/native-addons.mjs 24 [22 …]
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { nodeBinFolder } from './node-runtimes.mjs';

const root = join(import.meta.dirname, '..');
const cacheRoot = process.env.LIVESNAP_ADDON_CACHE ?? join(homedir(), '.cache', 'livesnap', 'addons');

/** Runs a build step quietly; its output is shown only when it fails. */
function run(node, args, options) {
  try {
    execFileSync(node, args, { stdio: 'pipe', encoding: 'utf8', ...options });
  } catch (error) {
    process.stderr.write(`${error.stdout ?? ''}${error.stderr ?? ''}`);
    throw error;
  }
}

/** The node-gyp that npm bundles (npm is on every machine with Node). */
function nodeGyp() {
  const npmRoot = execFileSync('npm', ['root', '-g'], { encoding: 'utf8' }).trim();
  return createRequire(join(npmRoot, 'npm', 'package.json')).resolve('node-gyp/bin/node-gyp.js');
}

/** Whether `node` can load the addon in `file`: one built for another ABI throws. */
function loads(node, file) {
  try {
    execFileSync(node, ['-e', `process.dlopen({ exports: {} }, ${JSON.stringify(file)})`], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

export function buildSqliteAddon(major) {
  const pkgJson = createRequire(join(root, 'apps', 'demo', 'package.json')).resolve('better-sqlite3/package.json');
  const pkg = dirname(pkgJson);
  const { version } = JSON.parse(readFileSync(pkgJson, 'utf8'));
  const bin = nodeBinFolder(major);
  const node = join(bin, 'node');
  const [nodeVersion, abi] = execFileSync(node, ['-p', 'process.versions.node + " " + process.versions.modules'], {
    encoding: 'utf8',
  })
    .trim()
    .split(' ');
  // The install's own build serves the Node that ran it.
  if (abi === process.versions.modules) return join(pkg, 'build', 'Release', 'better_sqlite3.node');
  const target = join(pkg, 'build', `node-v${abi}`, 'better_sqlite3.node');
  const cached = join(cacheRoot, `better-sqlite3@${version}`, `node-${nodeVersion}`, 'better_sqlite3.node');
  // A cached build that this Node cannot load (one made against other headers) is made again.
  if (!existsSync(cached) || !loads(node, cached)) {
    const work = mkdtempSync(join(tmpdir(), 'livesnap-addon-'));
    try {
      for (const part of ['binding.gyp', 'deps', 'src', 'package.json'])
        cpSync(join(pkg, part), join(work, part), { recursive: true });
      // The Node package from the registry carries its headers, so node-gyp needs no download.
      const nodedir = dirname(bin);
      run(node, [nodeGyp(), 'rebuild', '--release', `--nodedir=${nodedir}`, '-j', '2'], {
        cwd: work,
        // node-gyp lets an `npm_config_nodedir` in the environment (which `pnpm run` exports from an npmrc's
        // `nodedir`) win over `--nodedir`: the addon would be built against that Node's headers, not this one's.
        env: {
          ...process.env,
          PATH: `${bin}:${process.env.PATH}`,
          npm_config_nodedir: nodedir,
          CFLAGS: '-O0',
          CXXFLAGS: '-O0',
        },
      });
      mkdirSync(dirname(cached), { recursive: true });
      copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), cached);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(cached, target);
  return target;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const major of process.argv.slice(2))
    console.log(`better-sqlite3 for Node ${major}: ${buildSqliteAddon(major)}`);
}

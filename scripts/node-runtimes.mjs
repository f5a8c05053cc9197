#!/usr/bin/env node
// The Node versions the suite runs on besides the one running this script: installed from the npm registry as plain
// packages with the binary inside (no download from elsewhere), cached per version outside the repository.
//
//   node scripts/node-runtimes.mjs          installs what is missing, prints "<major> <bin folder>" per version
//   node scripts/node-runtimes.mjs 24       prints the bin folder of Node 24 (installing it when missing)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Exact versions, so that every run tests the same binaries. A major that is the running Node's own is not installed:
 * on these machines that is 20 (the floor); a contributor on Node 24 gets 20 from the registry instead.
 */
export const NODE_VERSIONS = { 20: '20.20.2', 22: '22.23.5', 24: '24.22.3' };

const cacheRoot = process.env.LIVESNAP_NODE_CACHE ?? join(homedir(), '.cache', 'livesnap', 'node');

/** The registry package that holds this platform's Node binary. */
const packageName = `node-${process.platform}-${process.arch}`;

/** The folder holding `node` of the given major: the running Node's own when it is that major, else the cache. */
export function nodeBinFolder(major) {
  if (Number(process.versions.node.split('.')[0]) === Number(major)) return join(process.execPath, '..');
  const version = NODE_VERSIONS[major];
  if (version === undefined) {
    throw new Error(`no pinned Node version for major ${major}; known: ${Object.keys(NODE_VERSIONS).join(', ')}`);
  }
  const prefix = join(cacheRoot, version);
  const bin = join(prefix, 'node_modules', packageName, 'bin');
  if (!existsSync(join(bin, 'node'))) {
    mkdirSync(prefix, { recursive: true });
    execFileSync(
      'npm',
      [
        'install',
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        '--prefix',
        prefix,
        `${packageName}@${version}`,
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
  }
  const installed = execFileSync(join(bin, 'node'), ['--version'], { encoding: 'utf8' }).trim();
  if (installed !== `v${version}`) throw new Error(`${bin}/node is ${installed}, expected v${version}`);
  return bin;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const majors = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(NODE_VERSIONS);
  for (const major of majors) {
    const bin = nodeBinFolder(major);
    console.log(process.argv.length > 2 ? bin : `${major} ${bin}`);
  }
}

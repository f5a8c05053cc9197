#!/usr/bin/env node
// The README's test command: system packages and Node runtimes, lint, type-check, the benchmarks' quick run beside
// Storybook's build and story test and the pack check, then every test on Node 20 (the floor) and Node 24 (the active
// LTS), a smoke subset on Node 22, and the chaos subset. Prints each stage's time, Node version and the counts. Stages
// in one group run side by side; groups run in order, and a failed stage fails the run.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { nodeBinFolder } from './node-runtimes.mjs';

const resultsDir = mkdtempSync(join(tmpdir(), 'livesnap-test-'));
const current = Number(process.versions.node.split('.')[0]);

/** A vitest run whose JSON report is read for the counts; `extra`: files or flags (`--config …`, `--root …`). */
function vitest(name, nodeMajor, extra = []) {
  const report = join(resultsDir, `${name.replace(/\W+/g, '-')}.json`);
  return {
    name,
    nodeMajor,
    report,
    command: 'pnpm',
    args: ['exec', 'vitest', 'run', ...extra, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
  };
}

/**
 * The chaos subset (packages/chaos at its bounded sizes; `pnpm test:chaos` runs the full ones): real server processes
 * killed, frozen, fuzzed and loaded. Once, on Node 20, alone: it measures memory and latency, which a stage beside it
 * would distort.
 */
const CHAOS = ['--root', 'packages/chaos'];

/** What runs on Node 22: the end-to-end paths (real server, real clients, the browser) and the protocol. */
const SMOKE = ['apps/example/test', 'packages/client/test/client.ws.test.ts', 'packages/server/test/stream.test.ts'];

const groups = [
  [
    { name: 'system packages', command: 'bash', args: ['scripts/system-packages.sh'] },
    // Node 20 (the floor) and 24 run every test, so the demo's SQLite addon is built for whichever did not install.
    {
      name: 'node runtimes',
      command: 'bash',
      args: ['-c', 'node scripts/node-runtimes.mjs && node scripts/native-addons.mjs 20 24'],
    },
  ],
  [{ name: 'lint', command: 'pnpm', args: ['exec', 'biome', 'check', '.'] }],
  [{ name: 'type-check', command: 'pnpm', args: ['run', 'typecheck'] }],
  // Every benchmark harness runs and produces numbers; no speed is asserted. Beside it, once and on this machine's
  // Node: Storybook's static build with every story opened in Chromium, and the packages as a user installs them
  // (build, pack, publint, attw, a scratch install, Node, tsc, Vite and Chromium, sizes, TypeDoc).
  [
    { name: 'bench --quick', command: 'pnpm', args: ['bench', '--quick'] },
    vitest('storybook build and stories', undefined, ['--config', 'apps/storybook/vitest.config.ts']),
    { name: 'pack:check', command: 'pnpm', args: ['pack:check'] },
  ],
  [vitest('tests on Node 20', 20)],
  [vitest('tests on Node 24', 24)],
  [vitest('smoke tests on Node 22', 22, SMOKE)],
  [vitest('chaos subset on Node 20', 20, CHAOS)],
];

/** The environment of a stage: PATH starts with the folder of the Node it runs on. */
function environment(stage) {
  if (stage.nodeMajor === undefined || stage.nodeMajor === current) return process.env;
  const bin = nodeBinFolder(stage.nodeMajor);
  return { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH}` };
}

function run(stage, prefixed) {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(stage.command, stage.args, {
        env: environment(stage),
        stdio: prefixed ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      });
    } catch (error) {
      console.error(`${stage.name}: ${error.message}`);
      resolve(1);
      return;
    }
    if (prefixed) {
      for (const stream of [child.stdout, child.stderr]) {
        let rest = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk) => {
          const lines = (rest + chunk).split('\n');
          rest = lines.pop();
          for (const line of lines) console.log(`[${stage.name}] ${line}`);
        });
        stream.on('end', () => rest && console.log(`[${stage.name}] ${rest}`));
      }
    }
    child.on('error', (error) => {
      console.error(`${stage.name}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function nodeVersion(stage) {
  if (stage.nodeMajor === undefined) return '';
  return new Promise((resolve) => {
    const child = spawn('node', ['--version'], { env: environment(stage) });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.on('exit', () => resolve(` (Node ${out.trim().replace(/^v/, '')})`));
  });
}

const summary = [];
let failed = false;
for (const group of groups) {
  const parallel = group.length > 1;
  const outcomes = await Promise.all(
    group.map(async (stage) => {
      const started = performance.now();
      let version = '';
      let code;
      try {
        version = await nodeVersion(stage);
        console.log(`\n=== ${stage.name}${version} ===`);
        code = await run(stage, parallel);
      } catch (error) {
        // A Node runtime that could not be installed fails its stages, not the whole script.
        console.error(`${stage.name}: ${error.message}`);
        code = 1;
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      return { stage, version, code, seconds };
    }),
  );
  for (const { stage, version, code, seconds } of outcomes) {
    let line = `${stage.name}${version}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${seconds} s`;
    if (code !== 0) failed = true;
    if (stage.report) {
      try {
        const report = JSON.parse(readFileSync(stage.report, 'utf8'));
        line += `; ${report.numPassedTests} passed, ${report.numFailedTests} failed`;
        if (report.numTotalTests === 0 || report.numPendingTests > 0) {
          line += ` (${report.numTotalTests} in all, ${report.numPendingTests} skipped or todo: not allowed)`;
          failed = true;
        }
      } catch {
        line += '; no report (the stage did not finish)';
        failed = true;
      }
    }
    summary.push(line);
  }
}

console.log('\n=== summary ===');
for (const line of summary) console.log(line);
console.log(failed ? 'FAILED' : 'all stages passed');
rmSync(resultsDir, { recursive: true, force: true });
process.exit(failed ? 1 : 0);

#!/usr/bin/env node
// The README's test command: lint, type-check, then every test; prints each stage's time and the counts.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const resultsDir = mkdtempSync(join(tmpdir(), 'livesnap-test-'));
const vitestJson = join(resultsDir, 'vitest.json');

const stages = [
  { name: 'system packages', command: 'bash', args: ['scripts/system-packages.sh'] },
  { name: 'lint', command: 'pnpm', args: ['exec', 'biome', 'check', '.'] },
  { name: 'type-check', command: 'pnpm', args: ['run', 'typecheck'] },
  // Every benchmark harness runs and produces numbers; no speed is asserted.
  { name: 'bench --quick', command: 'pnpm', args: ['bench', '--quick'] },
  {
    name: 'unit, integration, browser',
    command: 'pnpm',
    args: ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`],
  },
];

function run({ command, args }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const summary = [];
let failed = false;
for (const stage of stages) {
  console.log(`\n=== ${stage.name} ===`);
  const started = performance.now();
  const code = await run(stage);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  summary.push(`${stage.name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${seconds} s`);
  if (code !== 0) failed = true;
}

console.log('\n=== summary ===');
for (const line of summary) console.log(line);
try {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8'));
  console.log(`tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
  if (report.numTotalTests === 0 || report.numPendingTests > 0) {
    console.log(`(${report.numTotalTests} tests in all, ${report.numPendingTests} skipped or todo)`);
    failed = true;
  }
} catch {
  console.log('tests: no report (the test stage did not finish)');
  failed = true;
}
rmSync(resultsDir, { recursive: true, force: true });
process.exit(failed ? 1 : 0);

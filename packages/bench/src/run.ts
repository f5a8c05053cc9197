// `pnpm bench`: every group of groups.ts, each row against a baseline measured in the same run; a full run writes
// BENCHMARKS.md's results, packages/bench/results.json and the charts. `--quick` runs every harness small and writes
// nothing (a stage of `pnpm test`: it shows that each runs and produces numbers; no speed is asserted);
// `--only=id,id` runs some groups and writes nothing.
import { stopClients } from './clients.js';
import { GROUPS } from './groups.js';
import { currentLoad, groupTable, machineDescription, type RunRecord, writeReport } from './report.js';

const quick = process.argv.includes('--quick');
const only = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const unknown = only?.filter((id) => !GROUPS.some((g) => g.id === id)) ?? [];
if (unknown.length > 0) {
  throw new Error(`--only names no group ${unknown.join(', ')}; the groups are ${GROUPS.map((g) => g.id).join(', ')}`);
}
const options = { quick, repeats: quick ? 1 : 3 };
/** A group that has not finished by then is stuck (a lost message, a client that never connected): fail, do not hang. */
const GROUP_LIMIT_MS = quick ? 60_000 : 300_000;

function withinTime<T>(work: Promise<T>, id: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the ${id} group did not finish in ${GROUP_LIMIT_MS / 1000} s`)),
      GROUP_LIMIT_MS,
    );
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}
const started = performance.now();
const record: RunRecord = {
  command: 'pnpm bench',
  date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  machine: machineDescription(),
  loadAverage: currentLoad(),
  wallSeconds: 0,
  groups: [],
};
for (const group of GROUPS.filter((g) => !only || only.includes(g.id))) {
  const groupStarted = performance.now();
  const result = await withinTime(group.run(options), group.id);
  const seconds = (performance.now() - groupStarted) / 1000;
  record.groups.push({ group, result, seconds });
  console.log(`\n## ${group.title} (${seconds.toFixed(1)} s)\n${groupTable(result.rows)}`);
  const empty = result.rows.filter((r) => !Number.isFinite(r.livesnap) || !Number.isFinite(r.baseline));
  if (empty.length > 0) throw new Error(`${group.id} produced no number for: ${empty.map((r) => r.name).join('; ')}`);
}
stopClients();
record.wallSeconds = (performance.now() - started) / 1000;
console.log(`\npnpm bench${quick ? ' --quick' : ''}: ${record.wallSeconds.toFixed(1)} s`);
if (!quick && !only) {
  writeReport(record);
  console.log('wrote BENCHMARKS.md, packages/bench/results.json and packages/bench/charts/');
}
// Servers and children are closed; a socket.io or redis client's lingering timer must not keep the run alive.
process.exit(0);

// The published output of a full run: the results block of BENCHMARKS.md (between its markers; the notes around it
// are kept), packages/bench/results.json, and the charts in packages/bench/charts/.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { type BenchGroup, type GroupResult, type Row, ratio } from './row.js';
import { barChartSvg, formatValue } from './svg-chart.js';

export interface RunRecord {
  command: string;
  date: string;
  machine: string;
  /** The load average when the run started: the machine is shared. */
  loadAverage: number[];
  wallSeconds: number;
  groups: { group: BenchGroup; result: GroupResult; seconds: number }[];
}

const ROOT = new URL('../../../', import.meta.url);
const CHARTS = new URL('../charts/', import.meta.url);

export function machineDescription(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

export function currentLoad(): number[] {
  return loadavg().map((l) => Number(l.toFixed(2)));
}

function targetCell(row: Row): string {
  if (!row.target) return '';
  return `${row.target.met ? 'met' : '**missed**'}: ${row.target.text}`;
}

/** One group's table: each row with its baseline, the ratio and the target, if any. */
export function groupTable(rows: readonly Row[]): string {
  const hasTargets = rows.some((r) => r.target);
  const lines = [
    `| benchmark | Livesnap | baseline (same run) | baseline | ratio |${hasTargets ? ' target |' : ''}`,
    `| --- | ---: | --- | ---: | ---: |${hasTargets ? ' --- |' : ''}`,
    ...rows.map(
      (r) =>
        `| ${r.name} | ${formatValue(r.livesnap)} ${r.unit} | ${r.baselineName} | ${formatValue(r.baseline)} ${r.unit} | ${formatValue(ratio(r))}× |${hasTargets ? ` ${targetCell(r)} |` : ''}`,
    ),
  ];
  return lines.join('\n');
}

export function writeReport(record: RunRecord): void {
  mkdirSync(CHARTS, { recursive: true });
  const sections = record.groups.map(({ group, result, seconds }) => {
    const charts = (result.charts ?? []).map((chart) => {
      writeFileSync(new URL(`${chart.file}.svg`, CHARTS), barChartSvg(chart));
      return `![${chart.title}](packages/bench/charts/${chart.file}.svg)`;
    });
    return [
      `### ${group.title}`,
      '',
      `${group.measures} (${seconds.toFixed(0)} s)`,
      '',
      groupTable(result.rows),
      ...(charts.length > 0 ? ['', charts.join('\n')] : []),
    ].join('\n');
  });
  const block = `<!-- results: written by pnpm bench -->
Produced by \`${record.command}\` on ${record.date}, ${record.machine}; load average ${record.loadAverage.join(' / ')} at the start; the whole run took ${record.wallSeconds.toFixed(0)} s. Machine-readable: [packages/bench/results.json](packages/bench/results.json).

${sections.join('\n\n')}
<!-- /results -->`;
  const file = new URL('BENCHMARKS.md', ROOT);
  const previous = existsSync(file)
    ? readFileSync(file, 'utf8')
    : '# Benchmarks\n\n<!-- results --><!-- /results -->\n';
  writeFileSync(
    file,
    previous.replace(/<!-- results[\s\S]*<!-- \/results -->/, () => block),
  );
  const json = {
    command: record.command,
    date: record.date,
    machine: record.machine,
    loadAverage: record.loadAverage,
    wallSeconds: Number(record.wallSeconds.toFixed(1)),
    groups: Object.fromEntries(
      record.groups.map(({ group, result, seconds }) => [
        group.id,
        {
          title: group.title,
          seconds: Number(seconds.toFixed(1)),
          rows: result.rows.map((r) => ({ ...r, ratio: ratio(r) })),
          ...(result.details ? { details: result.details } : {}),
        },
      ]),
    ),
  };
  writeFileSync(new URL('../results.json', import.meta.url), `${JSON.stringify(json, null, 2)}\n`);
}

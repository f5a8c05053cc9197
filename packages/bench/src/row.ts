// What a benchmark group hands the runner: its rows (each a figure and its baseline measured in the same run), the
// charts it draws, and the sentence saying what it measures. The runner (run.ts) takes the groups from groups.ts.

export interface Row {
  name: string;
  livesnap: number;
  unit: string;
  baselineName: string;
  baseline: number;
  /** The target for this row, reported and never asserted: what it says and whether this run met it. */
  target?: { text: string; met: boolean };
}

export interface BarSeries {
  name: string;
  values: readonly number[];
}

/** A grouped bar chart: one group of bars per category, one bar per series. */
export interface Chart {
  /** The file's name without extension (`latency` → charts/latency.svg). */
  file: string;
  title: string;
  unit: string;
  categories: readonly string[];
  series: readonly BarSeries[];
}

export interface GroupResult {
  rows: Row[];
  charts?: Chart[];
  /** Raw figures for results.json beyond the rows (distributions, counts). */
  details?: Record<string, unknown>;
}

export interface BenchOptions {
  /** `--quick`: every harness at a small size, to show it runs and produces numbers (`pnpm test`). */
  quick: boolean;
  /** Measured repeats after a warm-up round, where a group repeats. */
  repeats: number;
}

export interface BenchGroup {
  /** Key in results.json. */
  id: string;
  title: string;
  /** What the rows measure, for BENCHMARKS.md (Markdown). */
  measures: string;
  run(options: BenchOptions): Promise<GroupResult>;
}

/** A row's ratio as the tables print it. */
export function ratio(row: Row): number {
  return row.livesnap / row.baseline;
}

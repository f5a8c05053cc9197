// A row of BENCHMARKS.md's table: a Livesnap figure and its baseline, measured in the same run, in one unit.
export interface BenchRow {
  name: string;
  livesnap: number;
  baselineName: string;
  baseline: number;
  unit: string;
}

// Summaries of measured samples: the median of repeats, and the percentiles of a latency distribution.

/** The value at quantile `q` (0..1) of `values`, nearest rank; NaN for no values. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((sum, v) => sum + v, 0) / values.length;
}

export interface Distribution {
  p50: number;
  p99: number;
  max: number;
  mean: number;
  samples: number;
}

export function distribution(values: readonly number[]): Distribution {
  return {
    p50: percentile(values, 0.5),
    p99: percentile(values, 0.99),
    max: values.length === 0 ? Number.NaN : Math.max(...values),
    mean: mean(values),
    samples: values.length,
  };
}

/** This process's CPU time (user and system) in ms: on a shared machine, other processes' work does not count. */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** A wall-clock instant in ms with sub-ms precision, comparable between processes on this machine. */
export function instant(): number {
  return performance.timeOrigin + performance.now();
}

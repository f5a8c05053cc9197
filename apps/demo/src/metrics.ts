// Counts of the work each path does (database queries, git commands, poll requests), so that the benchmarks can compare
// the push path with the old polling per minute.

/** Who ran a query or a git command: the snapshot source, the polling endpoints, writers, or the rest of the API. */
export type WorkPath = 'push' | 'poll' | 'write' | 'api';

const PATHS: readonly WorkPath[] = ['push', 'poll', 'write', 'api'];

export interface MetricsReport {
  /** When counting started (process start or the last reset), ISO-8601. */
  since: string;
  /** Milliseconds counted so far: divide by 60,000 for "per minute". */
  elapsedMs: number;
  dbQueries: Record<WorkPath, number>;
  gitCommands: Record<WorkPath, number>;
  /** Requests served by the polling endpoints. */
  pollRequests: number;
}

const zeros = (): Record<WorkPath, number> => Object.fromEntries(PATHS.map((p) => [p, 0])) as Record<WorkPath, number>;

export class Metrics {
  #since: number;
  #dbQueries = zeros();
  #gitCommands = zeros();
  #pollRequests = 0;
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
    this.#since = now();
  }

  dbQuery(path: WorkPath): void {
    this.#dbQueries[path] += 1;
  }

  gitCommand(path: WorkPath): void {
    this.#gitCommands[path] += 1;
  }

  pollRequest(): void {
    this.#pollRequests += 1;
  }

  report(): MetricsReport {
    return {
      since: new Date(this.#since).toISOString(),
      elapsedMs: this.#now() - this.#since,
      dbQueries: { ...this.#dbQueries },
      gitCommands: { ...this.#gitCommands },
      pollRequests: this.#pollRequests,
    };
  }

  reset(): void {
    this.#since = this.#now();
    this.#dbQueries = zeros();
    this.#gitCommands = zeros();
    this.#pollRequests = 0;
  }
}

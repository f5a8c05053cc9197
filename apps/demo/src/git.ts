// Runs git as a child process (no shell, argument arrays), with a timeout, counted per path, and stoppable at shutdown.
import { execFile } from 'node:child_process';
import { setMaxListeners } from 'node:events';
import type { Metrics, WorkPath } from './metrics.js';

export interface GitRunOptions {
  cwd: string;
  path: WorkPath;
  /** Exit codes that are answers, not failures (e.g. 1 from `git commit` with nothing to commit). */
  okExitCodes?: readonly number[];
}

export interface GitRunner {
  /** Git's standard output. Rejects on a failure, a timeout, or once the runner is closed. */
  run(args: readonly string[], options: GitRunOptions): Promise<string>;
  /** Kills every running git process; later runs reject. */
  close(): void;
}

export interface GitRunnerOptions {
  metrics: Metrics;
  timeoutMs?: number;
}

// Git must not read the user's or the system's configuration (signing, hooks, aliases), nor a repository that the
// demo runs inside of (GIT_DIR from a hook), nor prompt for anything.
const env: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
  GIT_AUTHOR_NAME: 'Livesnap demo agent',
  GIT_AUTHOR_EMAIL: 'agent@livesnap.invalid',
  GIT_COMMITTER_NAME: 'Livesnap demo agent',
  GIT_COMMITTER_EMAIL: 'agent@livesnap.invalid',
  LC_ALL: 'C',
};
for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_COMMON_DIR']) delete env[name];

export function createGitRunner({ metrics, timeoutMs = 10_000 }: GitRunnerOptions): GitRunner {
  const stop = new AbortController();
  // Each running git command listens for the stop; many may run at once (polling requests, the service's reads).
  setMaxListeners(0, stop.signal);
  return {
    run(args, { cwd, path, okExitCodes = [] }) {
      if (stop.signal.aborted) return Promise.reject(new Error(`git ${args[0]} not run: the demo is shutting down`));
      metrics.gitCommand(path);
      return new Promise((resolve, reject) => {
        execFile(
          'git',
          args,
          { cwd, env, timeout: timeoutMs, signal: stop.signal, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
          (error, stdout, stderr) => {
            const code = (error as { code?: unknown } | null)?.code;
            if (!error || (typeof code === 'number' && okExitCodes.includes(code))) resolve(stdout);
            else reject(new Error(`git ${args.join(' ')} in ${cwd} failed: ${stderr.trim() || error.message}`));
          },
        );
      });
    },
    close() {
      stop.abort();
    },
  };
}

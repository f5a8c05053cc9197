// Starting the chaos tests' child processes (a server, receivers, real clients): Node with tsx, an IPC channel, and
// an end that is always awaited, so that no process outlives its test.
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { type Channel, channelTo, type Reply } from './ipc.js';

export interface ChildHandle extends Channel {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Resolves when the process has exited, however. */
  readonly exited: Promise<void>;
  signal(signal: NodeJS.Signals): void;
  /** SIGKILL, then wait for the exit (SIGCONT first, for a stopped process). */
  kill(): Promise<void>;
}

/** Every child started and not yet ended: `killChildren` ends them after each test, whatever the test did. */
const children = new Set<ChildHandle>();

/** SIGKILLs every child still running (thawed first), and waits for them to exit: a test's `afterEach`. */
export async function killChildren(): Promise<void> {
  const running = [...children];
  children.clear();
  await Promise.all(running.map((child) => child.kill()));
}

/** Forks `entry` (a file of this folder) with `env`, and waits for its first message (`ready`). */
export async function startChild(entry: string, env: Record<string, string>): Promise<ChildHandle> {
  const child = fork(new URL(entry, import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = once(child, 'exit').then(() => undefined);
  const channel = channelTo(child);
  const ready = new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code, signal) => reject(new Error(`${entry} exited before it was ready (${signal ?? code})`)));
  });
  await ready;
  const handle: ChildHandle = {
    ...channel,
    child,
    pid: child.pid!,
    exited,
    signal: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGCONT');
        child.kill('SIGKILL');
      }
      await exited;
    },
  };
  children.add(handle);
  void exited.then(() => children.delete(handle));
  return handle;
}

/** Percentiles of a histogram of 1 ms buckets (the last bucket counts everything beyond). */
export function percentile(histogram: ArrayLike<number>, p: number): number {
  let total = 0;
  for (let i = 0; i < histogram.length; i += 1) total += histogram[i]!;
  if (total === 0) return Number.NaN;
  let seen = 0;
  for (let i = 0; i < histogram.length; i += 1) {
    seen += histogram[i]!;
    if (seen >= total * p) return i;
  }
  return histogram.length - 1;
}

export type { Reply };

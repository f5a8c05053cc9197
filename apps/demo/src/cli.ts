// `pnpm start`'s (and `pnpm demo`'s) command line: flags to options, each checked, with a usage text for --help and for mistakes.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO_DEFAULTS, type DemoServerOptions } from './demo-server.js';
import { SEED_DEFAULTS } from './seed.js';
import { MAX_EVENTS_PER_SECOND } from './simulation.js';

export const DEFAULT_PORT = 4460;
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../.data', import.meta.url));

export const USAGE = `Usage: pnpm start [options]   (or: pnpm demo [options], pnpm --filter @livesnap/demo start [options])

  --prod                serve a production build of the page (built first when missing or stale) instead of
                        Vite's dev server
  --data <dir>          data folder (SQLite file and git repositories); default apps/demo/.data
  --reset               delete the data folder first and start from a fresh seed
  --port <n>            HTTP port; default ${DEFAULT_PORT}, or a free one when ${DEFAULT_PORT} is busy
  --host <host>         default ${DEMO_DEFAULTS.host}
  --rate <n>            simulated events per second, 0 to ${MAX_EVENTS_PER_SECOND}; default ${DEMO_DEFAULTS.eventsPerSecond} (0 pauses)
  --seed <n>            seed of the data and the simulation; default ${SEED_DEFAULTS.seed}
  --workspaces <n>      workspaces per ordinary project at seeding; default ${SEED_DEFAULTS.workspacesPerProject}
  --large <n>           workspaces of the large project at seeding; default ${SEED_DEFAULTS.largeProjectWorkspaces}
  --reconcile-ms <n>    reconciliation interval; default ${DEMO_DEFAULTS.reconcileIntervalMs}
  --help                this text
`;

export interface CliOptions {
  server: Omit<DemoServerOptions, 'logger' | 'page'> & { port: number };
  /** True when --port was given: then a busy port is an error, not a reason to take another. */
  portGiven: boolean;
  /** --prod: a production build of the page rather than Vite's dev server. */
  prod: boolean;
  help: boolean;
}

/** The options of `argv` (without node and the script); throws a RangeError naming the wrong flag. */
export function parseCli(argv: readonly string[]): CliOptions {
  let values: ReturnType<typeof parse>['values'];
  try {
    ({ values } = parse(argv));
  } catch (error) {
    throw new RangeError(error instanceof Error ? error.message : String(error));
  }
  const integer = (flag: string, text: string | undefined, min: number, max: number): number | undefined => {
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new RangeError(`--${flag} must be a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`);
    }
    return n;
  };
  const rate = values.rate === undefined ? undefined : Number(values.rate);
  if (rate !== undefined && !(Number.isFinite(rate) && rate >= 0 && rate <= MAX_EVENTS_PER_SECOND)) {
    throw new RangeError(
      `--rate must be a number from 0 to ${MAX_EVENTS_PER_SECOND}, got ${JSON.stringify(values.rate)}`,
    );
  }
  const optional = <K extends string, V>(key: K, value: V | undefined) =>
    (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;
  return {
    help: values.help === true,
    prod: values.prod === true,
    portGiven: values.port !== undefined,
    server: {
      dataDir: values.data ?? DEFAULT_DATA_DIR,
      reset: values.reset === true,
      port: integer('port', values.port, 0, 65_535) ?? DEFAULT_PORT,
      ...optional('host', values.host),
      ...optional('eventsPerSecond', rate),
      ...optional('seed', integer('seed', values.seed, 0, 2 ** 32 - 1)),
      ...optional('workspacesPerProject', integer('workspaces', values.workspaces, 0, 100_000)),
      ...optional('largeProjectWorkspaces', integer('large', values.large, 0, 100_000)),
      ...optional('reconcileIntervalMs', integer('reconcile-ms', values['reconcile-ms'], 1, 86_400_000)),
    },
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    // `pnpm start -- --port 1` passes the `--` on (pnpm forwards every argument): it separates nothing here.
    args: argv[0] === '--' ? argv.slice(1) : [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      data: { type: 'string' },
      reset: { type: 'boolean' },
      port: { type: 'string' },
      host: { type: 'string' },
      rate: { type: 'string' },
      seed: { type: 'string' },
      workspaces: { type: 'string' },
      large: { type: 'string' },
      'reconcile-ms': { type: 'string' },
      prod: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
}

/**
 * The command line of a demo entry point, or the process ends: with the error and the usage and exit code 2 on a bad
 * flag, or after printing `usage` (exit code 0) on `--help`.
 */
export function cliOrExit(argv: readonly string[], usage = USAGE): ReturnType<typeof parseCli> {
  let cli: ReturnType<typeof parseCli>;
  try {
    cli = parseCli(argv);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    process.exit(2);
  }
  if (cli.help) {
    console.log(usage);
    process.exit(0);
  }
  return cli;
}

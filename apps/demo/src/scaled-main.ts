// `pnpm demo:scaled`: the demo as three instances on one Redis (scaled.ts), in one process. Prints the three URLs;
// Ctrl-C (or SIGTERM) closes the instances, their Redis connections and the redis-server, and the process ends on its
// own. Takes `pnpm start`'s flags; `--port` is the first instance's.
import { cliOrExit, USAGE } from './cli.js';
import { type ScaledDemo, startScaledDemo } from './scaled.js';
import { stopOnSignals } from './stop-on-signals.js';

const cli = cliOrExit(
  process.argv.slice(2),
  USAGE.replace(/^Usage: .*$/m, 'Usage: pnpm demo:scaled [options]   (the same flags; --prod does not apply)'),
);

const options = { ...cli.server, port: cli.portGiven ? cli.server.port : 0 };
console.log(`data folder: ${options.dataDir}${options.reset ? ' (reset)' : ''}`);
let demo: ScaledDemo;
try {
  demo = await startScaledDemo(options);
} catch (error) {
  console.error(`the scaled demo could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
console.log(`redis-server on ${demo.redis.url}`);
for (const [i, instance] of demo.instances.entries()) {
  const role = i === 0 ? ' (runs the simulation)' : '';
  console.log(`instance ${i + 1} listening on ${instance.url}${role}`);
}
console.log(`  snapshots: <instance>/snapshots?projectId=<id>&protocol=2 (each hello names its instance: host:port)`);

stopOnSignals(() => demo.close());

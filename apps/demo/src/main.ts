// `pnpm demo`: the demo server as one process. It prints its URL; Ctrl-C (or SIGTERM) closes the endpoint, the
// service, the simulation, git and the database, and the process then ends on its own.
import { parseCli, USAGE } from './cli.js';
import { type DemoServer, startDemoServer } from './demo-server.js';

let cli: ReturnType<typeof parseCli>;
try {
  cli = parseCli(process.argv.slice(2));
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  process.exit(2);
}
if (cli.help) {
  console.log(USAGE);
  process.exit(0);
}

const { server: options } = cli;
console.log(`data folder: ${options.dataDir}${options.reset ? ' (reset)' : ''}`);
// The default port may be taken (another demo running?): any free one will do. A port asked for is not replaced.
let server: DemoServer;
try {
  server = await startDemoServer({ ...options, portFallback: !cli.portGiven });
} catch (error) {
  const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
  console.error(`the demo could not start: ${error instanceof Error ? error.message : String(error)}`);
  if (busy) console.error(`port ${options.port} is taken: choose another with --port, or --port 0 for any free one`);
  process.exit(1);
}
if (server.startup.portWasBusy) console.log(`port ${options.port} is in use; took a free port`);

const { seededWorkspaces, seedMs, readyMs } = server.startup;
if (seededWorkspaces > 0) console.log(`seeded ${seededWorkspaces} workspaces in ${Math.round(seedMs)} ms`);
console.log(`ready in ${Math.round(readyMs)} ms`);
console.log(`Livesnap demo listening on ${server.url}`);
console.log(`  snapshots: ${server.snapshotsUrl}?projectId=<id>&protocol=1   API: ${server.url}/api/projects`);
const gitStarted = performance.now();
void server.gitSeeded.then(() => {
  console.log(`git: seeded worktrees ready after ${Math.round(performance.now() - gitStarted)} ms`);
});

const stop = async () => {
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  console.log('stopping…');
  await server.close();
  console.log('stopped');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

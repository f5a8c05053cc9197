// `pnpm start` (or `pnpm demo`): the demo as one process, its web page included (Vite's dev server, or with --prod a
// production build). It prints its URL; Ctrl-C (or SIGTERM) closes the endpoint, the service, the simulation, git,
// the page and the database, and the process then ends on its own.
import { cliOrExit } from './cli.js';
import { type DemoServer, startDemoServer } from './demo-server.js';
import { devPage } from './dev-page.js';
import type { PageFactory } from './http-routes.js';
import { staticPage } from './static-page.js';
import { stopOnSignals } from './stop-on-signals.js';
import { ensureWebBuild } from './web-build.js';

const cli = cliOrExit(process.argv.slice(2));

const { server: options } = cli;
console.log(`data folder: ${options.dataDir}${options.reset ? ' (reset)' : ''}`);

let page: PageFactory;
if (cli.prod) {
  try {
    const build = await ensureWebBuild({ onBuildStart: () => console.log('building the page (vite build)…') });
    console.log(`page: production build ${build.dir}${build.built ? ` (built in ${Math.round(build.ms)} ms)` : ''}`);
    const plugin = await staticPage(build.dir);
    page = () => plugin;
  } catch (error) {
    console.error(`the page could not be built: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
} else {
  console.log('page: Vite dev server with HMR (--prod serves a production build)');
  page = devPage();
}

// The default port may be taken (another demo running?): any free one will do. A port asked for is not replaced.
let server: DemoServer;
try {
  server = await startDemoServer({ ...options, page, portFallback: !cli.portGiven });
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
console.log(`  open ${server.url}/ in a browser (${server.url}/?mode=poll: the same page on the old polling)`);
console.log(`  snapshots: ${server.snapshotsUrl}?projectId=<id>&protocol=2   API: ${server.url}/api/projects`);
const gitStarted = performance.now();
void server.gitSeeded.then(() => {
  console.log(`git: seeded worktrees ready after ${Math.round(performance.now() - gitStarted)} ms`);
});

stopOnSignals(() => server.close());

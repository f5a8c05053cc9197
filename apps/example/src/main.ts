// `pnpm example`: the example server and a terminal client of it, in one process. Ctrl-C closes both, and the process
// then ends on its own: nothing is left running.
import { startExampleServer } from './server.js';
import { startTerminalClient } from './terminal-client.js';

const eventsPerSecond = Number(process.env.EVENTS_PER_SECOND ?? 2);
const server = await startExampleServer({
  port: Number.parseInt(process.env.PORT ?? '4455', 10),
  eventsPerSecond,
}).catch((error: NodeJS.ErrnoException) => {
  // The default port is taken (another example running?): any free one will do. A port asked for is not replaced.
  if (error.code !== 'EADDRINUSE' || process.env.PORT !== undefined) throw error;
  console.log('port 4455 is in use; taking a free port');
  return startExampleServer({ port: 0, eventsPerSecond });
});
console.log(`Livesnap example server listening on ${server.url}?projectId=demo&protocol=2`);

console.log(
  `terminal client on ${globalThis.WebSocket ? "Node's built-in WebSocket" : 'ws'} (Node ${process.version})`,
);
const client = startTerminalClient(server.url, 'demo', process.stdout);
const stop = async () => {
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  client.close();
  await server.close();
  console.log('stopped');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

// `pnpm start`: the example server and a terminal client of it, in one process.
import { startExampleServer } from './server.js';
import { startTerminalClient } from './terminal-client.js';

const port = Number.parseInt(process.env.PORT ?? '4455', 10);
const server = await startExampleServer({ port, eventsPerSecond: Number(process.env.EVENTS_PER_SECOND ?? 2) });
console.log(`Livesnap example server listening on ${server.url}?projectId=demo&protocol=1`);

const client = startTerminalClient(server.url, 'demo', process.stdout);
const stop = async () => {
  client.close();
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

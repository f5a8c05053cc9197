// Row 1, latency: from `invalidate()` to the change applied in every client, for 1, 100 and 1,000 clients; p50, p99
// and max over the changes. Livesnap's clients are real `@livesnap/client` instances up to 100 and lightweight
// receivers (parse, validate, seq check) beyond; the floor is raw `ws` sending the very same bytes to as many raw
// receivers (parse), and socket.io 4 emitting the same payloads to a room is shown beside them. One change at a time:
// the next is made once every client has the last, so the figures are the path's latency, not a queue's.
import { type ClientKind, connectClients } from './clients.js';
import { type FloorServer, startRawServer, startSocketIoServer } from './floor-servers.js';
import { startLivesnapServer } from './livesnap-server.js';
import type { BenchGroup, BenchOptions, Chart, GroupResult, Row } from './row.js';
import { type Distribution, distribution, instant } from './stats.js';

const WORKSPACES = 50;
const WARM_UP = 5;

type System = 'livesnap' | 'raw' | 'socketio';

/** Latencies in ms of `changes` changes made one at a time by `trigger(j)`, after `WARM_UP` uncounted ones. */
async function measure(
  kind: ClientKind,
  url: string,
  clients: number,
  changes: number,
  trigger: (j: number) => void,
): Promise<{ latencies: number[]; protocol: number | null }> {
  const receivers = await connectClients(kind, url, clients);
  const latencies: number[] = [];
  for (let j = 1; j <= WARM_UP + changes; j++) {
    const started = instant();
    trigger(j);
    const at = await receivers.expect(j);
    if (j > WARM_UP) latencies.push(at - started);
  }
  await receivers.close();
  return { latencies, protocol: receivers.protocol };
}

async function run({ quick }: BenchOptions): Promise<GroupResult> {
  const counts = quick ? [1, 10, 50] : [1, 100, 1000];
  const changes = quick ? 10 : 60;
  const livesnap = await startLivesnapServer(WORKSPACES);
  const hello = await livesnap.hello();
  const floors: Record<Exclude<System, 'livesnap'>, FloorServer> = {
    raw: await startRawServer(hello),
    socketio: await startSocketIoServer(hello),
  };
  const results: Record<System, Distribution[]> = { livesnap: [], raw: [], socketio: [] };
  const rows: Row[] = [];
  let changed = 0;
  for (const clients of counts) {
    const kind: ClientKind = clients <= 100 ? 'client' : 'light';
    const sent = livesnap.frames.length;
    const ours = await measure(kind, livesnap.url, clients, changes, () => livesnap.change(changed++));
    // The floors send the frames Livesnap just sent, in the same order.
    const frames = livesnap.frames.slice(sent);
    const payloads = frames.map((frame) => JSON.parse(frame.toString()) as unknown);
    const send = (floor: FloorServer) => (j: number) => floor.broadcast(frames[j - 1]!, payloads[j - 1]);
    const raw = await measure('raw', floors.raw.url, clients, changes, send(floors.raw));
    const socketio = await measure('socketio', floors.socketio.url, clients, changes, send(floors.socketio));
    const [l, r] = [distribution(ours.latencies), distribution(raw.latencies)];
    results.livesnap.push(l);
    results.raw.push(r);
    results.socketio.push(distribution(socketio.latencies));
    const who =
      kind === 'client'
        ? `${clients} real @livesnap/client${clients > 1 ? 's' : ''}`
        : `${clients} lightweight receivers (parse, validate, seq check)`;
    const baselineName = `raw ws, the same bytes to ${clients} raw receiver${clients > 1 ? 's' : ''}`;
    const row = (stat: 'p50' | 'p99' | 'max', limit?: number): Row => ({
      name: `latency ${stat}: invalidate() → applied by ${who} (protocol v${ours.protocol})`,
      livesnap: l[stat],
      unit: 'ms',
      baselineName,
      baseline: r[stat],
      ...(limit === undefined ? {} : { target: { text: `≤ ${limit}× the floor`, met: l[stat] <= limit * r[stat] } }),
    });
    rows.push(row('p50', 1.5), row('p99', 2), row('max'));
  }
  await livesnap.close();
  await floors.raw.close();
  await floors.socketio.close();

  const categories = counts.map((c) => `${c} client${c > 1 ? 's' : ''}`);
  const names: Record<System, string> = { livesnap: 'Livesnap', raw: 'raw ws (floor)', socketio: 'socket.io 4' };
  const chart = (stat: 'p50' | 'p99'): Chart => ({
    file: `latency-${stat}`,
    title: `Latency ${stat}: invalidate() → applied in every client`,
    unit: 'ms',
    categories,
    series: (['livesnap', 'raw', 'socketio'] as const).map((s) => ({
      name: names[s],
      values: results[s].map((d) => d[stat]),
    })),
  });
  return {
    rows,
    charts: [chart('p50'), chart('p99')],
    details: { workspaces: WORKSPACES, changes, counts, ...results },
  };
}

export const latencyGroup: BenchGroup = {
  id: 'latency',
  title: 'Latency',
  measures: `From \`invalidate()\` on the server to the change applied in every client (the instant the last client has it), one change at a time in a project of ${WORKSPACES} workspaces, after ${WARM_UP} uncounted changes. Livesnap's clients are real \`@livesnap/client\` instances (in a child process) up to 100 clients, and lightweight receivers that parse, validate with the protocol's schemas and check the seq of every frame at 1,000 (the row says which). The floor is raw \`ws\` sending the very frames Livesnap sent to as many receivers that parse them; socket.io 4 (server and socket.io-client on its WebSocket transport) emitting the same payloads to a room is in the charts and results.json.`,
  run,
};

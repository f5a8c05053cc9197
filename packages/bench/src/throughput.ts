// Row 2, fan-out throughput: changes per second delivered to every one of 1,000 clients of a 5,000-workspace project,
// when more are offered than the server can send. Livesnap (invalidate → recompute → commit → one serialization →
// send) against raw `ws` broadcasting the very frames Livesnap sent (the floor) and socket.io 4 emitting the same
// payloads to a room. The receivers (in one child process) count messages; Livesnap's and the floor's parse nothing,
// socket.io-client parses what it receives (it cannot do otherwise).
import { type ClientKind, connectClients } from './clients.js';
import { type FloorServer, startRawServer, startSocketIoServer } from './floor-servers.js';
import { startLivesnapServer } from './livesnap-server.js';
import type { BenchGroup, BenchOptions, GroupResult } from './row.js';
import { instant, median } from './stats.js';

/** Changes a second: `changes` made by `burst()` at once, until every client has the last. */
async function deliveredPerSecond(
  kind: ClientKind,
  url: string,
  clients: number,
  rounds: number,
  changes: number,
  burst: (round: number) => void,
): Promise<number[]> {
  const receivers = await connectClients(kind, url, clients);
  const rates: number[] = [];
  // Round 0 warms the path up and is not counted.
  for (let round = 0; round <= rounds; round++) {
    const started = instant();
    burst(round);
    const at = await receivers.expect((round + 1) * changes);
    if (round > 0) rates.push((changes / (at - started)) * 1000);
  }
  await receivers.close();
  return rates;
}

async function run({ quick, repeats }: BenchOptions): Promise<GroupResult> {
  const workspaces = quick ? 500 : 5000;
  const clients = quick ? 50 : 1000;
  const changes = quick ? 50 : 60;
  const livesnap = await startLivesnapServer(workspaces);
  // The clients resume, so that 1,000 full hellos of the project do not dominate the run: this row is the stream's.
  const resumeUrl = await livesnap.resumeUrl();
  // Where each round's frames start in `livesnap.frames` (the last round's end is pushed after it).
  const boundaries: number[] = [];
  const ours = await deliveredPerSecond('count', resumeUrl, clients, repeats, changes, (round) => {
    boundaries.push(livesnap.frames.length);
    for (let i = 0; i < changes; i++) livesnap.change(round * changes + i);
  });
  boundaries.push(livesnap.frames.length);
  // The floors send what Livesnap sent: `changes` messages a round, in frames as Livesnap framed them.
  const frames = [...livesnap.frames];
  const payloads = frames.map((frame) => JSON.parse(frame.toString()) as unknown);
  await livesnap.close();
  // What the resumed clients were greeted with; the floors greet as briefly.
  const hello = Buffer.from('{"type":"hello","resumed":true}');
  const replay = (floor: FloorServer) => (round: number) => {
    for (let j = boundaries[round]!; j < boundaries[round + 1]!; j++) floor.broadcast(frames[j]!, payloads[j]);
  };
  const raw = await startRawServer(hello);
  const floor = await deliveredPerSecond('count', raw.url, clients, repeats, changes, replay(raw));
  await raw.close();
  const io = await startSocketIoServer(hello);
  const socketio = await deliveredPerSecond('socketio', io.url, clients, repeats, changes, replay(io));
  await io.close();
  const [l, r, s] = [median(ours), median(floor), median(socketio)];
  const what = `changes/s delivered to every one of ${clients} clients of a ${workspaces}-workspace project`;
  return {
    rows: [
      {
        name: what,
        livesnap: l,
        unit: '/s',
        baselineName: 'raw ws broadcasting the same frames (the floor)',
        baseline: r,
        target: { text: '≥ 70 % of raw ws', met: l >= 0.7 * r },
      },
      {
        name: what,
        livesnap: l,
        unit: '/s',
        baselineName: 'socket.io 4 emitting the same payloads to a room',
        baseline: s,
        target: { text: 'above socket.io', met: l > s },
      },
    ],
    charts: [
      {
        file: 'throughput',
        title: `Fan-out: changes/s delivered to ${clients} clients`,
        unit: 'changes/s',
        categories: [`${clients} clients, ${workspaces} workspaces`],
        series: [
          { name: 'Livesnap', values: [l] },
          { name: 'raw ws (floor)', values: [r] },
          { name: 'socket.io 4', values: [s] },
        ],
      },
    ],
    details: {
      workspaces,
      clients,
      changesPerRound: changes,
      frames: frames.length,
      livesnap: ours,
      raw: floor,
      socketio,
    },
  };
}

export const throughputGroup: BenchGroup = {
  id: 'throughput',
  title: 'Fan-out throughput',
  measures:
    "Changes per second delivered to every one of 1,000 clients of a 5,000-workspace project, when more are offered than the server can send: a burst of 60 changes of distinct workspaces (`invalidate()` for Livesnap: recompute, commit, one serialization, send), timed until the last client has the last; the median of 3 bursts after a warm-up burst, on connections opened once (Livesnap's clients resume from the project's state, so their hellos hold no snapshots, and the floors greet as briefly). A client that fell behind would have been closed (4409, past `maxBufferedBytes`) and the burst would never complete. The floor is raw `ws` broadcasting the very frames Livesnap sent; socket.io 4 (its WebSocket transport) emits the same payloads to a room, and its clients parse them, as socket.io-client must. All receivers run in one child process, which shares the machine's two cores with the server.",
  run,
};

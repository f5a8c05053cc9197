// `pnpm bench`: Livesnap's hot paths, each against a baseline measured in the same run, written to BENCHMARKS.md.
// Loopback only; receiving clients live in a child process (receivers.ts) so that this process measures the server.
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, totalmem } from 'node:os';
import type { FullHelloMessage, WorkspaceFacts } from '@livesnap/protocol';
import { makeFacts } from '@livesnap/protocol/testing';
import { attachSnapshotEndpoint, createSnapshotService, type SnapshotSource, snapshotFeedOf } from '@livesnap/server';
import { WebSocketServer } from 'ws';
import { clientStateRows } from './client-state.js';
import { oneFactRows } from './one-fact-changes.js';
import { reactRenderRows } from './react-renders.js';
import { redisRows } from './redis.js';
import { warmStartRows } from './warm-start.js';

const quick = process.argv.includes('--quick');
const WORKSPACES = quick ? 500 : 5000;
const CLIENTS = quick ? 20 : 200;
const UPDATES = quick ? 100 : 1000;
const REPEATS = quick ? 1 : 3;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

interface Row {
  name: string;
  livesnap: number;
  baselineName: string;
  baseline: number;
  unit: string;
}

function workspaces(count: number): WorkspaceFacts[] {
  return Array.from({ length: count }, (_, i) =>
    makeFacts({
      workspaceId: `w${i}`,
      projectId: 'p1',
      name: `Workspace ${i}`,
      createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    }),
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The child process of receivers, and a way to wait for its reports. */
function startReceivers() {
  const child: ChildProcess = fork(new URL('./receivers.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'] });
  const ask = (command: object, answer: string) =>
    new Promise<void>((resolve, reject) => {
      const onMessage = (message: { type: string; message?: string }) => {
        if (message.type === 'error') reject(new Error(message.message));
        if (message.type !== answer) return;
        child.off('message', onMessage);
        resolve();
      };
      child.on('message', onMessage);
      child.send(command);
    });
  return { ask, stop: () => child.kill() };
}

async function listen(server: ReturnType<typeof createServer>): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Livesnap's server on an in-memory source, or raw `ws` sending the same bytes. */
async function livesnapServer(facts: WorkspaceFacts[]) {
  const held = new Map(facts.map((f) => [f.workspaceId, f]));
  const source: SnapshotSource = {
    loadProject: async (projectId) => (projectId === 'p1' ? [...held.values()] : null),
    loadWorkspace: async (workspaceId) => held.get(workspaceId) ?? null,
  };
  const service = createSnapshotService({ source, logger: quiet });
  const http = createServer();
  const endpoint = attachSnapshotEndpoint(http, service, { logger: quiet });
  // Version 1: the baseline broadcasts whole upserts, so both send the same bytes (one-fact-changes.ts compares versions).
  const url = `${await listen(http)}/snapshots?projectId=p1&protocol=1`;
  const feed = snapshotFeedOf(service);
  const subscription = await feed.subscribe('p1');
  return {
    url,
    change(i: number) {
      const f = held.get(`w${i % facts.length}`)!;
      held.set(f.workspaceId, { ...f, name: `${f.name}'`, lastActivityAt: new Date().toISOString() });
      service.invalidate(f.workspaceId);
    },
    async hello(): Promise<Buffer> {
      const state = (await feed.state('p1'))!;
      const hello: FullHelloMessage = {
        type: 'hello',
        protocol: 1,
        projectId: 'p1',
        epoch: state.epoch,
        seq: state.seq,
        resumed: false,
        snapshots: [...state.snapshots],
      };
      return Buffer.from(JSON.stringify(hello));
    },
    async close() {
      subscription?.release();
      await endpoint.close();
      await service.stop();
      http.close();
    },
  };
}

async function rawServer(hello: Buffer) {
  const http = createServer();
  const wss = new WebSocketServer({ server: http });
  wss.on('connection', (socket) => socket.send(hello, { binary: false }));
  const url = await listen(http);
  return {
    url,
    broadcast(frame: Buffer) {
      for (const socket of wss.clients) socket.send(frame, { binary: false });
    },
    async close() {
      for (const socket of wss.clients) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.close();
    },
  };
}

async function fanOut(): Promise<Row[]> {
  const facts = workspaces(WORKSPACES);
  const receivers = startReceivers();
  const livesnap = await livesnapServer(facts);
  const raw = await rawServer(await livesnap.hello());
  const frames = Array.from({ length: UPDATES }, (_, i) =>
    Buffer.from(
      JSON.stringify({ type: 'upsert', seq: i + 1, snapshot: { ...facts[i % facts.length], version: i + 1 } }),
    ),
  );
  const hello = { livesnap: [] as number[], raw: [] as number[] };
  const stream = { livesnap: [] as number[], raw: [] as number[] };
  // Round 0 warms both paths up (JIT, the project's first load, the hello's serialization) and is not counted.
  for (let repeat = 0; repeat <= REPEATS; repeat++) {
    for (const kind of ['livesnap', 'raw'] as const) {
      let started = performance.now();
      await receivers.ask(
        { type: 'connect', url: kind === 'livesnap' ? livesnap.url : raw.url, clients: CLIENTS },
        'greeted',
      );
      if (repeat > 0) hello[kind].push(performance.now() - started);
      started = performance.now();
      const done = receivers.ask({ type: 'expect', messages: UPDATES }, 'done');
      if (kind === 'livesnap') for (let i = 0; i < UPDATES; i++) livesnap.change(i);
      else for (const frame of frames) raw.broadcast(frame);
      await done;
      if (repeat > 0) stream[kind].push(performance.now() - started);
      await receivers.ask({ type: 'close' }, 'closed');
    }
  }
  receivers.stop();
  await livesnap.close();
  await raw.close();
  return [
    {
      name: `full hello of ${WORKSPACES} workspaces to ${CLIENTS} clients`,
      livesnap: median(hello.livesnap),
      baselineName: 'raw ws sending the same bytes',
      baseline: median(hello.raw),
      unit: 'ms',
    },
    {
      name: `${UPDATES} changes (invalidate → recompute → frame) to ${CLIENTS} clients`,
      livesnap: median(stream.livesnap),
      baselineName: 'raw ws broadcasting the same number of upsert frames',
      baseline: median(stream.raw),
      unit: 'ms',
    },
  ];
}

const rows = [
  ...(await fanOut()),
  ...(await oneFactRows({ quick, repeats: REPEATS })),
  ...(await clientStateRows({ quick, repeats: REPEATS })),
  ...(await reactRenderRows({ cards: WORKSPACES, repeats: REPEATS, upserts: quick ? 20 : 200 })),
  ...(await redisRows(quick)),
  ...(await warmStartRows({ quick, repeats: REPEATS })),
];
/** `1.22×`; below 0.1 as a fraction, `1/87`, which two decimals would round away. */
const ratio = (value: number) => (value < 0.1 ? `1/${Math.round(1 / value)}` : `${value.toFixed(2)}×`);
const date = new Date().toISOString().slice(0, 10);
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const table = [
  '| benchmark | Livesnap | baseline (same run) | baseline | ratio |',
  '| --- | ---: | --- | ---: | ---: |',
  ...rows.map(
    (r) =>
      `| ${r.name} | ${r.livesnap.toFixed(0)} ${r.unit} | ${r.baselineName} | ${r.baseline.toFixed(0)} ${r.unit} | ${ratio(r.livesnap / r.baseline)} |`,
  ),
];
console.log(table.join('\n'));
if (!quick) {
  // Only the part between the markers is the benchmark's: the notes and history around it are kept.
  const file = new URL('../../../BENCHMARKS.md', import.meta.url);
  const results = `<!-- results: written by pnpm bench -->
Produced by \`pnpm bench\` (median of ${REPEATS} repeats, after a warm-up round) on ${date}, ${machine}.

${table.join('\n')}
<!-- /results -->`;
  const previous = existsSync(file)
    ? readFileSync(file, 'utf8')
    : '# Benchmarks\n\n<!-- results --><!-- /results -->\n';
  writeFileSync(
    file,
    previous.replace(/<!-- results[\s\S]*<!-- \/results -->/, () => results),
  );
  console.log('wrote BENCHMARKS.md');
}

// Row 4, against polling: the demo server (SQLite and real git) with a project of 50 workspaces and one visible change
// a second, watched by one client for a while, first pushed (a real `@livesnap/client`), then polled as the old app did
// (`/api/poll/sidebar` every 2 s, `/api/poll/board` every 15 s, each computed from SQLite and git per request). Per
// minute: payload bytes per client, the server's CPU time, database queries and git commands on each path; staleness
// from a change to the client's state.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DemoServer, startDemoServer } from '@livesnap/demo';
import { startChild } from './child.js';
import { quiet } from './livesnap-server.js';
import type { BenchGroup, BenchOptions, GroupResult, Row } from './row.js';
import { cpuMs, distribution, instant } from './stats.js';

const PROJECT = 'acme-web';
const WORKSPACES = 50;
const SIDEBAR_MS = 2_000;
const BOARD_MS = 15_000;

interface Phase {
  bytesPerMinute: number;
  cpuMsPerMinute: number;
  queriesPerMinute: number;
  gitPerMinute: number;
  staleness: { mean: number; p99: number; max: number; samples: number };
  unseen: number;
  helloBytes: number | null;
  protocol: number | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One client of `mode` for `durationMs`, with a change a second to the project's workspaces (made by this process). */
async function phase(demo: DemoServer, mode: 'push' | 'poll', durationMs: number, ids: string[]): Promise<Phase> {
  const child = startChild(new URL('./polling.worker.ts', import.meta.url));
  const command =
    mode === 'push'
      ? { type: 'push', url: demo.snapshotsUrl, projectId: PROJECT }
      : { type: 'poll', url: demo.url, projectId: PROJECT, sidebarMs: SIDEBAR_MS, boardMs: BOARD_MS };
  const ready = await child.ask<{ helloBytes: number | null; protocol: number | null }>(command, 'ready');
  demo.metrics.reset();
  const cpuStarted = cpuMs();
  const started = instant();
  // A change a second, the last 3 s before the end so that the poller has read it (the board's 15 s aside).
  for (let k = 0; (k + 3) * 1000 <= durationMs; k++) {
    await sleep(Math.max(0, started + k * 1000 + 500 - instant()));
    const workspaceId = ids[k % ids.length]!;
    const name = `bench ${mode} change ${k}`;
    const at = instant();
    child.send({ type: 'changed', workspaceId, name, at });
    demo.db.updateWorkspace(workspaceId, { name }, 'write');
    demo.service.invalidate(workspaceId, { projectId: PROJECT });
  }
  await sleep(Math.max(0, started + durationMs - instant()));
  const elapsedMin = (instant() - started) / 60_000;
  const cpu = cpuMs() - cpuStarted;
  const metrics = demo.metrics.report();
  const result = await child.ask<{ bytes: number; staleness: number[]; unseen: number }>({ type: 'report' }, 'report');
  child.stop();
  const d = distribution(result.staleness);
  return {
    bytesPerMinute: result.bytes / elapsedMin,
    cpuMsPerMinute: cpu / elapsedMin,
    queriesPerMinute: metrics.dbQueries[mode] / elapsedMin,
    gitPerMinute: metrics.gitCommands[mode] / elapsedMin,
    staleness: { mean: d.mean, p99: d.p99, max: d.max, samples: d.samples },
    unseen: result.unseen,
    helloBytes: ready.helloBytes,
    protocol: ready.protocol,
  };
}

async function run({ quick }: BenchOptions): Promise<GroupResult> {
  const durationMs = quick ? 4_000 : 60_000;
  const dataDir = mkdtempSync(join(tmpdir(), 'livesnap-bench-demo-'));
  const demo = await startDemoServer({
    dataDir,
    logger: quiet,
    eventsPerSecond: 0,
    // --quick: a smaller seed, quicker to make; the rows only have to produce numbers.
    workspacesPerProject: quick ? 10 : WORKSPACES,
    largeProjectWorkspaces: quick ? 10 : WORKSPACES,
    seedWorktreesPerProject: quick ? 0 : 25,
  });
  try {
    await demo.gitSeeded;
    const ids = demo.db
      .workspacesOf(PROJECT, 'api')
      .filter((w) => w.status !== 'ARCHIVED')
      .map((w) => w.workspaceId);
    const push = await phase(demo, 'push', durationMs, ids);
    const poll = await phase(demo, 'poll', durationMs, ids);
    const per = `per minute, ${ids.length} workspaces shown, 1 change/s`;
    const baselineName = `polling (sidebar every ${SIDEBAR_MS / 1000} s, board every ${BOARD_MS / 1000} s)`;
    const row = (name: string, unit: string, pick: (p: Phase) => number): Row => ({
      name,
      livesnap: pick(push),
      unit,
      baselineName,
      baseline: pick(poll),
    });
    const rows: Row[] = [
      row(
        `bytes per client ${per} (protocol v${push.protocol}; the hello, ${push.helloBytes} B, apart)`,
        'B',
        (p) => p.bytesPerMinute,
      ),
      row(`server CPU time ${per}`, 'ms', (p) => p.cpuMsPerMinute),
      row(`database queries ${per}`, '', (p) => p.queriesPerMinute),
      row(`git commands ${per}`, '', (p) => p.gitPerMinute),
      row('staleness mean: change → visible in the client', 'ms', (p) => p.staleness.mean),
      {
        ...row('staleness p99: change → visible in the client', 'ms', (p) => p.staleness.p99),
        target: { text: 'p99 < 20 ms', met: push.staleness.p99 < 20 },
      },
    ];
    const chart = (file: string, title: string, unit: string, pick: (p: Phase) => number) => ({
      file,
      title,
      unit,
      categories: ['Livesnap (push)', 'polling'],
      series: [{ name: title, values: [pick(push), pick(poll)] }],
    });
    return {
      rows,
      charts: [
        chart('polling-bytes', 'Bytes per client per minute', 'bytes', (p) => p.bytesPerMinute),
        chart('polling-staleness', 'Staleness, mean: change → visible', 'ms', (p) => p.staleness.mean),
      ],
      details: { durationMs, workspaces: ids.length, push, poll },
    };
  } finally {
    await demo.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const pollingGroup: BenchGroup = {
  id: 'polling',
  title: 'Against polling',
  measures: `The demo server (\`startDemoServer\`: SQLite and real git, its simulation off) with a project of ${WORKSPACES} workspaces (25 of them with a git worktree) and one visible change a second (a rename written to SQLite, then \`invalidate()\`), watched by one client in a child process for 60 s: first a real \`@livesnap/client\` (push), then the old app's poller (\`/api/poll/sidebar\` every 2 s and \`/api/poll/board\` every 15 s, each computed from SQLite and git per request). Bytes are the payloads the client received (frames; response bodies), the push hello apart; CPU is the server process's (\`process.cpuUsage()\`); queries and git commands are the demo's \`/api/metrics\` counts on that path; staleness runs from the change to the client's state showing it (push) or a response showing it (poll). Changes stop 3 s before the end; one the poller had not yet seen counts in results.json's \`unseen\`.`,
  run,
};

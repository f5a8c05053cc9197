// Item 3 of RELIABILITY.md: peers that vanish without closing. A client process frozen with SIGSTOP, and a TCP proxy
// on loopback that stops forwarding, are terminated by the server within two heartbeat intervals; a server frozen
// with SIGSTOP is found dead by the client's heartbeat, and the client reconnects and converges once it thaws.
import { once } from 'node:events';
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { digestOfFacts } from '../src/digest.js';
import type { Reply } from '../src/ipc.js';
import { Database } from '../src/model.js';
import { startClients } from '../src/peers.js';
import { killChildren } from '../src/processes.js';
import { type ServerHandle, startServer } from '../src/server-handle.js';

const HEARTBEAT_MS = 1000;
/**
 * Two intervals is the design's worst case (a peer that stops just after answering a beat is pinged at the next and
 * terminated at the one after); timers fire a little late on a busy 2-core machine, and this is what the bound allows.
 */
const TIMER_SLACK_MS = 500;

let proxy: Server | null = null;
afterEach(async () => {
  proxy?.close();
  proxy = null;
  await killChildren();
});

/** The server's next report that it dropped a TCP connection (from `remotePort`, when given). */
function nextSocketClose(handle: ServerHandle, remotePort?: number): Promise<number> {
  return new Promise((resolve) => {
    handle.onEvent((event: Reply) => {
      if (event.type !== 'socket-closed') return;
      if (remotePort === undefined || event.remotePort === remotePort) resolve(event.at as number);
    });
  });
}

/** A loopback TCP proxy to `port` that can stop forwarding while keeping both connections open. */
async function startProxy(port: number) {
  const pairs: { downstream: Socket; upstream: Socket }[] = [];
  const server = createServer((downstream) => {
    const upstream = connect(port, '127.0.0.1');
    downstream.on('error', () => {});
    upstream.on('error', () => {});
    downstream.pipe(upstream);
    upstream.pipe(downstream);
    pairs.push({ downstream, upstream });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    server,
    port: (server.address() as AddressInfo).port,
    pairs,
    /** Nothing more crosses it either way; both TCP connections stay open. */
    stopForwarding() {
      for (const { downstream, upstream } of pairs) {
        downstream.unpipe(upstream);
        upstream.unpipe(downstream);
        downstream.pause();
        upstream.pause();
      }
    },
  };
}

describe('half-open connections', () => {
  it('a client process frozen with SIGSTOP is terminated by the server within two heartbeat intervals', async () => {
    const db = new Database(['half'], 5);
    const server = await startServer({ port: 0, endpoint: { heartbeatMs: HEARTBEAT_MS } }, db.facts.values());
    const clients = await startClients();
    await clients.connect(server.url, ['half']);
    const dropped = nextSocketClose(server);
    const stoppedAt = Date.now();
    clients.signal('SIGSTOP');
    const elapsed = (await dropped) - stoppedAt;
    console.log(`[chaos] half-open: a SIGSTOPped client was terminated ${elapsed} ms after it stopped`);
    expect(elapsed).toBeLessThanOrEqual(2 * HEARTBEAT_MS + TIMER_SLACK_MS);
    clients.signal('SIGCONT');
  });

  it('a loopback proxy that stops forwarding is terminated by the server within two heartbeat intervals', async () => {
    const db = new Database(['half'], 5);
    const server = await startServer({ port: 0, endpoint: { heartbeatMs: HEARTBEAT_MS } }, db.facts.values());
    const relay = await startProxy(server.port);
    proxy = relay.server;
    const ws = new WebSocket(`ws://127.0.0.1:${relay.port}/snapshots?projectId=half&protocol=1`);
    ws.on('error', () => {});
    await once(ws, 'message');
    const upstreamPort = relay.pairs[0]!.upstream.localPort;
    const dropped = nextSocketClose(server, upstreamPort);
    const stoppedAt = Date.now();
    relay.stopForwarding();
    const elapsed = (await dropped) - stoppedAt;
    console.log(`[chaos] half-open: a proxy that stopped forwarding was terminated ${elapsed} ms after it stopped`);
    expect(elapsed).toBeLessThanOrEqual(2 * HEARTBEAT_MS + TIMER_SLACK_MS);
    ws.terminate();
    for (const { downstream, upstream } of relay.pairs) {
      downstream.destroy();
      upstream.destroy();
    }
  });

  it('a server frozen with SIGSTOP is found dead by the clients’ heartbeat; they reconnect and converge once it thaws', async () => {
    const db = new Database(['frozen0', 'frozen1'], 10);
    const server = await startServer({ port: 0, service: { coalesceMs: 0 } }, db.facts.values());
    const clients = await startClients();
    const tuning = {
      heartbeat: { intervalMs: 300, timeoutMs: 300 },
      connectTimeoutMs: 1000,
      reconnect: { minDelayMs: 50, maxDelayMs: 500 },
    };
    await clients.connect(server.url, ['frozen0', 'frozen1', 'frozen0', 'frozen1'], tuning);
    server.signal('SIGSTOP');
    // Bounded: the heartbeat finds it within interval + timeout; 40 looks at 100 ms are 4 s.
    let reports = await clients.report();
    for (let look = 0; look < 40 && !reports.every((r) => r.errors.includes('heartbeat_timeout')); look += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      reports = await clients.report();
    }
    expect(reports.map((r) => r.errors.includes('heartbeat_timeout'))).toEqual([true, true, true, true]);
    expect(reports.every((r) => r.status !== 'open')).toBe(true);
    // Changed while it is frozen: the commands wait in its IPC channel, as a database's changes would.
    const ops = [db.change('frozen0-w1'), db.delete('frozen1-w2')];
    server.ops(ops);
    server.signal('SIGCONT');
    const targets = ['frozen0', 'frozen1'].map((projectId) => ({
      projectId,
      digest: digestOfFacts(db.project(projectId)),
    }));
    await clients.converged(targets);
    const served = await server.targets(['frozen0', 'frozen1']);
    for (const report of await clients.report()) {
      expect(report).toMatchObject({
        status: 'open',
        digest: served.find((t) => t.projectId === report.projectId)!.digest,
      });
    }
  });
});

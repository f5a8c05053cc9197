// `pnpm demo:scaled` as a real process: a redis-server of its own and three instances on the same SQLite file; a client
// of instance B sees a change made through instance A's HTTP API, each hello names its instance, and after SIGINT the
// process and its redis-server end on their own.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createConnection } from 'node:net';
import { createSnapshotClient } from '@livesnap/client';
import { waitForState } from '@livesnap/client/testing';
import { describe, expect, it, onTestFinished } from 'vitest';
import { WebSocket } from 'ws';
import { tempDir } from './temp-dir.js';

describe('pnpm demo:scaled', () => {
  it('starts Redis and three instances, serves one stream on all of them, and stops cleanly after SIGINT', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/scaled-main.ts',
        '--data',
        await tempDir(),
        '--workspaces',
        '4',
        '--large',
        '0',
        '--rate',
        '0',
      ],
      { cwd: `${import.meta.dirname}/..`, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    onTestFinished(async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    });
    const urls = await new Promise<string[]>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const found = [...output.matchAll(/instance \d listening on (http:\/\/127\.0\.0\.1:\d+)/g)].map((m) => m[1]!);
        if (found.length === 3) resolve(found);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', () => reject(new Error(`the scaled demo exited before listening:\n${output}`)));
    });
    const redisPort = Number(/redis-server on redis:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
    expect(redisPort).toBeGreaterThan(0);
    expect(new Set(urls).size).toBe(3);

    const [a, b] = urls as [string, string];
    const hellos: unknown[] = [];
    class Recording extends WebSocket {
      constructor(address: string) {
        super(address);
        this.on('message', (data) => hellos.push(JSON.parse(data.toString())));
      }
    }
    const client = createSnapshotClient({
      url: `${b.replace('http', 'ws')}/snapshots`,
      projectId: 'acme-web',
      WebSocket: Recording,
    });
    onTestFinished(() => client.close());
    const open = await waitForState(client.store, (s) => s.status === 'open');
    expect(hellos[0]).toMatchObject({ type: 'hello', instance: new URL(b).host });
    const workspaceId = [...open.workspaces.keys()][0]!;
    const response = await fetch(`${a}/api/workspaces/${workspaceId}/actions/archive`, { method: 'POST' });
    expect(response.status).toBe(200);
    const state = await waitForState(client.store, (s) => s.workspaces.get(workspaceId)?.status === 'ARCHIVED');
    expect(state.epoch).toBe(open.epoch);

    child.kill('SIGINT');
    const [code, signal] = await exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(output).toContain('stopped');
    // Its redis-server is gone with it.
    const probe = await new Promise<string>((resolve) => {
      const socket = createConnection({ port: redisPort, host: '127.0.0.1' });
      socket.once('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(probe).toBe('ECONNREFUSED');
  }, 30_000);
});

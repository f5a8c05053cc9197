// Platform-dependent: the client's default WebSocket is the platform's global one, in Node as in browsers. Node 22 and
// later have it; Node 20 has it behind --experimental-websocket. The test runs a child Node with that flag (harmless
// where the global is on by default), so it checks the same thing on every Node the suite runs on.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { makeFacts } from '@livesnap/protocol/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { RealSnapshotServer } from './real-server.js';

let server: RealSnapshotServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe("the platform's own WebSocket", () => {
  it(`connects with Node's built-in WebSocket when no WebSocket option is given (on Node ${process.versions.node})`, async () => {
    server = await RealSnapshotServer.start('p1', [makeFacts({ workspaceId: 'w1', projectId: 'p1', name: 'first' })]);
    const child = spawn(
      process.execPath,
      [
        '--experimental-websocket',
        '--import',
        'tsx',
        `${import.meta.dirname}/fixtures/global-websocket-client.ts`,
        server.url,
        'p1',
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const next = async () => JSON.parse((await lines.next()).value as string);

    expect(await next()).toEqual({ status: 'open', constructorName: 'WebSocket', names: ['first'] });
    server.put(makeFacts({ workspaceId: 'w1', projectId: 'p1', name: 'renamed' }));
    expect(await next()).toEqual({ status: 'open', constructorName: 'WebSocket', names: ['renamed'] });

    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.stdin!.end();
    expect(await exited).toBe(0);
  });
});

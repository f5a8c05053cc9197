// What `pnpm example` runs, as a real process: it serves, its terminal client goes live, and after SIGINT the process
// ends on its own (no timer, socket or listener left behind by the server, the service or the client).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it, onTestFinished } from 'vitest';

describe('pnpm example', () => {
  it(`shows the live table, on the platform's WebSocket where Node has one, and exits by itself after SIGINT (Node ${process.versions.node})`, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: `${import.meta.dirname}/..`,
      env: { ...process.env, PORT: '0', EVENTS_PER_SECOND: '20' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const live = new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        // A change applied after the hello: the stream is live.
        if (/connection open .* seq [1-9]/.test(output)) resolve();
      });
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    await Promise.race([live, exited]);
    expect(output).toMatch(/listening on ws:\/\/127\.0\.0\.1:\d+\/snapshots/);
    expect(output).toMatch(/connection open/);
    // Node 22 and later have a global WebSocket, and the client converges on it as a browser's would.
    const builtIn = Number(process.versions.node.split('.')[0]) >= 22;
    expect(output).toContain(`terminal client on ${builtIn ? "Node's built-in WebSocket" : 'ws'}`);
    child.kill('SIGINT');
    const [code, signal] = await exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(output).toContain('stopped');
  }, 20_000);
});

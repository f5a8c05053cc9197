// What `pnpm start` (and `pnpm demo`) runs, as a real process: it seeds a fresh data folder, prints its URL, serves
// the page (Vite's dev server, or with --prod a production build) and the API there, takes a free port when the
// default one is busy, and after SIGINT ends on its own (nothing left running). SIGTERM runs the same shutdown.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { type AddressInfo, createServer } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { DEFAULT_PORT } from '../src/cli.js';
import { tempDir } from './temp-dir.js';

/** The demo as a child process, with its output collected; killed after the test if still running. */
function startDemoProcess(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: `${import.meta.dirname}/..`,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listening = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (url) resolve(url);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', () => reject(new Error(`the demo exited before listening:\n${output}`)));
  });
  // A process that is meant to exit early never listens: that is not an unhandled failure.
  listening.catch(() => undefined);
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  onTestFinished(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await exited;
  });
  /** Resolves once the output contains `text`. */
  const printed = (text: string) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!output.includes(text)) return;
        child.stdout.off('data', check);
        resolve();
      };
      child.stdout.on('data', check);
      check();
    });
  return { child, listening, exited, printed, output: () => output };
}

describe('pnpm start', () => {
  it('seeds a fresh data folder, takes a free port when the default one is busy, serves, and stops cleanly on a repeated SIGINT', async () => {
    // Hold the default port (unless something else already does: then it is busy all the same).
    const holder = createServer();
    await new Promise<void>((resolve) => {
      holder.once('error', () => resolve());
      holder.listen(DEFAULT_PORT, '127.0.0.1', () => resolve());
    });
    onTestFinished(() => new Promise<void>((resolve) => holder.close(() => resolve())));
    const demo = startDemoProcess(['--data', await tempDir(), '--workspaces', '4', '--large', '10', '--rate', '20']);
    const url = await demo.listening;
    expect(demo.output()).toMatch(/seeded 22 workspaces in \d+ ms/);
    expect(demo.output()).toContain(`port ${DEFAULT_PORT} is in use; took a free port`);
    expect(new URL(url).port).not.toBe(String(DEFAULT_PORT));
    const projects = (await (await fetch(`${url}/api/projects`)).json()) as { id: string }[];
    expect(projects.map((p) => p.id)).toEqual(['acme-web', 'acme-api', 'design-system', 'monorepo']);
    // The page, from Vite's dev server: its entry is the TypeScript source, and Vite's client is injected.
    const html = await (await fetch(`${url}/?project=acme-web`)).text();
    expect(html).toContain('<div id="root"></div>');
    expect(html).toContain('/@vite/client');
    // Again while it stops, as under `pnpm start`, which passes the terminal's Ctrl-C on to the script that got it too.
    demo.child.kill('SIGINT');
    await demo.printed('stopping…');
    demo.child.kill('SIGINT');
    const [code, signal] = await demo.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(demo.output()).toContain('stopped');
  }, 20_000);

  it('--prod serves a production build of the page (built first when there is none of the current sources)', async () => {
    const demo = startDemoProcess([
      '--prod',
      '--port',
      '0',
      '--data',
      await tempDir(),
      '--workspaces',
      '1',
      '--large',
      '0',
    ]);
    const url = await demo.listening;
    expect(demo.output()).toMatch(/page: production build .*web-[0-9a-f]{16}/);
    const html = await (await fetch(`${url}/`)).text();
    const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)">/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${url}/missing.js`)).status).toBe(404);
    demo.child.kill('SIGTERM');
    const [code] = await demo.exited;
    expect(code).toBe(0);
  }, 60_000);

  it('fails with a clear message and exit code 1 when a port given with --port is busy', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => holder.close(() => resolve())));
    const { port } = holder.address() as AddressInfo;
    const demo = startDemoProcess([
      '--data',
      await tempDir(),
      '--port',
      String(port),
      '--workspaces',
      '1',
      '--large',
      '0',
    ]);
    const [code] = await demo.exited;
    expect(code).toBe(1);
    expect(demo.output()).toContain(`port ${port} is taken: choose another with --port`);
  }, 20_000);

  it('refuses a bad flag value with the usage text and exit code 2', async () => {
    const demo = startDemoProcess(['--rate', 'fast']);
    const [code] = await demo.exited;
    expect(code).toBe(2);
    expect(demo.output()).toMatch(/--rate must be a number from 0 to 200, got "fast"[\s\S]*Usage: pnpm start/);
  }, 20_000);
});

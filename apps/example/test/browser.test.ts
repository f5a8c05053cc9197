// The client in a real browser (Debian's Chromium driven by playwright-core), on the browser's own WebSocket, against
// the real server: the hello, a pushed change, a server going away (1001) and coming back (resume).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { launchChromium } from '@livesnap/demo/chromium';
import { attachSnapshotEndpoint, createSnapshotService, type SnapshotEndpoint } from '@livesnap/server';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySource } from '../src/memory-source.js';
import { newWorkspace } from '../src/simulation.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

let browser: Browser;
let http: Server;
let endpoint: SnapshotEndpoint;
const source = new MemorySource();
const service = createSnapshotService({ source, logger: quiet });

beforeAll(async () => {
  source.addProject('demo');
  for (let i = 0; i < 5; i++) source.put(newWorkspace('demo', new Date(Date.UTC(2026, 0, 1, 0, i))));
  const bundle = await build({
    entryPoints: [`${import.meta.dirname}/fixtures/browser-entry.ts`],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
  });
  const script = bundle.outputFiles[0]!.text;
  http = createServer((request, response) => {
    if (request.url === '/client.js') response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else if (request.url === '/') {
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><title>livesnap</title><script type="module" src="/client.js"></script>');
    } else response.writeHead(404).end();
  });
  endpoint = attachSnapshotEndpoint(http, service, { logger: quiet });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await endpoint?.close();
  await service.stop();
  await new Promise<void>((resolve) => http?.close(() => resolve()));
});

/**
 * Resolves once the page's client state `s` satisfies `predicate` (a function source evaluated in the page), with its
 * workspaces as a plain object by id.
 */
async function pageState<T>(page: Page, predicate: string): Promise<T> {
  const handle = await page.waitForFunction(
    `(() => {
      const s = window.livesnap?.state();
      return s && (${predicate}) ? { ...s, workspaces: Object.fromEntries(s.workspaces) } : null;
    })()`,
    undefined,
    { timeout: 10_000, polling: 'raf' },
  );
  return (await handle.jsonValue()) as T;
}

describe('the client in Chromium', () => {
  it('takes the hello, shows pushed changes, and resumes after the server went away', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`http://127.0.0.1:${(http.address() as AddressInfo).port}/`);

    const open = await pageState<{ workspaces: Record<string, unknown>; epoch: string }>(page, "s.status === 'open'");
    expect(Object.keys(open.workspaces).sort()).toEqual(
      source
        .list('demo')
        .map((w) => w.workspaceId)
        .sort(),
    );

    const [first] = source.list('demo');
    source.put({ ...first!, name: 'renamed in the database' });
    service.invalidate(first!.workspaceId);
    await pageState(page, `s.workspaces.get('${first!.workspaceId}')?.name === 'renamed in the database'`);

    // The server goes away (1001) and a new endpoint comes back on the same service: the page resumes.
    await endpoint.close();
    await pageState(page, "s.status === 'reconnecting'");
    endpoint = attachSnapshotEndpoint(http, service, { logger: quiet });
    const added = newWorkspace('demo', new Date(Date.UTC(2026, 0, 2)));
    source.put(added);
    service.invalidate(added.workspaceId);
    const back = await pageState<{ epoch: string; stats: { resumed: number; invalidFrames: number } }>(
      page,
      `s.status === 'open' && s.workspaces.has('${added.workspaceId}')`,
    );
    expect(back.epoch).toBe(open.epoch);
    expect(back.stats).toMatchObject({ resumed: 1, invalidFrames: 0 });
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);
});

// The demo's page from Vite's dev server in middleware mode, on the demo's own HTTP server: the page and its HMR socket
// are served there beside the snapshot endpoint, and React's development build lets the page count its renders: a
// change re-renders the changed card and sidebar row, not the lists around them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, startDemoServer } from '../src/demo-server.js';
import { devPage } from '../src/dev-page.js';
import { api, SMALL_DEMO } from './helpers.js';
import {
  browserForThisFile,
  cardOf,
  devtoolsPanel,
  expectedLists,
  recordPageErrors,
  rowOf,
  untilPageShows,
} from './page-helpers.js';

const newPage = browserForThisFile();
let server: DemoServer;
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'livesnap-dev-page-'));
  server = await startDemoServer({
    dataDir: join(folder, 'data'),
    ...SMALL_DEMO,
    // A dependency cache of its own, kept between runs (Vite checks it against the lockfile and the config): another
    // dev server (`pnpm start` in main.test.ts) may be optimizing the default one at the same time.
    page: devPage({
      cacheDir: join(import.meta.dirname, '..', 'node_modules', '.vite-web-dev-test'),
      logLevel: 'silent',
    }),
  });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await rm(folder, { recursive: true, force: true });
});

describe('the demo page (Vite dev server in middleware mode)', () => {
  it('serves the page, its devtools panel and its HMR socket on the demo server, and renders only what a change touched', async () => {
    const page = await newPage();
    const errors = recordPageErrors(page);
    // The first socket that is not /snapshots, once Vite's HMR server has greeted it (it does at once: listen from
    // the start).
    const hmr = new Promise<string>((resolve) => {
      page.on('websocket', (socket) => {
        if (new URL(socket.url()).pathname.startsWith('/snapshots')) return;
        socket.on('framereceived', (frame) => {
          if (JSON.parse(String(frame.payload)).type === 'connected') resolve(socket.url());
        });
      });
    });
    await page.goto(`${server.url}/?project=acme-web`);
    await untilPageShows(page, await expectedLists(server, 'acme-web'), 60_000);
    await page.locator('.connection[data-state="live"]').waitFor();
    await devtoolsPanel(page).getByRole('rowheader', { name: 'acme-web-1', exact: true }).waitFor();
    // Vite's HMR socket is on the same server: /snapshots took only its own upgrade.
    expect(new URL(await hmr).host).toBe(new URL(server.url).host);

    // A card that stays in its column (WAITING): the change re-renders that card and that row, nothing else.
    const id = 'acme-web-8';
    await page.locator(cardOf(id, 'WAITING')).waitFor();
    await page.evaluate(() => Object.assign(window, { __demoRenders: {} }));
    await api(server, 'POST', `/api/workspaces/${id}/actions/ask`);
    await page.locator(`${cardOf(id, 'WAITING')} [data-waits-for="plan_approval"]`).waitFor();
    await page.locator(`${rowOf(id)} [data-waits-for="plan_approval"]`).waitFor();
    const renders = await page.waitForFunction(() => {
      // web/components/render-probe.ts counts them in development builds.
      const counts = (window as { __demoRenders?: Record<string, number> }).__demoRenders ?? {};
      return counts.WorkspaceCard && counts.SidebarRow ? counts : null;
    });
    expect(await renders.jsonValue()).toEqual({ WorkspaceCard: 1, SidebarRow: 1 });
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});

// The demo's page in Chromium, on a production build served by the demo's own HTTP server: the seeded workspaces,
// changes pushed within a second with no request from the page, the buttons, a silent write found by reconciliation,
// a server restart survived without a reload, and the same page on the old polling.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSnapshot } from '@livesnap/protocol';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { DATABASE_FILE } from '../src/data-folder.js';
import { type DemoServer, type DemoServerOptions, startDemoServer } from '../src/demo-server.js';
import type { PagePlugin } from '../src/http-routes.js';
import { screenshotLivePage } from '../src/screenshot.js';
import { sqliteAddonPath } from '../src/sqlite-addon.js';
import { staticPage } from '../src/static-page.js';
import { ensureWebBuild } from '../src/web-build.js';
import { api, SMALL_DEMO } from './helpers.js';
import {
  browserForThisFile,
  cardOf,
  devtoolsPanel,
  expectedLists,
  recordPageErrors,
  recordRequests,
  rowOf,
  untilPageShows,
} from './page-helpers.js';

const newPage = browserForThisFile();
let plugin: PagePlugin;
let server: DemoServer;
const folders: string[] = [];

/** A small demo with the page, on a fresh data folder unless one is given. */
async function startDemo(options: Partial<DemoServerOptions> = {}): Promise<DemoServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'livesnap-page-')));
  folders.push(dataDir);
  return startDemoServer({ dataDir, ...SMALL_DEMO, page: () => plugin, ...options });
}

beforeAll(async () => {
  plugin = await staticPage((await ensureWebBuild()).dir);
  server = await startDemo();
}, 120_000);

afterAll(async () => {
  await server?.close();
  await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A new page (its own browser context) at `path` of `demo`, closed after the test; its errors fail the test. */
async function open(demo: DemoServer, path: string): Promise<Page> {
  const page = await newPage();
  const errors = recordPageErrors(page);
  onTestFinished(async () => {
    await page.close();
    expect(errors).toEqual([]);
  });
  await page.goto(`${demo.url}${path}`);
  // The devtools' code is a chunk loaded when the panel first renders: part of the page's load.
  await devtoolsPanel(page).waitFor();
  return page;
}

/** The column a workspace's card moves to once `patch` is applied to its facts (DOMAIN.md's rules). */
async function columnAfter(demo: DemoServer, workspaceId: string, patch: Record<string, unknown>) {
  const facts = (await demo.source.loadWorkspace(workspaceId))!;
  const metadata = { version: 0, computedAt: new Date(0).toISOString(), source: 'event' } as const;
  return buildSnapshot({ ...facts, ...patch }, metadata).kanbanColumn;
}

// A browser on a loaded 2-core machine: each test waits for events, and may wait longer than vitest's 5 s default.
describe('the demo page (production build)', { timeout: 60_000 }, () => {
  it('shows the seeded workspaces in the sidebar and on the board, in list order, live, and switches projects', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    expect(html).toMatch(/<script type="module" crossorigin src="\/assets\/[^"]+\.js">/);
    const page = await open(server, '/?project=acme-web');
    await untilPageShows(page, await expectedLists(server, 'acme-web'));
    await page.locator('.connection[data-state="live"]').waitFor();
    expect(await page.locator('.sidebar .row').count()).toBe(19);

    const artifact = join(tmpdir(), `livesnap-demo-page-${process.pid}.png`);
    await screenshotLivePage(page, artifact);
    console.log(`screenshot of the demo page: ${artifact}`);

    // Another project, without a reload: the switcher makes a new client of it.
    await page.getByLabel('Project').selectOption('design-system');
    await untilPageShows(page, await expectedLists(server, 'design-system'));
    expect(new URL(page.url()).searchParams.get('project')).toBe('design-system');
  });

  it('shows a change made through the HTTP API within 1 s, and the page makes no HTTP request after its load', async () => {
    const page = await open(server, '/?project=acme-api');
    await untilPageShows(page, await expectedLists(server, 'acme-api'));
    const requests = recordRequests(page);
    const id = 'acme-api-5'; // an agent at work: WORKING, until it asks for approval
    const column = await columnAfter(server, id, { isSessionWorking: false, pendingRequestType: 'plan_approval' });
    expect(column).toBe('WAITING');

    expect((await api(server, 'POST', `/api/workspaces/${id}/actions/ask`)).status).toBe(200);
    await page.locator(`${cardOf(id, 'WAITING')} [data-waits-for="plan_approval"]`).waitFor({ timeout: 1000 });
    await page.locator(`${rowOf(id)} [data-waits-for="plan_approval"]`).waitFor({ timeout: 1000 });
    expect(requests).toEqual([]);
  });

  it("runs a card's action with its button, shows the server's refusal, adds a workspace and sets the rate", async () => {
    const page = await open(server, '/?project=design-system');
    await untilPageShows(page, await expectedLists(server, 'design-system'));
    const requests = recordRequests(page);

    await page.locator(cardOf('design-system-8')).getByRole('button', { name: 'Archive' }).click();
    await page.locator(rowOf('design-system-8')).waitFor({ state: 'detached' });
    await page.locator(cardOf('design-system-8')).waitFor({ state: 'detached' });
    expect(requests).toEqual([`${server.url}/api/workspaces/design-system-8/actions/archive`]);

    // No pull request to merge: the server refuses (409) and the card says why.
    await page.locator(cardOf('design-system-9')).getByRole('button', { name: 'Merge' }).click();
    const refusal = page.locator(cardOf('design-system-9')).getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('it has no open pull request');

    const count = page.locator('.sidebar h2 .count');
    const before = Number(await count.textContent());
    await page.getByRole('button', { name: 'Add workspace' }).click();
    await page.locator('.sidebar h2 .count', { hasText: String(before + 1) }).waitFor();
    expect(server.db.workspacesOf('design-system', 'api')).toHaveLength(21);

    const rateSet = page.waitForResponse((response) => response.url().endsWith('/api/simulation'));
    await page.getByLabel('Simulation').selectOption('0.5');
    expect((await rateSet).status()).toBe(200);
    expect(server.simulation.state.eventsPerSecond).toBe(0.5);
    server.simulation.configure({ eventsPerSecond: 0 });
  });

  it('shows the devtools panel open by default, and remembers it closed or open across reloads', async () => {
    const page = await open(server, '/?project=acme-web');
    const panel = devtoolsPanel(page);
    // The connection: open, after a hello (an epoch), the demo naming no instance (only `pnpm demo:scaled` does).
    await panel
      .getByRole('status', { name: 'connection status' })
      .filter({ hasText: /^open$/ })
      .waitFor();
    const fact = (term: string) => panel.getByRole('term').filter({ hasText: term }).locator('+ dd');
    expect(await fact('epoch').textContent()).toMatch(/^[\w-]+$/);
    expect(await fact('instance').textContent()).toBe('not named');

    const toggle = page.getByRole('button', { name: 'Livesnap devtools' });
    await toggle.click();
    await panel.waitFor({ state: 'detached' });
    await page.reload();
    await untilPageShows(page, await expectedLists(server, 'acme-web'));
    await toggle.waitFor();
    expect(await panel.count()).toBe(0);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');

    await toggle.click();
    await page.reload();
    await panel.waitFor();
  });

  it('shows a silent database write after a forced reconciliation, as source reconciliation in the devtools', async () => {
    const page = await open(server, '/?project=acme-web');
    await untilPageShows(page, await expectedLists(server, 'acme-web'));
    const silent = page.locator(cardOf('acme-web-8'));
    const version = await silent.getAttribute('data-version');
    const row = devtoolsPanel(page)
      .getByRole('row')
      .filter({ has: page.getByRole('button', { name: 'acme-web-8', exact: true }) });
    expect(await row.getByRole('cell').nth(1).textContent()).not.toBe('reconciliation');

    const written = (await api(server, 'POST', '/api/workspaces/acme-web-8/silent-write')).body as { name: string };
    // A signalled change made after the silent one shows, and the silent one still has not.
    await api(server, 'POST', '/api/workspaces/acme-web-4/actions/ask');
    await page.locator(`${rowOf('acme-web-4')} [data-waits-for="plan_approval"]`).waitFor();
    expect(await silent.getAttribute('data-version')).toBe(version);

    expect((await api(server, 'POST', '/api/reconcile')).status).toBe(200);
    await page.locator(`${cardOf('acme-web-8')}[data-source="reconciliation"]`).waitFor();
    expect(await silent.locator('.name').textContent()).toBe(written.name);
    expect(Number(await silent.getAttribute('data-version'))).toBeGreaterThan(Number(version));

    // The devtools' workspace table, and the snapshot whole as JSON.
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('reconciliation');
    const reconciled = Number(await silent.getAttribute('data-version'));
    expect(Number(await row.getByRole('cell').nth(0).textContent())).toBe(reconciled);
    await row.getByRole('button', { name: 'acme-web-8', exact: true }).click();
    const json = devtoolsPanel(page).getByRole('region', { name: 'snapshot acme-web-8 as JSON' });
    expect(JSON.parse((await json.locator('pre').textContent()) ?? '')).toMatchObject({
      workspaceId: 'acme-web-8',
      name: written.name,
      source: 'reconciliation',
      version: reconciled,
    });
  });

  it('shows reconnecting while the server is down, and converges without a reload once it is back', async () => {
    let demo = await startDemo();
    const port = Number(new URL(demo.url).port);
    const dataDir = folders.at(-1)!;
    onTestFinished(() => demo.close());
    const page = await open(demo, '/?project=acme-web');
    await untilPageShows(page, await expectedLists(demo, 'acme-web'));
    await page.evaluate(() => Object.assign(window, { loadedOnce: true }));

    await demo.close();
    await page.locator('.connection[data-state="reconnecting"]').waitFor();
    // While the server is down, a workspace is archived in the database itself.
    const db = new Database(join(dataDir, DATABASE_FILE), { nativeBinding: sqliteAddonPath() });
    db.prepare(`UPDATE workspaces SET status = 'ARCHIVED' WHERE id = ?`).run('acme-web-8');
    db.close();

    demo = await startDemo({ dataDir, port });
    // The client retries with a growing delay (10 s at most) while the server is down.
    await untilPageShows(page, await expectedLists(demo, 'acme-web'), 30_000);
    await page.locator('.connection[data-state="live"]').waitFor();
    expect(await page.locator(rowOf('acme-web-8')).count()).toBe(0);
    expect(await page.evaluate(() => (window as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
  });

  it('?mode=poll shows the same workspaces from the polling endpoints, and polls them', async () => {
    const page = await newPage();
    onTestFinished(() => page.close());
    const requests = recordRequests(page);
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    await page.goto(`${server.url}/?mode=poll&project=acme-api`);
    await untilPageShows(page, await expectedLists(server, 'acme-api'));
    await page.locator('.connection[data-state="polling"]').waitFor();

    await api(server, 'POST', '/api/workspaces/acme-api-8/actions/ask');
    await page.locator(`${rowOf('acme-api-8')} [data-waits-for="plan_approval"]`).waitFor();
    const polls = (path: string) => requests.filter((url) => url.includes(path)).length;
    expect(polls('/api/poll/sidebar?projectId=acme-api')).toBeGreaterThanOrEqual(2);
    expect(polls('/api/poll/board?projectId=acme-api')).toBeGreaterThanOrEqual(1);
    expect(sockets).toEqual([]);
  });
});

// What the page's browser tests share: one Chromium per file, what the page must show for a project (from the
// source), what it shows (from the DOM), waits on the DOM, and a count of the page's HTTP requests.
import {
  boardColumn,
  buildSnapshot,
  compareWorkspaces,
  isOnSidebar,
  type KanbanColumn,
  type WorkspaceSnapshot,
} from '@livesnap/protocol';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../src/chromium.js';
import type { DemoServer } from '../src/demo-server.js';

// Tall enough for every row and card of a 20-workspace project: the lists mount only what is in view.
const VIEWPORT = { width: 1440, height: 2000 };

/**
 * One browser and one context for the test file (a context costs half a second on a loaded machine; a tab in it much
 * less), made before its tests and closed after them. Returns a function that opens a new tab.
 */
export function browserForThisFile(): () => Promise<Page> {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({ viewport: VIEWPORT });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!context) throw new Error('the browser is not started yet: open pages inside a test');
    return context.newPage();
  };
}

export interface Lists {
  sidebar: string[];
  columns: Record<KanbanColumn, string[]>;
}

/** The sidebar's and the columns' ids, in order, as the page must show the project's workspaces now. */
export async function expectedLists(server: DemoServer, projectId: string): Promise<Lists> {
  const facts = (await server.source.loadProject(projectId)) ?? [];
  const metadata = { version: 0, computedAt: new Date(0).toISOString(), source: 'initial' } as const;
  const snapshots = facts.map((f) => buildSnapshot(f, metadata)).sort(compareWorkspaces);
  const ids = (list: WorkspaceSnapshot[]) => list.map((w) => w.workspaceId);
  const inColumn = (column: KanbanColumn) => ids(snapshots.filter((w) => boardColumn(w) === column));
  return {
    sidebar: ids(snapshots.filter(isOnSidebar)),
    columns: { WORKING: inColumn('WORKING'), WAITING: inColumn('WAITING'), DONE: inColumn('DONE') },
  };
}

/** Resolves once the page shows exactly `lists` (rows and cards in DOM order); fails after `timeout` ms. */
export async function untilPageShows(page: Page, lists: Lists, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    (expected) => {
      const ids = (selector: string) =>
        [...document.querySelectorAll<HTMLElement>(selector)].map((e) => e.dataset.workspaceId);
      const shown = {
        sidebar: ids('.sidebar .row'),
        columns: {
          WORKING: ids('.column[data-column="WORKING"] .card'),
          WAITING: ids('.column[data-column="WAITING"] .card'),
          DONE: ids('.column[data-column="DONE"] .card'),
        },
      };
      return JSON.stringify(shown) === JSON.stringify(expected);
    },
    lists,
    { timeout, polling: 'raf' },
  );
}

/** The URLs of the HTTP requests the page makes from now on (a WebSocket is not one). */
export function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}

/** The page's uncaught errors, to assert there were none. */
export function recordPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** The devtools panel (`@livesnap/devtools`), while it is open. */
export const devtoolsPanel = (page: Page) => page.getByRole('complementary', { name: 'Livesnap devtools' });

/** A sidebar row and a board card of the workspace (in one column, when given). */
export const rowOf = (id: string) => `.sidebar .row[data-workspace-id="${id}"]`;
export const cardOf = (id: string, column?: string) =>
  `${column ? `.column[data-column="${column}"]` : '.board'} .card[data-workspace-id="${id}"]`;

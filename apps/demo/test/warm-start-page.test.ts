// Warm start in Chromium on the demo page (production build), with IndexedDB: after a first visit and changes made
// while the page was away, the sidebar renders from storage before the WebSocket opens, the hello is a resumed one,
// the page converges, and the reload receives a fraction of a cold load's bytes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../src/chromium.js';
import { type DemoServer, startDemoServer } from '../src/demo-server.js';
import { staticPage } from '../src/static-page.js';
import { ensureWebBuild } from '../src/web-build.js';
import { api, SMALL_DEMO } from './helpers.js';
import { expectedLists, recordPageErrors, untilPageShows } from './page-helpers.js';

const PROJECT = 'acme-web';
const KEY = `livesnap/demo-user/${PROJECT}`;
let browser: Browser;
let server: DemoServer;
let dataDir: string;

beforeAll(async () => {
  const plugin = await staticPage((await ensureWebBuild()).dir);
  dataDir = await mkdtemp(join(tmpdir(), 'livesnap-warm-'));
  server = await startDemoServer({ dataDir, ...SMALL_DEMO, page: () => plugin });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Times on the page's clock: the first sidebar row in the DOM, the snapshot socket's creation and first message. */
interface PageTimes {
  firstRowAt: number | null;
  socketAt: number | null;
  firstMessageAt: number | null;
}

/** Before any script of the page: watch the DOM for the first sidebar row, and the WebSocket for its first frame. */
async function recordPageTimes(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const times = { firstRowAt: null, socketAt: null, firstMessageAt: null } as PageTimes;
    (window as unknown as { warmTimes: PageTimes }).warmTimes = times;
    new MutationObserver((_, observer) => {
      if (document.querySelector('.sidebar .row') === null) return;
      times.firstRowAt = Date.now();
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        times.socketAt ??= Date.now();
        this.addEventListener('message', () => {
          times.firstMessageAt ??= Date.now();
        });
      }
    } as typeof WebSocket;
  });
}

/** The snapshot socket's frames as Playwright sees them: the first (the hello), its arrival, and the bytes. */
function recordFrames(page: Page) {
  const frames = { hello: null as Record<string, unknown> | null, helloAt: null as number | null, bytes: 0, seq: 0 };
  page.on('websocket', (socket) => {
    if (!socket.url().includes('/snapshots')) return;
    socket.on('framereceived', ({ payload }) => {
      const text = typeof payload === 'string' ? payload : payload.toString('utf8');
      frames.bytes += Buffer.byteLength(text);
      const message = JSON.parse(text) as { type: string; seq?: number; messages?: { seq: number }[] };
      if (frames.hello === null) {
        frames.helloAt = Date.now();
        frames.hello = message;
      }
      frames.seq = message.messages?.at(-1)?.seq ?? message.seq ?? frames.seq;
    });
  });
  return frames;
}

/** The `seq` of the state saved in the page's IndexedDB, or null while there is none. */
function savedSeq(page: Page): Promise<number | null> {
  return page.evaluate(
    (key) =>
      new Promise<number | null>((resolve, reject) => {
        const open = indexedDB.open('livesnap');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('snapshots')) return resolve(null);
          const get = db.transaction('snapshots').objectStore('snapshots').get(key);
          get.onsuccess = () => resolve(typeof get.result === 'string' ? (JSON.parse(get.result).seq as number) : null);
          get.onerror = () => reject(get.error);
        };
      }),
    KEY,
  );
}

/** One change to workspace `id`: the first of these actions its state allows (the others answer 409). */
async function change(id: string): Promise<void> {
  for (const action of ['ask', 'start-agent', 'edit']) {
    const { status } = await api(server, 'POST', `/api/workspaces/${id}/actions/${action}`);
    if (status === 200) return;
    expect(status).toBe(409);
  }
  throw new Error(`no action changed ${id}`);
}

async function visit(context: BrowserContext) {
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  await recordPageTimes(page);
  const frames = recordFrames(page);
  await page.goto(`${server.url}/?project=${PROJECT}`);
  await untilPageShows(page, await expectedLists(server, PROJECT));
  const times = await page.evaluate(() => (window as unknown as { warmTimes: PageTimes }).warmTimes);
  return { page, errors, frames, times };
}

describe('warm start on the demo page, in Chromium with IndexedDB', { timeout: 90_000 }, () => {
  it('renders the sidebar from storage before the WebSocket opens, resumes with what it missed, and converges', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 2000 } });
    try {
      // A first visit; changes flow while it is open; it leaves once the state is saved.
      const first = await visit(context);
      expect(first.frames.hello).toMatchObject({ type: 'hello', resumed: false });
      for (const id of [`${PROJECT}-8`, `${PROJECT}-4`]) await change(id);
      await untilPageShows(first.page, await expectedLists(server, PROJECT));
      await expect.poll(() => savedSeq(first.page), { timeout: 10_000 }).toBe(first.frames.seq);
      await first.page.close();
      const seqLeft = first.frames.seq;

      // Missed while away.
      await change(`${PROJECT}-8`);

      const reload = await visit(context);
      const { firstRowAt, socketAt, firstMessageAt } = reload.times;
      expect(firstRowAt).not.toBeNull();
      // On the page's clock: the first row is in the DOM before the socket is even made, and before the hello.
      expect(firstRowAt!).toBeLessThanOrEqual(socketAt!);
      expect(firstRowAt!).toBeLessThan(firstMessageAt!);
      // On the test's clock (the same machine's): before Playwright saw the hello frame arrive.
      expect(firstRowAt!).toBeLessThan(reload.frames.helloAt!);
      expect(reload.frames.hello).toMatchObject({ type: 'hello', resumed: true, seq: seqLeft });
      expect(reload.frames.seq).toBeGreaterThan(seqLeft);

      const cold = await visit(await browser.newContext({ viewport: { width: 1440, height: 2000 } }));
      expect(cold.frames.hello).toMatchObject({ type: 'hello', resumed: false });
      console.info(
        `warm reload: ${reload.frames.bytes} B received (a resumed hello and ${reload.frames.seq - seqLeft} missed ` +
          `change(s)); cold load: ${cold.frames.bytes} B (a full hello of ${PROJECT}); first row ` +
          `${firstMessageAt! - firstRowAt!} ms before the first frame`,
      );
      expect(reload.frames.bytes).toBeLessThan(cold.frames.bytes / 10);
      await cold.page.context().close();
      expect([...first.errors, ...reload.errors, ...cold.errors]).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

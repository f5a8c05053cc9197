// `pnpm --filter @livesnap/demo measure-page [--prod] [--rate 20] [--seconds 10] [--devtools-closed]`: how the page
// copes with the large project (2,000 workspaces) in Chromium: the time from the hello to the lists drawn, the frame
// rate idle and under simulated activity, and (development build) the components rendered per change. A fresh demo in
// a temp folder; the devtools panel open, as the page starts, unless `--devtools-closed` says otherwise.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { launchChromium } from './chromium.js';
import { startDemoServer } from './demo-server.js';
import { devPage } from './dev-page.js';
import type { PageFactory } from './http-routes.js';
import { staticPage } from './static-page.js';
import { ensureWebBuild } from './web-build.js';

const { values } = parseArgs({
  options: {
    prod: { type: 'boolean' },
    rate: { type: 'string' },
    seconds: { type: 'string' },
    'devtools-closed': { type: 'boolean' },
  },
});
const rate = Number(values.rate ?? 20);
const seconds = Number(values.seconds ?? 10);
const quiet = { debug() {}, info() {}, warn() {}, error: console.error };
// A laptop's screen, where the open devtools panel floats over the board (from 1,800 px it takes a column: demo.css).
const VIEWPORT = { width: 1440, height: 900 };

let page: PageFactory;
if (values.prod) {
  const plugin = await staticPage((await ensureWebBuild()).dir);
  page = () => plugin;
} else page = devPage({ logLevel: 'silent' });
const dataDir = await mkdtemp(join(tmpdir(), 'livesnap-measure-'));
const demo = await startDemoServer({ dataDir, eventsPerSecond: 0, logger: quiet, page });
const browser = await launchChromium();
try {
  const tab = await browser.newPage({ viewport: VIEWPORT });
  await tab.addInitScript(instrumentSockets);
  if (values['devtools-closed']) {
    // The panel's remembered state (@livesnap/devtools' settings under its default storage key).
    await tab.addInitScript(() => localStorage.setItem('livesnap-devtools', JSON.stringify({ open: false })));
  }
  await tab.goto(`${demo.url}/?project=monorepo`);
  const drawn = await tab.waitForFunction(
    () => {
      const probe = (window as unknown as { probe: { helloAt: number | null } }).probe;
      return probe.helloAt !== null && document.querySelectorAll('.sidebar .row').length > 0
        ? { helloAt: probe.helloAt, drawnAt: performance.now() }
        : null;
    },
    undefined,
    { timeout: 120_000, polling: 'raf' },
  );
  const { helloAt, drawnAt } = (await drawn.jsonValue())!;
  const mounted = await tab.evaluate(() => ({
    rows: document.querySelectorAll('.sidebar .row').length,
    cards: document.querySelectorAll('.board .card').length,
  }));
  const panel = values['devtools-closed'] ? 'closed' : 'open';
  console.log(`${values.prod ? 'production' : 'development'} build, monorepo, devtools panel ${panel}`);
  console.log(`hello after ${Math.round(helloAt)} ms; lists drawn ${Math.round(drawnAt - helloAt)} ms after it`);
  console.log(`mounted: ${mounted.rows} sidebar rows, ${mounted.cards} cards`);
  console.log(`idle ${seconds} s: ${describeFrames(await frames(tab, seconds))}`);

  await tab.evaluate(() => Object.assign(window, { __demoRenders: {} }));
  await tab.evaluate(() => Object.assign((window as unknown as { probe: object }).probe, { changes: 0 }));
  demo.simulation.configure({ eventsPerSecond: rate });
  const busy = await frames(tab, seconds);
  demo.simulation.configure({ eventsPerSecond: 0 });
  const { changes, renders } = await tab.evaluate(() => ({
    changes: (window as unknown as { probe: { changes: number } }).probe.changes,
    renders: (window as { __demoRenders?: Record<string, number> }).__demoRenders ?? {},
  }));
  console.log(`${rate} events/s (all projects) for ${seconds} s: ${describeFrames(busy)}`);
  console.log(`${changes} changes reached the page (upserts and removes)`);
  if (!values.prod) {
    const per = Object.entries(renders).map(([kind, n]) => `${kind} ${(n / Math.max(changes, 1)).toFixed(2)}`);
    console.log(`renders per change: ${per.join(', ') || 'none'}`);
  }
} finally {
  await browser.close();
  await demo.close();
  await rm(dataDir, { recursive: true, force: true });
}

/** In the page: counts what the snapshot socket receives (the hello's time, the changes). */
function instrumentSockets() {
  const probe = { helloAt: null as number | null, changes: 0 };
  Object.assign(window, { probe });
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      if (!String(url).includes('/snapshots')) return;
      this.addEventListener('message', (event: MessageEvent) => {
        const frame = JSON.parse(String(event.data)) as { type: string; messages?: unknown[] };
        if (frame.type === 'hello') probe.helloAt ??= performance.now();
        if (frame.type === 'upsert' || frame.type === 'remove') probe.changes += 1;
        if (frame.type === 'batch') probe.changes += frame.messages?.length ?? 0;
      });
    }
  };
}

interface Frames {
  fps: number;
  p95: number;
  max: number;
  over50: number;
}

/**
 * The page's animation frames over `seconds`. A string, not a function: tsx compiles functions with a `__name` helper
 * that the page does not have.
 */
function frames(tab: Page, seconds: number): Promise<Frames> {
  return tab.evaluate(`new Promise((resolve) => {
    const gaps = [];
    let last = performance.now();
    const end = last + ${seconds * 1000};
    function tick(now) {
      gaps.push(now - last);
      last = now;
      if (now < end) return requestAnimationFrame(tick);
      gaps.sort((a, b) => a - b);
      resolve({
        fps: (gaps.length * 1000) / ${seconds * 1000},
        p95: gaps[Math.floor(gaps.length * 0.95)] ?? 0,
        max: gaps.at(-1) ?? 0,
        over50: gaps.filter((gap) => gap > 50).length,
      });
    }
    requestAnimationFrame(tick);
  })`);
}

function describeFrames(f: Frames): string {
  return `${f.fps.toFixed(0)} fps, frame p95 ${f.p95.toFixed(1)} ms, max ${f.max.toFixed(0)} ms, ${f.over50} over 50 ms`;
}

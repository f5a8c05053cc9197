// `pnpm demo:screenshot`: regenerates docs/demo.png, the picture the README shows. A fresh demo (default seed, no
// simulated events, in a temp folder) on a free port with the production build, its git stats read, then Chromium.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.js';
import { startDemoServer } from './demo-server.js';
import { SCREENSHOT_VIEWPORT, screenshotLivePage } from './screenshot.js';
import { staticPage } from './static-page.js';
import { ensureWebBuild } from './web-build.js';

const target = fileURLToPath(new URL('../../../docs/demo.png', import.meta.url));
const quiet = { debug() {}, info() {}, warn() {}, error: console.error };

const build = await ensureWebBuild({ onBuildStart: () => console.log('building the page (vite build)…') });
const plugin = await staticPage(build.dir);
const dataDir = await mkdtemp(join(tmpdir(), 'livesnap-screenshot-'));
const demo = await startDemoServer({ dataDir, eventsPerSecond: 0, logger: quiet, page: () => plugin });
try {
  await demo.gitSeeded;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: SCREENSHOT_VIEWPORT });
    await page.goto(`${demo.url}/?project=acme-web`);
    await screenshotLivePage(page, target);
  } finally {
    await browser.close();
  }
  console.log(`saved ${target}`);
} finally {
  await demo.close();
  await rm(dataDir, { recursive: true, force: true });
}

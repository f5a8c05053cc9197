// Storybook, built as it is published: every story of the static build opened in Chromium from a static server on a
// free port, each showing what its expectation says (expectations.ts) with no console error. A story without an
// expectation fails, and so does an expectation without a story.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { launchChromium } from '@livesnap/demo/chromium';
import type { Browser, ConsoleMessage, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticPage } from '../../demo/src/static-page.js';
import { EXPECTATIONS, type StoryExpectation } from './expectations.js';
import { readStory, type StoryReading, shortfalls } from './read-story.js';

const STORYBOOK = join(import.meta.dirname, '..');
/** How long a story has to settle (its hello, its script, its lazy devtools chunk) on a loaded 2-core machine. */
const SETTLE_MS = 20_000;

let out: string;
let http: Server;
let base: string;
let browser: Browser;
let page: Page;
let stories: string[];
const visited: string[] = [];

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'livesnap-storybook-'));
  const started = performance.now();
  await promisify(execFile)(
    join(STORYBOOK, 'node_modules/.bin/storybook'),
    ['build', '--output-dir', out, '--quiet', '--disable-telemetry'],
    { cwd: STORYBOOK, env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' }, maxBuffer: 64 * 1024 * 1024 },
  );
  console.log(`storybook build: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as {
    entries: Record<string, { type: 'story' | 'docs' }>;
  };
  stories = Object.entries(index.entries)
    .filter(([, entry]) => entry.type === 'story')
    .map(([id]) => id);
  const files = await staticPage(out);
  http = createServer((request, response) => files.handle(request, response, () => response.writeHead(404).end()));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
}, 240_000);

afterAll(async () => {
  console.log(`stories visited (${visited.length}):\n${visited.map((id) => `  ${id}`).join('\n')}`);
  await browser?.close();
  // Nothing to close when the build failed before the server started (a close that never calls back would hang).
  if (http) await new Promise((resolve) => http.close(resolve));
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('the Storybook build', () => {
  it('has an expectation for every story, and a story for every expectation', () => {
    expect(stories.filter((id) => !(id in EXPECTATIONS))).toEqual([]);
    expect(Object.keys(EXPECTATIONS).filter((id) => !stories.includes(id))).toEqual([]);
  });

  it.each(Object.keys(EXPECTATIONS))('shows %s as expected, with no console error', async (id) => {
    expect(stories).toContain(id);
    const expected = EXPECTATIONS[id]!;
    const errors = watchErrors(page);
    try {
      await page.goto(`${base}/iframe.html?id=${id}&viewMode=story`);
      const selectors = expected.present ?? [];
      // Waits in the page for the story to meet its expectation; on a timeout, the reading below says what is short.
      await page
        .waitForFunction(
          `(${shortfalls})((${readStory})(${JSON.stringify(selectors)}), ${JSON.stringify(expected)}).length === 0`,
          undefined,
          { timeout: SETTLE_MS, polling: 50 },
        )
        .catch(() => {});
      const reading = (await page.evaluate(`(${readStory})(${JSON.stringify(selectors)})`)) as StoryReading;
      visited.push(id);
      expect(shortfalls(reading, expected)).toEqual([]);
      expect(errors.seen).toEqual([]);
    } finally {
      errors.stop();
    }
  });

  it("runs the toolbar's mock-server actions on the story's server: a gap, a drop, a restart, a stale upsert", async () => {
    const errors = watchErrors(page);
    // The manager (Storybook's UI, with the toolbar) around the live story, its activity off so the counters are exact.
    await page.goto(`${base}/?path=/story/connection-states--live&args=eventsPerSecond:0`);
    const story = await (await page.waitForSelector('#storybook-preview-iframe')).contentFrame();
    const settles = (expected: StoryExpectation) =>
      story!.waitForFunction(
        `(${shortfalls})((${readStory})([]), ${JSON.stringify(expected)}).length === 0`,
        undefined,
        {
          timeout: SETTLE_MS,
          polling: 50,
        },
      );
    const press = (title: string) => page.locator(`button[title^="${title}"]`).click();
    await settles({ devtools: { status: 'open', facts: { epoch: 'epoch-1', gaps: 0, reconnects: 0, messages: 1 } } });

    await press('Lose a frame');
    await settles({ devtools: { status: 'open', facts: { gaps: 1, resyncs: 1 } } });
    await press('Drop the connection');
    await settles({ devtools: { status: 'open', facts: { reconnects: 1, resumed: 1, epoch: 'epoch-1' } } });
    await press('Restart the server');
    await settles({ indicator: { state: 'live', text: 'epoch epoch-2' }, devtools: { facts: { reconnects: 2 } } });
    const before = Number(await story!.locator('.lsd-facts div:has(> dt:text-is("messages")) dd').textContent());
    await press('Send an upsert older');
    await settles({ devtools: { facts: { messages: { atLeast: before + 1 } } } });
    // The client kept what it held: the stale upsert renamed nothing.
    expect(await story!.locator('text=(stale)').count()).toBe(0);
    errors.stop();
    expect(errors.seen).toEqual([]);
  });

  it("documents each component's props from their types on its docs page", async () => {
    const errors = watchErrors(page);
    await page.goto(`${base}/iframe.html?id=components-workspacecard--docs&viewMode=docs`);
    const props = page.locator('.docblock-argstable');
    await props.getByText('onAction', { exact: true }).waitFor({ timeout: SETTLE_MS });
    expect(await props.textContent()).toContain(
      'Runs an action on the workspace; without it the card shows no buttons.',
    );
    expect(await props.textContent()).toContain('eventsPerSecond');
    errors.stop();
    expect(errors.seen).toEqual([]);
  });
});

/** Console errors, uncaught exceptions and failed responses of `page` from now until `stop()`. */
function watchErrors(page: Page): { seen: string[]; stop(): void } {
  const seen: string[] = [];
  const onConsole = (message: ConsoleMessage) => {
    if (message.type() === 'error') seen.push(`${message.text()} (${message.location().url})`);
  };
  const onError = (error: Error) => seen.push(error.message);
  const onResponse = (response: Response) => {
    if (response.status() >= 400) seen.push(`${response.status()} ${response.url()}`);
  };
  page.on('console', onConsole);
  page.on('pageerror', onError);
  page.on('response', onResponse);
  return {
    seen,
    stop: () => {
      page.off('console', onConsole);
      page.off('pageerror', onError);
      page.off('response', onResponse);
    },
  };
}

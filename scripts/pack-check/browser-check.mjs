// Run by the pack check inside the scratch project: the installed @livesnap/server serves the Vite build of web/ and
// its snapshot endpoint on 127.0.0.1, Chromium loads the page, and the page must show the project's workspaces, then a
// rename pushed by the server, with no error in the page.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { makeFacts } from '@livesnap/protocol/testing';
import { attachSnapshotEndpoint, createSnapshotService } from '@livesnap/server';
import { chromium } from 'playwright-core';

const root = join(import.meta.dirname, 'web', 'dist');
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const facts = new Map([
  ['w1', makeFacts({ workspaceId: 'w1', name: 'Alpha' })],
  ['w2', makeFacts({ workspaceId: 'w2', name: 'Beta' })],
]);
const service = createSnapshotService({
  source: {
    loadProject: async (projectId) => [...facts.values()].filter((f) => f.projectId === projectId),
    loadWorkspace: async (workspaceId) => facts.get(workspaceId) ?? null,
  },
});
const server = createServer(async (request, response) => {
  const path = new URL(request.url, 'http://localhost').pathname;
  try {
    const body = await readFile(join(root, path === '/' ? 'index.html' : path.slice(1)));
    response.writeHead(200, { 'content-type': types[extname(path || '.html')] ?? 'text/html' }).end(body);
  } catch {
    response.writeHead(404).end();
  }
});
const endpoint = attachSnapshotEndpoint(server, service);
service.start();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
});
const errors = [];
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('nav')?.textContent === 'AlphaBeta', null, {
    timeout: 20_000,
  });
  facts.set('w1', makeFacts({ workspaceId: 'w1', name: 'Alpha renamed' }));
  service.invalidate('w1');
  await page.waitForFunction(() => document.querySelector('nav')?.textContent === 'Alpha renamedBeta', null, {
    timeout: 20_000,
  });
  if (errors.length > 0) throw new Error(`the page reported errors: ${errors.join('; ')}`);
  console.log(`Chromium showed the workspaces and a pushed rename from ${url}`);
} finally {
  await browser.close();
  await endpoint.close();
  await service.stop();
  await new Promise((resolve) => server.close(resolve));
}

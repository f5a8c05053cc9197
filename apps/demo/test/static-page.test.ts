// --prod's page handler: the build's files from memory, the single-page app's index.html for other paths, and
// everything else passed on (to the demo's 404).
import { mkdir, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staticPage } from '../src/static-page.js';
import { tempDir } from './temp-dir.js';

/** What the handler answers for one request, or 'next' when it passes it on. */
async function ask(handle: Awaited<ReturnType<typeof staticPage>>['handle'], method: string, url: string) {
  return new Promise<'next' | { status: number; headers: Record<string, unknown>; body: string }>((resolve) => {
    const response = {
      writeHead(status: number, headers: Record<string, unknown>) {
        Object.assign(this, { status, headers });
        return this;
      },
      end(body?: Buffer) {
        const { status, headers } = this as unknown as { status: number; headers: Record<string, unknown> };
        resolve({ status, headers, body: body?.toString() ?? '' });
      },
    };
    handle({ method, url } as IncomingMessage, response as unknown as ServerResponse, () => resolve('next'));
  });
}

describe('staticPage', () => {
  it('serves the files, index.html for app paths, and passes on unknown files, other methods and traversals', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<div id="root"></div>');
    await writeFile(join(dir, 'assets', 'index-abc.js'), 'app()');
    const { handle } = await staticPage(dir);

    expect(await ask(handle, 'GET', '/assets/index-abc.js')).toEqual({
      status: 200,
      headers: {
        'content-type': 'text/javascript; charset=utf-8',
        'content-length': 5,
        'cache-control': 'public, max-age=31536000, immutable',
      },
      body: 'app()',
    });
    expect(await ask(handle, 'GET', '/?mode=poll&project=acme-web')).toMatchObject({
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' },
      body: '<div id="root"></div>',
    });
    expect(await ask(handle, 'GET', '/some/app/path')).toMatchObject({ body: '<div id="root"></div>' });
    expect(await ask(handle, 'HEAD', '/index.html')).toMatchObject({ status: 200, body: '' });
    expect(await ask(handle, 'GET', '/assets/missing.js')).toBe('next');
    expect(await ask(handle, 'GET', '/../package.json')).toBe('next');
    expect(await ask(handle, 'POST', '/')).toBe('next');
  });

  it('refuses a folder without index.html, saying what to do', async () => {
    await expect(staticPage(await tempDir())).rejects.toThrow(/holds no index\.html: it is not a build of the page/);
  });
});

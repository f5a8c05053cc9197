// `--prod`: the page's production build, served from memory (read once at start; a build is a few hundred KB). Paths
// with a file extension are files or 404; any other path is the single-page app's `index.html`. Hashed assets are
// cached for good, `index.html` never.
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import type { PagePlugin } from './http-routes.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

interface StaticFile {
  body: Buffer;
  headers: Record<string, string | number>;
}

/** The page plug for a built folder (`index.html` and `assets/`); throws when the folder has no `index.html`. */
export async function staticPage(dir: string): Promise<PagePlugin> {
  const files = new Map<string, StaticFile>();
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const urlPath = `/${relative(dir, path).split(sep).join('/')}`;
    const body = await readFile(path);
    files.set(urlPath, {
      body,
      headers: {
        'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
        'content-length': body.length,
        'cache-control': urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      },
    });
  }
  const index = files.get('/index.html');
  if (!index) throw new Error(`${dir} holds no index.html: it is not a build of the page (run the demo with --prod)`);

  return {
    handle: (request, response, next) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return next();
      const path = (request.url ?? '/').split('?', 1)[0]!;
      const file = files.get(path) ?? (extname(path) === '' ? index : undefined);
      if (!file) return next();
      response.writeHead(200, file.headers);
      response.end(request.method === 'HEAD' ? undefined : file.body);
    },
  };
}

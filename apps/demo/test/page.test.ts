// Where the web page plugs in: a page made with the HTTP server (as Vite in middleware mode needs it) answers every
// path outside /api, passes what it does not serve, and is closed with the demo.

import type { Server } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startDemoServer } from '../src/demo-server.js';
import { api, quiet } from './helpers.js';
import { tempDir } from './temp-dir.js';

describe('the page plug', () => {
  it('gets the HTTP server, serves paths outside /api, passes the rest to the 404, and closes with the demo', async () => {
    let given: Server | undefined;
    let closed = false;
    const demo = await startDemoServer({
      dataDir: await tempDir(),
      eventsPerSecond: 0,
      workspacesPerProject: 1,
      largeProjectWorkspaces: 0,
      logger: quiet,
      page: (http) => {
        given = http;
        return {
          handle: (request, response, next) => {
            if (request.url === '/') response.writeHead(200, { 'content-type': 'text/html' }).end('<h1>demo</h1>');
            else next();
          },
          close: async () => {
            closed = true;
          },
        };
      },
    });
    try {
      expect(given).toBe(demo.http);
      expect(await (await fetch(`${demo.url}/`)).text()).toBe('<h1>demo</h1>');
      expect((await fetch(`${demo.url}/missing.js`)).status).toBe(404);
      expect((await api(demo, 'GET', '/api/projects')).status).toBe(200);
    } finally {
      await demo.close();
    }
    expect(closed).toBe(true);
  });
});

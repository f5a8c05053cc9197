// The page in development: Vite's dev server in middleware mode on the demo's own HTTP server, its HMR socket on that
// server too (the snapshot endpoint takes only /snapshots upgrades and leaves Vite's alone), closed with the demo.
import type { PageFactory, PageHandler } from './http-routes.js';
import { VITE_CONFIG } from './web-build.js';

export interface DevPageOptions {
  /** Vite's dependency cache; default its own (`node_modules/.vite`). Tests give a folder of their own. */
  cacheDir?: string;
  /** Default 'info' (Vite's page reloads and HMR updates in the demo's output). */
  logLevel?: 'info' | 'warn' | 'error' | 'silent';
}

export function devPage(options: DevPageOptions = {}): PageFactory {
  return async (http) => {
    const { createServer } = await import('vite');
    const vite = await createServer({
      configFile: VITE_CONFIG,
      appType: 'spa',
      server: { middlewareMode: true, hmr: { server: http } },
      ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }),
      logLevel: options.logLevel ?? 'info',
    });
    const handle: PageHandler = (request, response, next) => vite.middlewares(request, response, next);
    return { handle, close: () => vite.close() };
  };
}

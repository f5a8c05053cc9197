// The one place where the demo's HTTP requests are routed: /api to the API, everything else to the web page's handler
// when one is plugged in (Vite's middlewares in development, a static handler for a production build). WebSocket
// upgrades are not requests: the snapshot endpoint takes /snapshots and leaves other paths (Vite's HMR) alone.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** A connect-style handler, as Vite's `server.middlewares` is: it answers, or calls `next()` to pass. */
export type PageHandler = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

/**
 * The web page, made once the HTTP server exists (Vite's HMR socket needs it: `hmr: { server }`), and closed with
 * the demo.
 */
export interface PagePlugin {
  handle: PageHandler;
  close?(): Promise<void>;
}

export type PageFactory = (http: Server) => PagePlugin | Promise<PagePlugin>;

export interface RoutesOptions {
  api: (request: IncomingMessage, response: ServerResponse) => Promise<void>;
  /** Asked for the page's handler on each request outside /api: none yet means the plain 404. */
  page?: () => PageHandler | undefined;
}

const NO_PAGE = `Livesnap demo server. There is no web page yet: the API is under /api (try /api/projects),
the snapshot endpoint is at /snapshots?projectId=<id>&protocol=2.
`;

export function createRequestHandler({
  api,
  page,
}: RoutesOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const notFound = (response: ServerResponse) => {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(NO_PAGE);
  };
  return (request, response) => {
    const path = (request.url ?? '/').split('?', 1)[0]!;
    if (path === '/api' || path.startsWith('/api/')) {
      void api(request, response);
      return;
    }
    const handle = page?.();
    if (handle) handle(request, response, () => notFound(response));
    else notFound(response);
  };
}

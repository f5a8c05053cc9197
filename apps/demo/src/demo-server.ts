// The demo's one process, for `pnpm start`, the tests and the benchmarks: SQLite (seeded on first start), real git, the
// snapshot service and endpoint, simulated activity, the HTTP API and the old polling endpoints on one HTTP server.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  attachSnapshotEndpoint,
  consoleLogger,
  createSnapshotService,
  type Logger,
  type SnapshotService,
  type SnapshotSource,
  type SnapshotStore,
} from '@livesnap/server';
import type { ActionContext } from './actions.js';
import { createApi } from './api.js';
import { DATABASE_FILE, GIT_FOLDER, prepareDataFolder } from './data-folder.js';
import { DemoDatabase } from './database.js';
import { sendJson } from './http-json.js';
import { createRequestHandler, type PageFactory, type PagePlugin } from './http-routes.js';
import { Metrics } from './metrics.js';
import { createPolling } from './polling.js';
import { createRandom } from './random.js';
import { SEED_DEFAULTS, seedDatabase } from './seed.js';
import { seedWorktrees } from './seed-worktrees.js';
import { Simulation } from './simulation.js';
import { createDemoSource } from './source.js';
import { Worktrees } from './worktrees.js';

export interface DemoServerOptions {
  /** The data folder: `demo.sqlite` and `git/` (repositories and worktrees). Made when missing. */
  dataDir: string;
  /** Delete the data folder first: a fresh seed. */
  reset?: boolean;
  host?: string;
  /** 0 (the default) takes a free port. */
  port?: number;
  /** When `port` is busy, take a free one instead of failing (what `pnpm start` does for its default port). */
  portFallback?: boolean;
  /** Seeds the data and the simulation. Default 1. */
  seed?: number;
  /** Simulated events per second (0: none until changed through the API). Default 2. */
  eventsPerSecond?: number;
  /** Share of simulated events that are silent writes. Default 0.1. */
  silentShare?: number;
  workspacesPerProject?: number;
  largeProjectWorkspaces?: number;
  /** Seeded workspaces per project that get a worktree with history in the background after start. Default 25. */
  seedWorktreesPerProject?: number;
  /** The service's safety-net interval. Default 15 s, so that silent writes show up soon in the demo. */
  reconcileIntervalMs?: number;
  /** The service's coalescing window (`SERVICE_DEFAULTS` when not given). */
  coalesceMs?: number;
  /**
   * Makes the web page's handler (Vite's middlewares, a static build) for every path outside /api; called with the
   * HTTP server before it listens, and the page is closed with the demo.
   */
  page?: PageFactory;
  logger?: Logger;
  now?: () => number;
  /** The service's store (a Redis store when scaled out: `pnpm demo:scaled`). Default the memory store. */
  store?: SnapshotStore;
  /** The hello's `instance`, naming this instance to clients (scaled out: `host:port`). Default none. */
  instance?: string;
}

export interface DemoServer {
  /** `http://host:port` */
  readonly url: string;
  /** `ws://host:port/snapshots` (add `?projectId=…&protocol=2`) */
  readonly snapshotsUrl: string;
  readonly http: Server;
  readonly service: SnapshotService;
  readonly source: Required<SnapshotSource>;
  readonly simulation: Simulation;
  readonly db: DemoDatabase;
  readonly worktrees: Worktrees;
  readonly metrics: Metrics;
  /** The context the HTTP API acts in (tests use it to act as the API would). */
  readonly actions: ActionContext;
  /** What the start did: how many workspaces it seeded (0 when the database existed) and how long it took. */
  readonly startup: { seededWorkspaces: number; seedMs: number; readyMs: number; portWasBusy: boolean };
  /** Settles when the seeded worktrees are made (in the background, after start). */
  readonly gitSeeded: Promise<void>;
  close(): Promise<void>;
}

export const DEMO_DEFAULTS = {
  host: '127.0.0.1',
  eventsPerSecond: 2,
  seedWorktreesPerProject: 25,
  reconcileIntervalMs: 15_000,
} as const;

export async function startDemoServer(options: DemoServerOptions): Promise<DemoServer> {
  const started = performance.now();
  const logger = options.logger ?? consoleLogger;
  const now = options.now ?? Date.now;
  const seed = options.seed ?? SEED_DEFAULTS.seed;
  await prepareDataFolder(options.dataDir, options.reset === true);

  const metrics = new Metrics();
  const db = new DemoDatabase(join(options.dataDir, DATABASE_FILE), metrics);
  let seededWorkspaces = 0;
  const seedStarted = performance.now();
  if (!db.hasProjects()) {
    seededWorkspaces = seedDatabase(db, {
      seed,
      now,
      ...(options.workspacesPerProject === undefined ? {} : { workspacesPerProject: options.workspacesPerProject }),
      ...(options.largeProjectWorkspaces === undefined
        ? {}
        : { largeProjectWorkspaces: options.largeProjectWorkspaces }),
    });
  }
  const seedMs = performance.now() - seedStarted;
  const projects = db.projects('write');
  const worktrees = new Worktrees({ root: join(options.dataDir, GIT_FOLDER), metrics });
  await worktrees.open(projects);

  const source = createDemoSource(db, worktrees);
  const service = createSnapshotService({
    source,
    logger,
    reconcileIntervalMs: options.reconcileIntervalMs ?? DEMO_DEFAULTS.reconcileIntervalMs,
    ...(options.coalesceMs === undefined ? {} : { coalesceMs: options.coalesceMs }),
    ...(options.store === undefined ? {} : { store: options.store }),
  });
  let closing = false;
  const context = (randomSeed: number): ActionContext => ({
    db,
    worktrees,
    random: createRandom(randomSeed),
    now,
    invalidate: (workspaceId, { projectId, git = false }) => service.invalidate(workspaceId, { projectId, git }),
    // During shutdown, git fails because it is being stopped: not worth a warning.
    warn: (message, context) => {
      if (!closing) logger.warn(message, context);
    },
  });
  const actions = context(seed + 1);
  const projectIds = projects.map((p) => p.id);
  const simulation = new Simulation({
    ctx: context(seed),
    projectIds,
    eventsPerSecond: options.eventsPerSecond ?? DEMO_DEFAULTS.eventsPerSecond,
    ...(options.silentShare === undefined ? {} : { silentShare: options.silentShare }),
  });

  // Work that must end before the database closes: API requests in flight, provisioning they started.
  const tasks = new Set<Promise<unknown>>();
  const track = (task: Promise<unknown>) => {
    const settled = task.catch(() => undefined).finally(() => tasks.delete(settled));
    tasks.add(settled);
  };
  const api = createApi({
    db,
    ctx: actions,
    service,
    simulation,
    metrics,
    polling: createPolling({ db, worktrees, metrics }),
    track,
    logError: (message, context) => logger.error(message, context),
  });
  let page: PagePlugin | undefined;
  const http = createServer(
    createRequestHandler({
      api: async (request, response) => {
        if (closing) sendJson(response, 503, { error: { code: 'shutting_down', message: 'the demo is stopping' } });
        else track(api(request, response));
      },
      page: () => page?.handle,
    }),
  );
  const endpoint = attachSnapshotEndpoint(http, service, {
    logger,
    ...(options.instance === undefined ? {} : { instance: options.instance }),
  });

  async function close(): Promise<void> {
    closing = true;
    // No new connections from here; open ones are answered 503 until they are closed below.
    const httpClosed = new Promise<void>((resolve) => http.close(() => resolve()));
    http.closeIdleConnections();
    await simulation.stop();
    await endpoint.close();
    await worktrees.close();
    await page?.close?.();
    while (tasks.size > 0) await Promise.all(tasks);
    await service.stop();
    http.closeAllConnections();
    await httpClosed;
    db.close();
  }

  const host = options.host ?? DEMO_DEFAULTS.host;
  let portWasBusy = false;
  try {
    page = await options.page?.(http);
    await listen(http, options.port ?? 0, host).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE' || !options.portFallback) throw error;
      portWasBusy = true;
      return listen(http, 0, host);
    });
  } catch (error) {
    await close();
    throw error;
  }
  service.start();
  simulation.start();
  const gitSeeded = seedWorktrees(
    actions,
    projectIds,
    options.seedWorktreesPerProject ?? DEMO_DEFAULTS.seedWorktreesPerProject,
    seed,
  );
  track(gitSeeded);

  const { port } = http.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    snapshotsUrl: `ws://${host}:${port}/snapshots`,
    http,
    service,
    source,
    simulation,
    db,
    worktrees,
    metrics,
    actions,
    startup: { seededWorkspaces, seedMs, readyMs: performance.now() - started, portWasBusy },
    gitSeeded,
    close,
  };
}

/** Resolves once listening; rejects with the listen error (EADDRINUSE, EACCES) instead of crashing. */
function listen(http: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    http.once('error', onError);
    http.listen({ port, host }, () => {
      http.off('error', onError);
      resolve();
    });
  });
}

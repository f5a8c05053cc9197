// The demo's HTTP API (JSON under /api): projects, workspace actions, the simulation's rate, a forced reconciliation, a
// silent write, the metrics, and the old polling endpoints. Every input is validated; an error answers, never crashes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SnapshotService } from '@livesnap/server';
import * as z from 'zod/mini';
import { ACTION_NAMES, type ActionContext, isActionName, runAction } from './actions.js';
import type { DemoDatabase } from './database.js';
import { badRequest, DemoError, notFound } from './errors.js';
import { parseWith, readJson, sendError, sendJson } from './http-json.js';
import { addWorkspace, silentWrite } from './lifecycle.js';
import type { Metrics } from './metrics.js';
import type { Polling } from './polling.js';
import { MAX_EVENTS_PER_SECOND, type Simulation } from './simulation.js';
import { withoutGitStats } from './source.js';

export interface ApiOptions {
  db: DemoDatabase;
  ctx: ActionContext;
  service: SnapshotService;
  simulation: Simulation;
  metrics: Metrics;
  polling: Polling;
  /** Keeps work that outlives its request (a new workspace's provisioning) until shutdown. */
  track(task: Promise<unknown>): void;
  logError(message: string, context: Record<string, unknown>): void;
}

type Params = Record<string, string>;
interface Request {
  params: Params;
  query: URLSearchParams;
  body: () => Promise<unknown>;
}
interface Route {
  method: 'GET' | 'POST' | 'PUT';
  path: RegExp;
  /** The answer's status (200 unless given) and body. */
  handle(request: Request): Promise<unknown> | unknown;
  status?: number;
}

const AddWorkspaceBody = z.strictObject({ name: z.optional(z.string().check(z.minLength(1), z.maxLength(200))) });
const ActionBody = z.strictObject({ requestType: z.optional(z.enum(['plan_approval', 'user_question'])) });
const SimulationBody = z.strictObject({
  eventsPerSecond: z.optional(z.number().check(z.minimum(0), z.maximum(MAX_EVENTS_PER_SECOND))),
  paused: z.optional(z.boolean()),
});
const EmptyBody = z.strictObject({});

const ID = '(?<id>[^/]+)';

export function createApi(options: ApiOptions): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  const { db, ctx, service, simulation, metrics, polling, track } = options;
  const projectIdOf = (query: URLSearchParams): string => {
    const projectId = query.get('projectId');
    if (!projectId) throw badRequest('the query parameter projectId is missing');
    return projectId;
  };

  const routes: Route[] = [
    { method: 'GET', path: /^\/api\/projects$/, handle: () => db.projects('api') },
    {
      method: 'POST',
      path: new RegExp(`^/api/projects/${ID}/workspaces$`),
      status: 201,
      handle: async ({ params, body }) => {
        const { name } = parseWith(AddWorkspaceBody, await body(), 'the body');
        const added = addWorkspace(ctx, params.id!, name);
        track(added.provisioned);
        return withoutGitStats(added.facts);
      },
    },
    {
      method: 'GET',
      path: new RegExp(`^/api/workspaces/${ID}$`),
      handle: ({ params }) => {
        const facts = db.workspace(params.id!, 'api');
        if (!facts) throw notFound(`no workspace ${JSON.stringify(params.id)}`);
        return withoutGitStats(facts);
      },
    },
    {
      method: 'POST',
      path: new RegExp(`^/api/workspaces/${ID}/actions/(?<action>[^/]+)$`),
      handle: async ({ params, body }) => {
        const action = params.action!;
        if (!isActionName(action)) {
          throw notFound(`no action ${JSON.stringify(action)}; the actions are ${ACTION_NAMES.join(', ')}`);
        }
        const input = parseWith(ActionBody, await body(), 'the body');
        if (input.requestType && action !== 'ask') throw badRequest(`requestType is only for the action ask`);
        return withoutGitStats(await runAction(action, params.id!, ctx, input));
      },
    },
    {
      method: 'POST',
      path: new RegExp(`^/api/workspaces/${ID}/silent-write$`),
      handle: async ({ params, body }) => {
        parseWith(EmptyBody, await body(), 'the body');
        return withoutGitStats(silentWrite(ctx, params.id!));
      },
    },
    { method: 'GET', path: /^\/api\/simulation$/, handle: () => simulation.state },
    {
      method: 'PUT',
      path: /^\/api\/simulation$/,
      handle: async ({ body }) => {
        const { eventsPerSecond, paused } = parseWith(SimulationBody, await body(), 'the body');
        return simulation.configure({
          ...(eventsPerSecond === undefined ? {} : { eventsPerSecond }),
          ...(paused === undefined ? {} : { paused }),
        });
      },
    },
    {
      method: 'POST',
      path: /^\/api\/reconcile$/,
      handle: async () => {
        const started = performance.now();
        await service.reconcile();
        return { reconciled: true, ms: Math.round(performance.now() - started) };
      },
    },
    { method: 'GET', path: /^\/api\/metrics$/, handle: () => metrics.report() },
    {
      method: 'POST',
      path: /^\/api\/metrics\/reset$/,
      handle: () => {
        metrics.reset();
        return metrics.report();
      },
    },
    { method: 'GET', path: /^\/api\/poll\/sidebar$/, handle: ({ query }) => polling.sidebar(projectIdOf(query)) },
    { method: 'GET', path: /^\/api\/poll\/board$/, handle: ({ query }) => polling.board(projectIdOf(query)) },
  ];

  return async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', 'http://demo.invalid');
      const matching = routes
        .map((route) => ({ route, match: route.path.exec(url.pathname) }))
        .filter((m) => m.match !== null);
      if (matching.length === 0) throw notFound(`no API route ${url.pathname}`);
      const found = matching.find((m) => m.route.method === request.method);
      if (!found) {
        response.setHeader('allow', matching.map((m) => m.route.method).join(', '));
        throw new DemoError(405, `${request.method} is not allowed on ${url.pathname}`);
      }
      const params = decodeParams(found.match!.groups ?? {});
      const value = await found.route.handle({ params, query: url.searchParams, body: () => readJson(request) });
      sendJson(response, found.route.status ?? 200, value);
    } catch (error) {
      if (!(error instanceof DemoError)) {
        options.logError('an API request failed', {
          method: request.method,
          url: request.url,
          error: error instanceof Error ? error.stack : String(error),
        });
      }
      sendError(response, error);
    }
  };
}

function decodeParams(raw: Params): Params {
  const params: Params = {};
  for (const [key, value] of Object.entries(raw)) {
    try {
      params[key] = decodeURIComponent(value);
    } catch {
      throw badRequest(`the path segment ${JSON.stringify(value)} is not valid percent-encoding`);
    }
  }
  return params;
}

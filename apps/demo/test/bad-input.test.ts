// Bad HTTP input gets a clear JSON error with the right status, and the server stays up and unchanged.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../src/http-json.js';
import { api, startTestServer } from './helpers.js';

describe('bad input to the HTTP API', () => {
  it('is answered 400, 404, 405, 409 or 413 with a JSON error, and changes nothing', async () => {
    const server = await startTestServer();
    const w = server.db.workspacesOf('acme-web', 'api').find((f) => f.status === 'READY' && !f.isSessionWorking)!;
    const rowsBefore = server.db.workspacesOf('acme-web', 'api');
    const action = (name: string) => `/api/workspaces/${w.workspaceId}/actions/${name}`;
    const cases: [string, string, unknown, number, RegExp][] = [
      ['GET', '/api/nothing-here', undefined, 404, /no API route \/api\/nothing-here/],
      ['POST', '/api/workspaces/nope/actions/start-agent', undefined, 404, /no workspace "nope"/],
      ['POST', action('dance'), undefined, 404, /no action "dance"; the actions are start-agent, /],
      ['POST', '/api/projects/nope/workspaces', {}, 404, /no project "nope"/],
      ['POST', action('start-agent'), '{"oops', 400, /the body is not JSON/],
      [
        'POST',
        action('ask'),
        { requestType: 'coffee' },
        400,
        /requestType must be one of "plan_approval", "user_question", got "coffee"/,
      ],
      ['POST', action('start-agent'), { requestType: 'plan_approval' }, 400, /requestType is only for the action ask/],
      ['POST', action('start-agent'), { force: true }, 400, /unknown field force in the body/],
      ['POST', action('start-agent'), [1, 2], 400, /the body must be a JSON object, got \[1,2\]/],
      ['POST', '/api/projects/acme-web/workspaces', { name: '' }, 400, /name must have at least 1 characters, got ""/],
      ['POST', '/api/projects/acme-web/workspaces', { name: 42 }, 400, /name must be a string, got 42/],
      ['PUT', '/api/simulation', { eventsPerSecond: -1 }, 400, /eventsPerSecond must be at least 0, got -1/],
      ['PUT', '/api/simulation', { eventsPerSecond: 'fast' }, 400, /eventsPerSecond must be a number, got "fast"/],
      ['PUT', '/api/simulation', { paused: 'yes' }, 400, /paused must be a boolean, got "yes"/],
      ['POST', `/api/workspaces/${w.workspaceId}/silent-write`, { name: 'x' }, 400, /unknown field name/],
      ['GET', '/api/workspaces/%E0%A4%A', undefined, 400, /not valid percent-encoding/],
      ['DELETE', '/api/projects', undefined, 405, /DELETE is not allowed on \/api\/projects/],
      ['POST', action('finish-turn'), undefined, 409, /cannot finish-turn workspace .*: no agent is working in it/],
      ['POST', action('merge'), undefined, 409, /it has no open pull request/],
      ['POST', action('start-agent'), 'x'.repeat(MAX_BODY_BYTES + 1), 413, /larger than 65536 bytes/],
    ];
    for (const [method, path, body, status, message] of cases) {
      const response = await api(server, method, path, body);
      expect(response.status, `${method} ${path}`).toBe(status);
      expect((response.body as { error: { message: string } }).error.message, `${method} ${path}`).toMatch(message);
    }
    expect(server.db.workspacesOf('acme-web', 'api')).toEqual(rowsBefore);
    expect(server.simulation.state).toMatchObject({ eventsPerSecond: 0, paused: false });
    expect((await api(server, 'GET', '/api/projects')).status).toBe(200);
  });

  it('answers a request without /api with a plain 404 that says where the API is', async () => {
    const server = await startTestServer();
    const response = await fetch(`${server.url}/index.html`);
    expect(response.status).toBe(404);
    expect(await response.text()).toMatch(/the API is under \/api/);
  });

  it('survives a request whose body is cut off mid-way', async () => {
    const server = await startTestServer();
    const { port } = new URL(server.url);
    await new Promise<void>((resolve) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/reconcile' });
      req.on('error', () => resolve());
      req.setHeader('content-length', '1000');
      req.write('{"half": ', () => {
        req.destroy();
        resolve();
      });
    });
    expect((await api(server, 'GET', '/api/projects')).status).toBe(200);
  });
});

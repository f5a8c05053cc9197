// Item 5 of RELIABILITY.md: isolation and auth against a server process. No credentials → 4401, another project →
// 4403, a disallowed Origin → HTTP 403, each with zero frames; then many clients on many projects through random
// changes (moves between projects included), every frame validated and checked: not one crosses projects.
import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { digestOfFacts } from '../src/digest.js';
import { Database } from '../src/model.js';
import { startReceivers } from '../src/peers.js';
import { killChildren } from '../src/processes.js';
import { startServer } from '../src/server-handle.js';
import { SIZES } from '../src/sizes.js';
import { every } from '../src/time.js';

const { projects: projectCount, clientsPerProject, changes } = SIZES.isolation;
const projects = Array.from({ length: projectCount }, (_, i) => `iso${i}`);
/** One token per project, and one that sees the first two. */
const tokens: Record<string, string[]> = {
  ...Object.fromEntries(projects.map((p) => [`token-${p}`, [p]])),
  'token-both': [projects[0]!, projects[1]!],
};
const ORIGIN = 'https://app.example';

afterEach(killChildren);

/** A raw connection's outcome: the HTTP status of a refused upgrade, or the close code; and every frame it got. */
async function attempt(url: string, origin?: string): Promise<{ status?: number; code?: number; frames: number }> {
  const ws = new WebSocket(url, origin ? { headers: { Origin: origin } } : {});
  let frames = 0;
  ws.on('message', () => {
    frames += 1;
  });
  ws.on('error', () => {});
  const refused = new Promise<{ status: number }>((resolve) => {
    ws.on('unexpected-response', (_request, response: IncomingMessage) => {
      resolve({ status: response.statusCode ?? 0 });
      response.resume();
    });
  });
  const closed = once(ws, 'close').then(([code]) => ({ code: code as number }));
  const outcome = await Promise.race([refused, closed]);
  ws.terminate();
  return { ...outcome, frames };
}

describe('isolation and auth', () => {
  it('refuse without credentials (4401), for another project (4403) and from a disallowed Origin (HTTP 403), with zero frames', async () => {
    const db = new Database(projects.slice(0, 2), 3);
    const server = await startServer({ port: 0, tokens, allowedOrigins: [ORIGIN] }, db.facts.values());
    const url = (query: string) => `${server!.url}?protocol=1&${query}`;
    expect(await attempt(url(`projectId=${projects[0]}`))).toEqual({ code: 4401, frames: 0 });
    expect(await attempt(url(`projectId=${projects[0]}&token=forged`))).toEqual({ code: 4401, frames: 0 });
    expect(await attempt(url(`projectId=${projects[1]}&token=token-${projects[0]}`))).toEqual({
      code: 4403,
      frames: 0,
    });
    expect(await attempt(url(`projectId=${projects[0]}&token=token-${projects[0]}`), 'https://evil.example')).toEqual({
      status: 403,
      frames: 0,
    });
    // The same credentials from the allowed Origin are served: the refusals above were the checks, not a broken server.
    const allowed = new WebSocket(url(`projectId=${projects[0]}&token=token-${projects[0]}`), {
      headers: { Origin: ORIGIN },
    });
    const [hello] = await once(allowed, 'message');
    expect(JSON.parse(String(hello))).toMatchObject({ type: 'hello', projectId: projects[0] });
    allowed.terminate();
  });

  it(`lets no frame cross projects: ${projectCount} projects × ${clientsPerProject} clients through ${changes} random changes and moves`, async () => {
    const db = new Database(projects, 10);
    const server = await startServer({ port: 0, tokens, service: { coalesceMs: 0 } }, db.facts.values());
    const specs = projects.flatMap((projectId, p) =>
      Array.from({ length: clientsPerProject }, (_, c) => {
        // Some clients of the first two projects hold the token that may see both.
        const token = p < 2 && c % 2 === 0 ? 'token-both' : `token-${projectId}`;
        return { url: `${server!.url}?projectId=${projectId}&protocol=1&token=${token}`, projectId };
      }),
    );
    const receivers = await startReceivers();
    expect(await receivers.connect(specs, true)).toBe(specs.length);

    let next = 10;
    const flow = every(5, changes / 5, (i) => {
      const ops = [];
      for (let k = 0; k < 5; k += 1) {
        const n = i * 5 + k;
        const projectId = projects[(n * 7) % projects.length]!;
        const ids = db.workspaceIds(projectId);
        if (n % 50 === 49 && ids.length > 2) {
          // A move to another project: a removal here, an upsert there.
          const moved = db.facts.get(ids[n % ids.length]!)!;
          ops.push(db.put({ ...moved, projectId: projects[(n * 7 + 1) % projects.length]! }));
        } else if (n % 23 === 0) {
          ops.push(db.put(db.workspace(projectId, next++)));
        } else if (n % 31 === 0 && ids.length > 2) {
          ops.push(db.delete(ids[n % ids.length]!));
        } else {
          ops.push(db.change(ids[n % ids.length]!));
        }
      }
      server?.ops(ops);
    });
    await flow.done;
    const targets = await server.targets(projects);
    for (const target of targets) expect(target.digest).toBe(digestOfFacts(db.project(target.projectId)));
    await receivers.converged(targets);
    const { receivers: reports } = await receivers.report();
    const frames = reports.reduce((sum, r) => sum + r.frames, 0);
    console.log(
      `[chaos] isolation: ${frames} frames to ${reports.length} clients on ${projectCount} projects, each checked`,
    );
    for (const report of reports) {
      expect(report).toMatchObject({ foreign: 0, unknownRemovals: 0, invalid: 0, gaps: 0, closeCode: null });
    }
  });
});

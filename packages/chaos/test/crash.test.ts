// Item 1 of RELIABILITY.md: the server process killed with SIGKILL while 50 clients watch and changes flow, then
// started again on the same port (a new epoch). Every client converges to the new server's state, a workspace removed
// while it was down included, within 2 s of it listening.
import { afterEach, describe, expect, it } from 'vitest';
import { digestOfFacts } from '../src/digest.js';
import { Database } from '../src/model.js';
import { startClients } from '../src/peers.js';
import { killChildren } from '../src/processes.js';
import { prepareServer, startServer } from '../src/server-handle.js';
import { SIZES } from '../src/sizes.js';
import { every } from '../src/time.js';

const { clients: clientCount, projects: projectCount, workspaces, changesPerSecond, restarts } = SIZES.crash;
const projects = Array.from({ length: projectCount }, (_, i) => `crash${i}`);
const config = { port: 0, service: { coalesceMs: 0 } };

afterEach(killChildren);

describe('a server killed with SIGKILL', () => {
  it(`and started again on its port: ${clientCount} clients converge to the new epoch within 2 s of it listening, removals made while it was down included (${restarts} restarts)`, async () => {
    const db = new Database(projects, workspaces);
    let server = await startServer(config, db.facts.values());
    const clients = await startClients();
    await clients.connect(
      server.url,
      Array.from({ length: clientCount }, (_, i) => projects[i % projects.length]!),
    );
    const figures: number[] = [];
    for (let restart = 0; restart < restarts; restart += 1) {
      const before = await server.targets(projects);
      // Changes flow for a while, and the process dies in the middle of them.
      const flow = every(1000 / changesPerSecond, changesPerSecond, (i) => {
        const ids = db.workspaceIds(projects[i % projects.length]!);
        server?.ops([db.change(ids[(i * 7) % ids.length]!)]);
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      // The next process loads (imports, seeding) before the old one dies, as a supervisor's replacement would.
      const next = await prepareServer({ ...config, port: server.port }, []);
      server.signal('SIGKILL');
      await server.exited;
      flow.stop();
      // While it is down: a workspace removed and another changed in the database.
      for (const projectId of projects) {
        const ids = db.workspaceIds(projectId);
        db.delete(ids[restart % ids.length]!);
        db.change(ids[(restart + 1) % ids.length]!);
      }
      await next.request({ type: 'seed', facts: [...db.facts.values()] });
      await next.listen();
      server = next;
      const targets = projects.map((projectId) => ({ projectId, digest: digestOfFacts(db.project(projectId)) }));
      const convergedAt = await clients.converged(targets);
      figures.push(convergedAt - next.listeningAt);
      const after = await server.targets(projects);
      const reports = await clients.report();
      for (const report of reports) {
        const target = after.find((t) => t.projectId === report.projectId)!;
        expect(report.epoch).toBe(target.epoch);
        expect(report.epoch).not.toBe(before.find((t) => t.projectId === report.projectId)!.epoch);
        expect(report.digest).toBe(target.digest);
      }
      expect(convergedAt - next.listeningAt).toBeLessThanOrEqual(2000);
    }
    console.log(`[chaos] crash: converged ${figures.join(', ')} ms after listening`);
  });
});

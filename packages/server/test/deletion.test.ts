// A project deleted at the source: its subscribers are closed with 4404 and it is unloaded, so that nobody is served an
// empty project as if it existed.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSource, facts, type Harness, startHarness, type TestClient } from './helpers.js';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

/** What happens next to a client: it is closed, or it receives a frame. */
function outcome(client: TestClient): Promise<string> {
  return Promise.race([
    client.closed.then(({ code }) => `closed with ${code}`),
    client.next().then((message) => `received ${message.type}`),
  ]);
}

function deleteProject(source: FakeSource, projectId: string): void {
  source.projects.delete(projectId);
  for (const [workspaceId, f] of source.facts) if (f.projectId === projectId) source.facts.delete(workspaceId);
}

async function twoProjects() {
  const source = new FakeSource([facts('w1', 'p1'), facts('w2', 'p1'), facts('x1', 'p2')]);
  harness = await startHarness(source);
  const clients = [harness.connect(), harness.connect(), harness.connect({ projectId: 'p2', protocol: '1' })];
  await Promise.all(clients.map((client) => client.hello()));
  return { source, harness, clients };
}

describe('a project deleted at the source', () => {
  it('is unloaded at reconciliation, its subscribers closed with 4404, and new connections refused with 4404', async () => {
    const { source, harness, clients } = await twoProjects();
    const [a, b, other] = clients as [TestClient, TestClient, TestClient];
    deleteProject(source, 'p1');
    const outcomes = Promise.all([outcome(a), outcome(b)]);
    await harness.service.reconcile();
    expect(await outcomes).toEqual(['closed with 4404', 'closed with 4404']);
    expect(await harness.feed.state('p1')).toBeNull();
    const late = harness.connect();
    await late.opened;
    expect((await late.closed).code).toBe(4404);
    expect(late.frames).toEqual([]);
    // The other project is served as before.
    source.change('x1', { name: 'still here' });
    harness.service.invalidate('x1');
    expect(await other.next()).toMatchObject({ type: 'upsert', snapshot: { name: 'still here' } });
  });

  it('is unloaded when the host signals it with reconcile(projectId), which reloads that project only', async () => {
    const { source, harness, clients } = await twoProjects();
    deleteProject(source, 'p1');
    const calls = source.projectCalls;
    const outcomes = Promise.all(clients.slice(0, 2).map(outcome));
    await harness.service.reconcile('p1');
    expect(await outcomes).toEqual(['closed with 4404', 'closed with 4404']);
    expect(source.projectCalls).toBe(calls + 1);
    expect(clients[2]!.ws.readyState).toBe(clients[2]!.ws.OPEN);
  });

  it('loads again, as a new epoch, once the source has the project again', async () => {
    const { source, harness, clients } = await twoProjects();
    const { epoch } = await clients[0]!.hello();
    deleteProject(source, 'p1');
    await harness.service.reconcile('p1');
    source.put(facts('w9', 'p1'));
    const hello = await harness.connect().hello();
    expect(hello).toMatchObject({ resumed: false, seq: 0, snapshots: [{ workspaceId: 'w9' }] });
    expect(hello.epoch).not.toBe(epoch);
  });
});

import { describe, expect, it } from 'vitest';
import { FakeSource, facts, startHarness, until } from './helpers.js';

const WATCHED = ['Timeout', 'Immediate', 'TCPSocketWrap', 'TCPServerWrap'];

function handles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo())
    if (WATCHED.includes(kind)) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

describe('shutdown', () => {
  it('leaves no timer or socket behind after endpoint.close() and service.stop()', async () => {
    const before = handles();
    const source = new FakeSource([facts('w1'), facts('w2')]);
    const harness = await startHarness(
      source,
      { reconcileIntervalMs: 60_000, idleUnloadMs: 60_000, sourceTimeoutMs: 60_000 },
      { heartbeatMs: 60_000 },
    );
    harness.service.start();
    const leaving = harness.connect();
    const staying = harness.connect();
    await Promise.all([leaving.hello(), staying.hello()]);
    // An idle-unload timer of another project, a pending coalesced run and a source read that never answers.
    const other = harness.connect({ projectId: 'p1', protocol: '1' });
    await other.hello();
    leaving.ws.close();
    await leaving.closed;
    source.onLoadWorkspace = () => new Promise<never>(() => {});
    harness.service.invalidate('w1');
    harness.service.invalidate('w2');
    await new Promise((resolve) => setImmediate(resolve));
    harness.service.invalidate('w1');
    expect(handles()).not.toEqual(before);
    await harness.close();
    // A closed server's handle is released a turn of the event loop after its close callback.
    await until(() => JSON.stringify(handles()) === JSON.stringify(before), 1000).catch(() => {});
    expect(handles()).toEqual(before);
    expect((await staying.closed).code).toBe(1001);
  });

  it('makes every caller of service.stop() wait until in-flight work has ended, not just the first', async () => {
    const source = new FakeSource([facts('w1')]);
    const harness = await startHarness(source);
    await harness.connect().hello();
    let releaseRead = () => {};
    source.onLoadWorkspace = () =>
      new Promise((resolve) => {
        releaseRead = () => resolve(null);
      });
    harness.service.invalidate('w1');
    await until(() => source.workspaceCalls.get('w1')?.length === 1);
    await harness.endpoint.close();
    let firstDone = false;
    const first = harness.service.stop().then(() => {
      firstDone = true;
    });
    await harness.service.stop();
    expect(firstDone).toBe(true);
    await first;
    releaseRead();
    await harness.close();
  });
});

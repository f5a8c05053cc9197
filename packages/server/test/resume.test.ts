import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore, type SnapshotStore } from '../src/index.js';
import { FakeSource, facts, type Harness, startHarness, until } from './helpers.js';

const harnesses: Harness[] = [];
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
});

async function start(...args: Parameters<typeof startHarness>): Promise<Harness> {
  const harness = await startHarness(...args);
  harnesses.push(harness);
  return harness;
}

async function commitRenames(harness: Harness, source: FakeSource, names: string[]): Promise<void> {
  for (const name of names) {
    source.change('w1', { name });
    harness.service.invalidate('w1');
    await harness.service.flush();
  }
}

const resume = (epoch: string, seq: number) => ({ projectId: 'p1', protocol: '1', epoch, seq: String(seq) });

describe('resume and epochs', () => {
  it('resumes inside the replay window with a resumed hello and exactly the missed frames', async () => {
    const source = new FakeSource([facts('w1'), facts('w2')]);
    const harness = await start(source);
    const watcher = harness.connect();
    const { epoch } = await watcher.hello();
    await commitRenames(harness, source, ['a', 'b', 'c', 'd', 'e']);
    await watcher.reach(5);
    const client = harness.connect(resume(epoch, 3));
    expect(await client.hello()).toEqual({ type: 'hello', protocol: 1, projectId: 'p1', epoch, seq: 3, resumed: true });
    await client.reach(5);
    expect(client.stream.map((m) => m.seq)).toEqual([4, 5]);
    expect(client.frames.slice(1)).toEqual(watcher.frames.slice(4));
    // Nothing else follows; the next change is the next seq.
    await commitRenames(harness, source, ['f']);
    await client.reach(6);
    expect(client.stream.map((m) => m.seq)).toEqual([4, 5, 6]);
    expect(client.messages).toHaveLength(4);
  });

  it('answers a resume at the current seq with a resumed hello and nothing else', async () => {
    const source = new FakeSource([facts('w1')]);
    const harness = await start(source);
    const { epoch } = await harness.connect().hello();
    await commitRenames(harness, source, ['a']);
    const client = harness.connect(resume(epoch, 1));
    expect(await client.hello()).toMatchObject({ resumed: true, seq: 1 });
    await commitRenames(harness, source, ['b']);
    await client.reach(2);
    expect(client.stream.map((m) => m.seq)).toEqual([2]);
  });

  it('answers a full hello when the resume point is older than the replay window', async () => {
    const source = new FakeSource([facts('w1')]);
    const harness = await start(source, { replayLimit: 2 });
    const { epoch } = await harness.connect().hello();
    await commitRenames(harness, source, ['a', 'b', 'c', 'd', 'e']);
    const client = harness.connect(resume(epoch, 2));
    expect(await client.hello()).toMatchObject({ resumed: false, seq: 5, snapshots: [{ name: 'e', version: 5 }] });
    const inside = harness.connect(resume(epoch, 3));
    expect(await inside.hello()).toMatchObject({ resumed: true, seq: 3 });
  });

  it('resumes within the store’s replay window, however large it is set', async () => {
    const source = new FakeSource([facts('w1')]);
    const harness = await start(source, { replayLimit: 1_200, coalesceMs: 0 });
    const { epoch } = await harness.connect().hello();
    await commitRenames(
      harness,
      source,
      Array.from({ length: 1_100 }, (_, i) => `name ${i}`),
    );
    const client = harness.connect(resume(epoch, 0));
    expect(await client.hello()).toMatchObject({ resumed: true, seq: 0 });
    await client.reach(1_100);
    expect(client.stream).toHaveLength(1_100);
  });

  it('answers a full hello to another epoch, or a seq newer than the server’s', async () => {
    const source = new FakeSource([facts('w1')]);
    const harness = await start(source);
    const { epoch } = await harness.connect().hello();
    await commitRenames(harness, source, ['a']);
    expect(await harness.connect(resume('not-this-one', 1)).hello()).toMatchObject({ resumed: false, epoch, seq: 1 });
    expect(await harness.connect(resume(epoch, 9)).hello()).toMatchObject({ resumed: false, epoch, seq: 1 });
  });

  it('starts a new epoch when the service is recreated, and answers the old epoch with a full hello', async () => {
    const source = new FakeSource([facts('w1')]);
    const first = await start(source);
    const { epoch } = await first.connect().hello();
    await commitRenames(first, source, ['a', 'b']);
    await first.close();
    harnesses.splice(harnesses.indexOf(first), 1);
    const second = await start(source);
    const hello = await second.connect(resume(epoch, 2)).hello();
    expect(hello).toMatchObject({ resumed: false, seq: 0, snapshots: [{ name: 'b', version: 0 }] });
    expect(hello.epoch).not.toBe(epoch);
  });

  it('unloads a project its last subscriber left for idleUnloadMs, and starts a new epoch next time', async () => {
    const source = new FakeSource([facts('w1')]);
    const harness = await start(source, { idleUnloadMs: 20 });
    const client = harness.connect();
    const { epoch } = await client.hello();
    client.ws.close();
    await client.closed;
    await until(() => harness.logger.entries.some((e) => e.message.startsWith('project unloaded')));
    expect(await harness.feed.state('p1')).toBeNull();
    const next = await harness.connect().hello();
    expect(next.epoch).not.toBe(epoch);
  });

  it('keeps a project loaded when a subscriber comes back within idleUnloadMs', async () => {
    const source = new FakeSource([facts('w1')]);
    const harness = await start(source, { idleUnloadMs: 60_000 });
    const client = harness.connect();
    const { epoch } = await client.hello();
    client.ws.close();
    await client.closed;
    expect((await harness.connect().hello()).epoch).toBe(epoch);
    expect(source.projectCalls).toBe(1);
  });

  it('lets an idle unload that is still finishing in the store not erase the next subscriber’s new epoch', async () => {
    const source = new FakeSource([facts('w1')]);
    const memory = createMemoryStore();
    let finishUnload = () => {};
    // A shared store's unload is a round trip: it can still be running when the next subscriber arrives.
    const store: SnapshotStore = {
      ...memory,
      unload: (projectId) =>
        new Promise<void>((resolve) => {
          finishUnload = () => {
            void memory.unload(projectId).then(resolve);
          };
        }),
    };
    const harness = await start(source, { idleUnloadMs: 0, store });
    const first = harness.connect();
    await first.hello();
    first.ws.close();
    await first.closed;
    await until(() => harness.logger.entries.some((e) => e.message.startsWith('project unloaded')));
    const next = harness.connect();
    // The new load waits for the unload; without waiting it would be erased by it.
    await until(() => source.projectCalls === 2);
    finishUnload();
    await next.hello();
    source.change('w1', { name: 'after the new load' });
    harness.service.invalidate('w1');
    await harness.service.flush();
    expect(await harness.feed.state('p1')).toMatchObject({ seq: 1 });
    await next.reach(1);
    expect(next.snapshots.get('w1')?.name).toBe('after the new load');
  });
});

import type { SnapshotClient } from '@livesnap/client';
import { MockSnapshotServer, waitForState } from '@livesnap/client/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clientOf, facts, manualFrames } from '../test/support.js';
import { createDevtoolsRecorder } from './recorder.js';

let clients: SnapshotClient[] = [];
afterEach(() => {
  for (const client of clients) client.close();
  clients = [];
});

async function setup(logLimit?: number) {
  const server = new MockSnapshotServer({ workspaces: [facts('a')], instance: 'node-a' });
  const client = clientOf(server);
  clients.push(client);
  const frames = manualFrames();
  const recorder = createDevtoolsRecorder(client, { logLimit, frames: frames.source });
  const stop = recorder.start();
  client.connect();
  await waitForState(client.store, (s) => s.status === 'open');
  return { server, client, frames, recorder, stop };
}

describe('the recorder', () => {
  it('publishes at most once an animation frame, however many frames arrive', async () => {
    const { server, client, frames, recorder } = await setup();
    const listener = vi.fn();
    recorder.subscribe(listener);
    for (let i = 1; i <= 50; i++) server.upsert(facts(`w${i}`));
    await waitForState(client.store, (s) => s.seq === 50);
    expect(listener).not.toHaveBeenCalled();
    frames.frame();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(recorder.getView().log).toHaveLength(51);
    expect(recorder.getView().state).toBe(client.store.getState());
  });

  it('records while nobody looks, asks for no frame, and shows it all to the first who subscribes', async () => {
    const { server, client, frames, recorder } = await setup();
    server.upsert(facts('b'));
    await waitForState(client.store, (s) => s.seq === 1);
    expect(frames.pending.size).toBe(0);
    recorder.subscribe(() => {});
    expect(recorder.getView().log.map((e) => e.frameType)).toEqual(['hello', 'upsert']);
    expect(recorder.getView().timeline.map((e) => e.cause.kind)).toEqual(['connect', 'hello']);
  });

  it('keeps the identity of each part of the view that did not change', async () => {
    const { server, client, frames, recorder } = await setup();
    recorder.subscribe(() => {});
    server.upsert(facts('b'));
    await waitForState(client.store, (s) => s.seq === 1);
    frames.frame();
    const before = recorder.getView();
    server.duplicateLast();
    await waitForState(client.store, (s) => s.stats.messages === 3);
    frames.frame();
    const after = recorder.getView();
    expect(after.log).not.toBe(before.log);
    expect(after.state).not.toBe(before.state);
    expect(after.state.workspaces).toBe(before.state.workspaces);
    expect(after.timeline).toBe(before.timeline);
  });

  it("holds the current connection's hello, and none once it ended", async () => {
    const { server, client, frames, recorder } = await setup();
    recorder.subscribe(() => {});
    expect(recorder.getView().hello).toMatchObject({ instance: 'node-a', resumed: false, workspaces: 1 });
    server.refuse(4404);
    server.drop();
    await waitForState(client.store, (s) => s.status === 'closed');
    frames.frame();
    expect(recorder.getView().hello).toBeNull();
  });

  it('keeps at most logLimit frames and counts the ones it let go', async () => {
    const { server, client, recorder } = await setup(3);
    for (let i = 1; i <= 10; i++) server.upsert(facts(`w${i}`));
    await waitForState(client.store, (s) => s.seq === 10);
    recorder.subscribe(() => {});
    expect(recorder.getView().log.map((e) => (e.type === 'frame-in' ? e.seq : null))).toEqual([8, 9, 10]);
    expect(recorder.getView().logDropped).toBe(8);
  });

  it('hears nothing more once stopped', async () => {
    const { server, client, frames, recorder, stop } = await setup();
    const listener = vi.fn();
    recorder.subscribe(listener);
    stop();
    server.upsert(facts('b'));
    await waitForState(client.store, (s) => s.seq === 1);
    frames.frame();
    expect(listener).not.toHaveBeenCalled();
    expect(frames.pending.size).toBe(0);
  });
});

// The panel stays light: its sections render at most once an animation frame, and only those whose data changed.
// Frames come when the test says (the recorder's frame source), and the age cells' clock ticks only when the test
// moves the fake time (intervals and Date).
import type { SnapshotClient } from '@livesnap/client';
import { MockSnapshotServer } from '@livesnap/client/testing';
import { act, render, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MessageLog } from '../src/message-log.js';
import { createDevtoolsRecorder } from '../src/recorder.js';
import { Timeline } from '../src/timeline.js';
import { DEFAULT_FIELDS, WorkspaceTable } from '../src/workspace-table.js';
import { clientOf, deliver, facts, manualFrames } from './support.js';

let client: SnapshotClient;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
});

afterEach(() => {
  client.close();
  vi.useRealTimers();
});

async function setup(serverNow?: () => Date) {
  const server = new MockSnapshotServer({
    workspaces: [facts('a'), facts('b'), facts('c')],
    ...(serverNow === undefined ? {} : { now: serverNow }),
  });
  client = clientOf(server);
  const frames = manualFrames();
  const recorder = createDevtoolsRecorder(client, { frames: frames.source });
  const commits = { log: 0, table: 0, timeline: 0 };
  const count = (id: string) => {
    commits[id as keyof typeof commits] += 1;
  };
  render(
    <>
      <Profiler id="log" onRender={count}>
        <MessageLog recorder={recorder} limit={500} />
      </Profiler>
      <Profiler id="table" onRender={count}>
        <WorkspaceTable recorder={recorder} fields={DEFAULT_FIELDS} />
      </Profiler>
      <Profiler id="timeline" onRender={count}>
        <Timeline recorder={recorder} />
      </Profiler>
    </>,
  );
  await act(async () => recorder.start());
  await deliver(
    client,
    () => client.connect(),
    (s) => s.status === 'open',
  );
  act(() => frames.frame());
  const reset = () => Object.assign(commits, { log: 0, table: 0, timeline: 0 });
  reset();
  return { server, frames, commits };
}

describe('render isolation', () => {
  it('renders a burst of 30 frames once, at the next animation frame', async () => {
    const { server, frames, commits } = await setup();
    await deliver(
      client,
      () => {
        for (let i = 0; i < 30; i++) server.upsert(facts('a', { name: `a${i}` }));
      },
      (s) => s.seq === 30,
    );
    expect(commits).toEqual({ log: 0, table: 0, timeline: 0 });
    act(() => frames.frame());
    expect(commits).toEqual({ log: 1, table: 1, timeline: 0 });
  });

  it('re-renders the log, not the workspace table or the timeline, for frames that change no workspace', async () => {
    const { server, frames, commits } = await setup();
    await deliver(
      client,
      () => server.upsert(facts('a', { name: 'renamed' })),
      (s) => s.seq === 1,
    );
    act(() => frames.frame());
    Object.assign(commits, { log: 0, table: 0, timeline: 0 });
    for (let i = 0; i < 5; i++) {
      await deliver(
        client,
        () => server.duplicateLast(),
        (s) => s.stats.messages === 3 + i,
      );
      act(() => frames.frame());
    }
    expect(commits).toEqual({ log: 5, table: 0, timeline: 0 });
  });

  it('re-renders the timeline, and not the table, for a transition that changes no workspace', async () => {
    const { frames, commits } = await setup();
    await deliver(
      client,
      () => client.resync(),
      (s) => s.stats.messages === 2,
    );
    act(() => frames.frame());
    expect(commits.timeline).toBe(1);
    expect(commits.table).toBe(0);
  });

  it('re-renders an age cell as the clock ticks only when its text changes', async () => {
    // Every workspace was computed ten minutes ago ("10 min"); then `a` changes now ("0 s").
    let computedAt = new Date(Date.now() - 10 * 60_000);
    const { server, frames, commits } = await setup(() => computedAt);
    const age = (id: string) =>
      screen.getByRole('button', { name: id }).closest('tr')!.querySelector('.lsd-age')!.textContent;
    expect(age('a')).toBe('10 min');
    act(() => vi.advanceTimersByTime(1_000));
    expect(commits.table).toBe(0);
    computedAt = new Date(Date.now());
    await deliver(
      client,
      () => server.upsert(facts('a', { name: 'renamed' })),
      (s) => s.seq === 1,
    );
    act(() => frames.frame());
    expect(age('a')).toBe('0 s');
    commits.table = 0;
    act(() => vi.advanceTimersByTime(1_000));
    expect(commits.table).toBe(1);
    expect([age('a'), age('b'), age('c')]).toEqual(['1 s', '10 min', '10 min']);
  });
});

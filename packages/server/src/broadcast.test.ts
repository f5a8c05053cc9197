import type { CommittedMessage } from '@livesnap/protocol';
import { makeSnapshot } from '@livesnap/protocol/testing';
import { describe, expect, it, vi } from 'vitest';
import { createBroadcaster } from './broadcast.js';

const remove = (seq: number): CommittedMessage => ({ type: 'remove', seq, workspaceId: `w${seq}` });
const event = (...seqs: number[]) => ({ projectId: 'p1', epoch: 'e1', messages: seqs.map(remove) });
const seqsOf = (frames: Buffer[]) =>
  frames.flatMap((frame) => {
    const parsed = JSON.parse(frame.toString()) as { type: string; seq?: number; messages?: { seq: number }[] };
    return parsed.type === 'batch' ? parsed.messages!.map((m) => m.seq) : [parsed.seq!];
  });

describe('broadcast', () => {
  it('sends the same string to every live member, and nothing to other projects', () => {
    const broadcaster = createBroadcaster(10_000);
    const a: Buffer[] = [];
    const b: Buffer[] = [];
    const other: Buffer[] = [];
    broadcaster.goLive(
      broadcaster.join(
        'p1',
        1,
        (f) => a.push(f),
        () => {},
      ),
      'e1',
      0,
    );
    broadcaster.goLive(
      broadcaster.join(
        'p1',
        1,
        (f) => b.push(f),
        () => {},
      ),
      'e1',
      0,
    );
    broadcaster.goLive(
      broadcaster.join(
        'p2',
        1,
        (f) => other.push(f),
        () => {},
      ),
      'e1',
      0,
    );
    broadcaster.publish(event(1));
    broadcaster.publish(event(2, 3));
    expect(a).toEqual(b);
    expect(a[0]).toBe(b[0]);
    expect(JSON.parse(a[1]!.toString())).toMatchObject({ type: 'batch' });
    expect(other).toEqual([]);
  });

  it('buffers while waiting for the hello and then sends only what is newer than it', () => {
    const broadcaster = createBroadcaster(10_000);
    const frames: Buffer[] = [];
    const member = broadcaster.join(
      'p1',
      1,
      (f) => frames.push(f),
      () => {},
    );
    broadcaster.publish(event(1));
    broadcaster.publish(event(2, 3));
    broadcaster.publish(event(4));
    broadcaster.goLive(member, 'e1', 2);
    broadcaster.publish(event(5));
    expect(seqsOf(frames)).toEqual([3, 4, 5]);
  });

  it('replays the missed messages of a resume before the buffered ones, without duplicates', () => {
    const broadcaster = createBroadcaster(10_000);
    const frames: Buffer[] = [];
    const member = broadcaster.join(
      'p1',
      1,
      (f) => frames.push(f),
      () => {},
    );
    broadcaster.publish(event(4));
    broadcaster.publish(event(5));
    broadcaster.goLive(member, 'e1', 2, [remove(3), remove(4)]);
    expect(seqsOf(frames)).toEqual([3, 4, 5]);
  });

  it('sends nothing to a member that left, even from inside a delivery', () => {
    const broadcaster = createBroadcaster(10_000);
    const frames: Buffer[] = [];
    const member = broadcaster.join(
      'p1',
      1,
      (f) => {
        frames.push(f);
        broadcaster.leave(member);
      },
      () => {},
    );
    broadcaster.goLive(member, 'e1', 0);
    broadcaster.publish(event(1));
    broadcaster.publish(event(2));
    expect(seqsOf(frames)).toEqual([1]);
    expect(broadcaster.count('p1')).toBe(0);
  });

  it('serializes a replayed or buffered message once, however many members resume or join with it', () => {
    const broadcaster = createBroadcaster(10_000);
    const missed = [remove(3), remove(4)];
    const committed = event(5, 6);
    const members = Array.from({ length: 10 }, () =>
      broadcaster.join(
        'p1',
        1,
        () => {},
        () => {},
      ),
    );
    broadcaster.publish(committed);
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      for (const member of members) broadcaster.goLive(member, 'e1', 2, missed);
      // Two replayed messages and one buffered batch, each serialized once for all ten members.
      expect(stringify).toHaveBeenCalledTimes(3);
    } finally {
      stringify.mockRestore();
    }
  });

  it('drops a waiting member whose buffer passes the limit, and tells it', () => {
    const broadcaster = createBroadcaster(3);
    const frames: Buffer[] = [];
    let overflowed = 0;
    const member = broadcaster.join(
      'p1',
      1,
      (f) => frames.push(f),
      () => overflowed++,
    );
    broadcaster.publish(event(1, 2));
    broadcaster.publish(event(3));
    expect(overflowed).toBe(0);
    broadcaster.publish(event(4));
    expect(overflowed).toBe(1);
    expect(member.phase).toBe('gone');
    expect(broadcaster.count('p1')).toBe(0);
    broadcaster.goLive(member, 'e1', 0);
    broadcaster.publish(event(5));
    expect(frames).toEqual([]);
  });

  it('writes each commit once per version: whole upserts to version 1, patches to version 2, with the same seq', () => {
    const broadcaster = createBroadcaster(10_000);
    const before = makeSnapshot({ workspaceId: 'w1' }, { version: 3 });
    const after = makeSnapshot({ workspaceId: 'w1', isSessionWorking: true }, { version: 7, source: 'event' });
    const upsert: CommittedMessage = {
      type: 'upsert',
      seq: 7,
      snapshot: after,
      change: { fields: ['isSessionWorking', 'isWorking'], baseVersion: before.version },
    };
    const received = { 1: [] as Buffer[][], 2: [] as Buffer[][] };
    for (const protocol of [1, 2, 1, 2] as const) {
      const frames: Buffer[] = [];
      received[protocol].push(frames);
      broadcaster.goLive(
        broadcaster.join(
          'p1',
          protocol,
          (f) => frames.push(f),
          () => {},
        ),
        'e1',
        6,
      );
    }
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      broadcaster.publish({ projectId: 'p1', epoch: 'e1', messages: [upsert] });
      expect(stringify).toHaveBeenCalledTimes(2);
    } finally {
      stringify.mockRestore();
    }
    const [v1a, v1b] = received[1];
    const [v2a, v2b] = received[2];
    expect(v1a![0]).toBe(v1b![0]);
    expect(v2a![0]).toBe(v2b![0]);
    expect(JSON.parse(v1a![0]!.toString())).toEqual({ type: 'upsert', seq: 7, snapshot: after });
    expect(JSON.parse(v2a![0]!.toString())).toEqual({
      type: 'patch',
      seq: 7,
      workspaceId: 'w1',
      baseVersion: 3,
      version: 7,
      computedAt: after.computedAt,
      source: 'event',
      set: { isSessionWorking: true, isWorking: true },
    });
  });
});

import type { FullHelloMessage, StreamMessage, WorkspaceSnapshot } from '@livesnap/protocol';
import { changedFields, messageInVersion } from '@livesnap/protocol';
import { makeSnapshot } from '@livesnap/protocol/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  decideStreamMessage,
  initialSequenceState,
  receiveHello,
  receiveStream,
  type SequenceState,
  versionOf,
} from './sequence.js';

const ws = (id: string, version: number, name = `Workspace ${id}`): WorkspaceSnapshot =>
  makeSnapshot({ workspaceId: id, name }, { version });

function fullHello(epoch: string, seq: number, snapshots: WorkspaceSnapshot[]): FullHelloMessage {
  return { type: 'hello', protocol: 1, projectId: 'p1', epoch, seq, resumed: false, snapshots };
}

function helloed(epoch: string, seq: number, snapshots: WorkspaceSnapshot[]): SequenceState {
  const outcome = receiveHello(initialSequenceState(), fullHello(epoch, seq, snapshots));
  if (outcome.kind === 'rejected') throw new Error(outcome.reason);
  return outcome.state;
}

const upsert = (seq: number, snapshot: WorkspaceSnapshot): StreamMessage => ({ type: 'upsert', seq, snapshot });
const remove = (seq: number, workspaceId: string): StreamMessage => ({ type: 'remove', seq, workspaceId });

describe('decideStreamMessage', () => {
  const state = { seq: 10, awaitingHello: false };
  it('applies lastSeq + 1', () => expect(decideStreamMessage(state, 11)).toBe('apply'));
  it('ignores a duplicate at or below lastSeq', () => {
    expect(decideStreamMessage(state, 10)).toBe('duplicate');
    expect(decideStreamMessage(state, 3)).toBe('duplicate');
  });
  it('reports a gap beyond lastSeq + 1', () => expect(decideStreamMessage(state, 12)).toBe('gap'));
  it('ignores everything while awaiting a hello', () => {
    expect(decideStreamMessage({ seq: 10, awaitingHello: true }, 11)).toBe('awaiting-hello');
    expect(decideStreamMessage({ seq: null, awaitingHello: false }, 1)).toBe('awaiting-hello');
  });
});

describe('receiveHello', () => {
  it('takes a full hello as the whole state', () => {
    const state = helloed('e1', 5, [ws('a', 1), ws('b', 5)]);
    expect(state).toMatchObject({ epoch: 'e1', seq: 5, awaitingHello: false });
    expect([versionOf(state, 'a'), versionOf(state, 'b')]).toEqual([1, 5]);
    expect([...state.workspaces.keys()].sort()).toEqual(['a', 'b']);
  });

  it('keeps the object of a workspace whose visible fields are equal, and replaces the others', () => {
    const before = helloed('e1', 5, [ws('a', 1), ws('b', 2)]);
    const outcome = receiveHello(before, fullHello('e1', 9, [ws('a', 1), ws('b', 7, 'renamed'), ws('c', 8)]));
    if (outcome.kind !== 'replaced') throw new Error('expected replaced');
    expect(outcome.state.workspaces.get('a')).toBe(before.workspaces.get('a'));
    expect(outcome.state.workspaces.get('b')?.name).toBe('renamed');
    expect(outcome.state.workspaces.get('c')).toBeDefined();
    expect(outcome.state.seq).toBe(9);
  });

  it('keeps the whole map when nothing visible changed', () => {
    const before = helloed('e1', 5, [ws('a', 1), ws('b', 2)]);
    const outcome = receiveHello(before, fullHello('e1', 5, [ws('a', 1), ws('b', 2)]));
    expect(outcome.kind === 'replaced' && outcome.state.workspaces).toBe(before.workspaces);
  });

  it('drops the old state on a hello of another epoch, seq and versions included', () => {
    const before = helloed('e1', 50, [ws('a', 40), ws('b', 50)]);
    const outcome = receiveHello(before, fullHello('e2', 0, [ws('a', 0, 'new a')]));
    if (outcome.kind !== 'replaced') throw new Error('expected replaced');
    expect(outcome.state).toMatchObject({ epoch: 'e2', seq: 0 });
    expect([versionOf(outcome.state, 'a'), versionOf(outcome.state, 'b')]).toEqual([0, undefined]);
    expect([...outcome.state.workspaces.keys()]).toEqual(['a']);
    // versions of the new epoch start low again and still apply
    const next = receiveStream(outcome.state, [upsert(1, ws('a', 1, 'newer a'))]);
    expect(next.state.workspaces.get('a')?.name).toBe('newer a');
  });

  it('accepts a resumed hello only for the epoch and seq it holds', () => {
    const held = { ...helloed('e1', 7, [ws('a', 1)]), awaitingHello: true, resumeAsked: true };
    const resumed = receiveHello(held, {
      type: 'hello',
      protocol: 1,
      projectId: 'p1',
      epoch: 'e1',
      seq: 7,
      resumed: true,
    });
    expect(resumed.kind).toBe('resumed');
    expect(resumed.kind === 'resumed' && resumed.state.workspaces).toBe(held.workspaces);
    expect(resumed.kind === 'resumed' && resumed.state.awaitingHello).toBe(false);
    for (const [epoch, seq] of [
      ['e1', 6],
      ['e2', 7],
    ] as const) {
      const outcome = receiveHello(held, { type: 'hello', protocol: 1, projectId: 'p1', epoch, seq, resumed: true });
      expect(outcome.kind).toBe('rejected');
    }
  });
});

describe('receiveHello, resumed hellos the client did not ask for', () => {
  const resumedHello = { type: 'hello', protocol: 1, projectId: 'p1', epoch: 'e1', seq: 7, resumed: true } as const;

  it('rejects one after the connection already had its hello', () => {
    const open = helloed('e1', 7, [ws('a', 1)]);
    expect(receiveHello(open, resumedHello).kind).toBe('rejected');
  });

  it('rejects one in answer to a resync, which asks for the full state', () => {
    const resyncing = { ...helloed('e1', 7, [ws('a', 1)]), awaitingHello: true, resumeAsked: false };
    expect(receiveHello(resyncing, resumedHello).kind).toBe('rejected');
  });

  it('no longer takes one once a hello answered the resume', () => {
    const asked = { ...helloed('e1', 7, [ws('a', 1)]), awaitingHello: true, resumeAsked: true };
    const outcome = receiveHello(asked, resumedHello);
    if (outcome.kind === 'rejected') throw new Error(outcome.reason);
    expect(outcome.state.resumeAsked).toBe(false);
    expect(receiveHello(outcome.state, resumedHello).kind).toBe('rejected');
  });
});

describe('receiveStream', () => {
  /** A fresh state for each use: receiveStream changes the record of versions of the state it is given. */
  let base = helloed('e1', 10, [ws('a', 3), ws('b', 10)]);
  beforeEach(() => {
    base = helloed('e1', 10, [ws('a', 3), ws('b', 10)]);
  });

  it('applies the next message and advances seq', () => {
    const outcome = receiveStream(base, [upsert(11, ws('c', 11))]);
    expect(outcome).toMatchObject({ applied: 1, gap: false });
    expect(outcome.state.seq).toBe(11);
    expect(outcome.state.workspaces.get('c')?.version).toBe(11);
    expect(outcome.state.workspaces.get('a')).toBe(base.workspaces.get('a'));
  });

  it('ignores a duplicate and keeps the state object', () => {
    const outcome = receiveStream(base, [upsert(10, ws('a', 10, 'dup'))]);
    expect(outcome).toMatchObject({ applied: 0, duplicates: 1 });
    expect(outcome.state).toBe(base);
  });

  it('on a gap applies nothing and awaits a hello', () => {
    const outcome = receiveStream(base, [upsert(12, ws('c', 12))]);
    expect(outcome.gap).toBe(true);
    expect(outcome.state.awaitingHello).toBe(true);
    expect(outcome.state.workspaces).toBe(base.workspaces);
    expect(outcome.state.seq).toBe(10);
    expect(receiveStream(outcome.state, [upsert(11, ws('c', 11))]).ignored).toBe(1);
  });

  it('never replaces a snapshot by an equal or lower version of the same epoch, but takes the seq', () => {
    const outcome = receiveStream(base, [
      upsert(11, ws('b', 10, 'stale equal')),
      upsert(12, ws('b', 4, 'stale lower')),
    ]);
    expect(outcome).toMatchObject({ applied: 2, stale: 2 });
    expect(outcome.state.seq).toBe(12);
    expect(outcome.state.workspaces).toBe(base.workspaces);
  });

  it('does not bring a removed workspace back with a version it already had', () => {
    const removed = receiveStream(base, [remove(11, 'b')]).state;
    expect(removed.workspaces.get('b')).toBeUndefined();
    expect(receiveStream(removed, [upsert(12, ws('b', 10))]).state.workspaces.get('b')).toBeUndefined();
    expect(receiveStream(removed, [upsert(12, ws('b', 12))]).state.workspaces.get('b')?.version).toBe(12);
  });

  it('keeps the object of an upsert whose visible fields are equal, while its version advances', () => {
    const outcome = receiveStream(base, [upsert(11, ws('a', 11))]);
    expect(outcome.state.workspaces).toBe(base.workspaces);
    expect(versionOf(outcome.state, 'a')).toBe(11);
    expect(receiveStream(outcome.state, [upsert(12, ws('a', 5, 'stale'))]).stale).toBe(1);
  });

  it('makes a new map for an ordinary upsert, and records versions only where objects cannot tell', () => {
    const outcome = receiveStream(base, [upsert(11, ws('a', 11, 'renamed'))]);
    expect(outcome.state.versions).toBe(base.versions);
    const kept = receiveStream(outcome.state, [upsert(12, ws('a', 12, 'renamed'))]).state;
    expect(kept.versions).toEqual(new Map([['a', 12]]));
    const replaced = receiveStream(kept, [upsert(13, ws('a', 13, 'again'))]).state;
    expect(replaced.versions).toEqual(new Map());
    expect(versionOf(replaced, 'a')).toBe(13);
  });

  it('records a tombstone in place: a remove copies no record of versions, however many it holds', () => {
    // The record of versions is private bookkeeping: copying it on every remove made a long epoch of created and
    // removed workspaces quadratic.
    let state = helloed('e1', 0, [ws('keep', 0)]);
    for (let i = 1; i <= 100; i++) {
      state = receiveStream(state, [upsert(2 * i - 1, ws(`w${i}`, 2 * i - 1))]).state;
      const versions = state.versions;
      state = receiveStream(state, [remove(2 * i, `w${i}`)]).state;
      expect(state.versions).toBe(versions);
    }
    expect(versionOf(state, 'w100')).toBe(199);
    expect([...state.workspaces.keys()]).toEqual(['keep']);
  });

  it('applies a batch exactly as the same messages one by one', () => {
    const messages = [
      upsert(11, ws('c', 11)),
      remove(12, 'a'),
      upsert(13, ws('c', 13, 'c2')),
      upsert(14, ws('b', 14, 'b2')),
    ];
    const batched = receiveStream(base, messages).state;
    let single = helloed('e1', 10, [ws('a', 3), ws('b', 10)]);
    for (const message of messages) single = receiveStream(single, [message]).state;
    const { workspaces: batchedWorkspaces, ...batchedRest } = batched;
    const { workspaces: singleWorkspaces, ...singleRest } = single;
    expect(batchedRest).toEqual(singleRest);
    expect([...batchedWorkspaces]).toEqual([...singleWorkspaces]);
    expect(batchedWorkspaces.columns).toEqual(singleWorkspaces.columns);
    expect(batched.seq).toBe(14);
  });

  it('applies the prefix of a batch before a gap, like the same messages one by one', () => {
    const outcome = receiveStream(base, [
      upsert(10, ws('a', 10, 'dup')),
      upsert(11, ws('c', 11)),
      upsert(13, ws('d', 13)),
    ]);
    expect(outcome).toMatchObject({ applied: 1, duplicates: 1, gap: true });
    expect(outcome.state.seq).toBe(11);
    expect(outcome.state.workspaces.get('c')).toBeDefined();
    expect(outcome.state.workspaces.get('d')).toBeUndefined();
  });

  it('holds workspaces whose ids are named like Object properties as any other', () => {
    const start = helloed('e1', 0, [ws('__proto__', 0), ws('a', 0)]);
    expect([...start.workspaces.keys()].sort()).toEqual(['__proto__', 'a']);
    const added = receiveStream(start, [upsert(1, ws('constructor', 1)), upsert(2, ws('toString', 2))]).state;
    expect([...added.workspaces.keys()].sort()).toEqual(['__proto__', 'a', 'constructor', 'toString']);
    expect(added.workspaces.get('constructor')).toMatchObject({ version: 1 });
    const removed = receiveStream(added, [remove(3, '__proto__')]).state;
    expect([...removed.workspaces.keys()].sort()).toEqual(['a', 'constructor', 'toString']);
    const back = receiveStream(removed, [upsert(4, ws('__proto__', 4))]).state;
    expect(back.workspaces.get('__proto__')).toMatchObject({ workspaceId: '__proto__', version: 4 });
    expect(back.workspaces.get('hasOwnProperty')).toBeUndefined();
  });

  it('keeps the map when a remove names an Object property it does not hold', () => {
    const start = helloed('e1', 0, [ws('a', 0)]);
    const next = receiveStream(start, [remove(1, 'valueOf')]).state;
    expect(next.seq).toBe(1);
    expect(next.workspaces).toBe(start.workspaces);
  });

  it('ignores a remove of a workspace it does not hold, but takes its seq', () => {
    const outcome = receiveStream(base, [remove(11, 'zzz')]);
    expect(outcome.state.seq).toBe(11);
    expect(outcome.state.workspaces).toBe(base.workspaces);
  });
});

describe('receiveStream, version 2 patches', () => {
  const git = { total: 1, additions: 2, deletions: 3, hasUncommitted: false };
  const held = (id: string, version: number) =>
    makeSnapshot({ workspaceId: id, name: `Workspace ${id}`, gitStats: git }, { version });
  /** The patch a server sends for `next`, a change of the snapshot it held at `baseVersion`. */
  const patch = (seq: number, before: WorkspaceSnapshot, next: WorkspaceSnapshot, baseVersion = before.version) =>
    messageInVersion(
      { type: 'upsert', seq, snapshot: next, change: { fields: changedFields(before, next), baseVersion } },
      2,
    );

  let base = helloed('e1', 10, [held('a', 3), held('b', 10)]);
  beforeEach(() => {
    base = helloed('e1', 10, [held('a', 3), held('b', 10)]);
  });

  it('applies a patch to the held snapshot: the fields it sets, its metadata, and nothing else', () => {
    const before = base.workspaces.get('a')!;
    const next = { ...before, isSessionWorking: true, name: 'renamed', version: 11, source: 'event' as const };
    const message = patch(11, before, next);
    expect(message).toMatchObject({ type: 'patch', set: { isSessionWorking: true, name: 'renamed' } });
    const outcome = receiveStream(base, [message]);
    expect(outcome).toMatchObject({ applied: 1, gap: false });
    const patched = outcome.state.workspaces.get('a')!;
    expect(patched).toEqual(next);
    expect(versionOf(outcome.state, 'a')).toBe(11);
    // Identity: the patched workspace is a new object; what the patch did not set is shared, as is every other one.
    expect(patched).not.toBe(before);
    expect(patched.gitStats).toBe(before.gitStats);
    expect(outcome.state.workspaces.get('b')).toBe(base.workspaces.get('b'));
  });

  it('keeps the object of a patch that changes no visible field, while its version advances', () => {
    const before = base.workspaces.get('a')!;
    const outcome = receiveStream(base, [patch(11, before, { ...before, version: 11 })]);
    expect(outcome.state.workspaces).toBe(base.workspaces);
    expect(versionOf(outcome.state, 'a')).toBe(11);
    // The next patch is based on that version, and applies.
    const renamed = { ...before, name: 'renamed', version: 12 };
    expect(receiveStream(outcome.state, [patch(12, before, renamed, 11)]).state.workspaces.get('a')).toEqual(renamed);
  });

  it('bases a patch on a kept object by the version the hello gave it, not the one the object carries', () => {
    const kept = receiveHello(base, fullHello('e1', 20, [held('a', 20), held('b', 10)]));
    if (kept.kind !== 'replaced') throw new Error('expected replaced');
    expect(kept.state.workspaces.get('a')).toBe(base.workspaces.get('a'));
    const before = kept.state.workspaces.get('a')!;
    const next = { ...before, name: 'after the hello', version: 21 };
    expect(receiveStream(kept.state, [patch(21, before, next, 3)]).gap).toBe(true);
    const outcome = receiveStream(kept.state, [patch(21, before, next, 20)]);
    expect(outcome.gap).toBe(false);
    expect(outcome.state.workspaces.get('a')).toEqual(next);
  });

  it.each([
    ['a workspace it does not hold', 'c', 10],
    ['a workspace it held but removed', 'removed', 10],
    ['another base version than the one it holds', 'b', 9],
    ['a base version newer than the one it holds', 'b', 11],
  ])('treats a patch of %s as a gap: never applied, and nothing after it', (_name, id, baseVersion) => {
    const start = receiveStream(base, [upsert(11, held('removed', 11)), remove(12, 'removed')]).state;
    const message = {
      ...patch(13, held(id, baseVersion), { ...held(id, 13), name: 'ghost' }),
      baseVersion,
    } as StreamMessage;
    const outcome = receiveStream(start, [message, upsert(14, held('d', 14))]);
    expect(outcome).toMatchObject({ applied: 0, gap: true });
    expect(outcome.state.seq).toBe(12);
    expect(outcome.state.awaitingHello).toBe(true);
    expect(outcome.state.workspaces).toBe(start.workspaces);
  });

  it('drops a patch whose version is not above its base, but takes its seq', () => {
    const before = base.workspaces.get('b')!;
    const outcome = receiveStream(base, [patch(11, before, { ...before, name: 'stale', version: 10 })]);
    expect(outcome).toMatchObject({ applied: 1, stale: 1, gap: false });
    expect(outcome.state.seq).toBe(11);
    expect(outcome.state.workspaces).toBe(base.workspaces);
  });

  it('applies a patch based on an upsert earlier in the same batch, like the messages one by one', () => {
    const created = held('c', 11);
    const renamed = { ...created, name: 'renamed', version: 12 };
    const messages = [upsert(11, created), patch(12, created, renamed), remove(13, 'a')];
    const batched = receiveStream(base, messages).state;
    let single = helloed('e1', 10, [held('a', 3), held('b', 10)]);
    for (const message of messages) single = receiveStream(single, [message]).state;
    expect(batched.workspaces.get('c')).toEqual(renamed);
    expect([...batched.workspaces]).toEqual([...single.workspaces]);
    expect(batched.seq).toBe(13);
  });
});

import { decodeServerFrame, type ServerMessage } from '@livesnap/protocol';
import { makeSnapshot } from '@livesnap/protocol/testing';
import { describe, expect, it } from 'vitest';
import { type FrameState, reduceFrame } from './frame-reducer.js';
import { INITIAL_RESYNC_STATE } from './resync-policy.js';
import { initialSequenceState } from './sequence.js';
import { INITIAL_STATS } from './store.js';

const context = { projectId: 'p1', at: 1_000, stats: INITIAL_STATS };
/** A client waiting for its first hello (each its own: a state owns its record of versions). */
const fresh = (): FrameState => ({
  sequence: initialSequenceState(),
  resyncs: { ...INITIAL_RESYNC_STATE, pending: true },
});
const snapshot = (workspaceId: string, version = 1) => makeSnapshot({ workspaceId, projectId: 'p1' }, { version });
const valid = (message: ServerMessage) => ({ ok: true, message }) as const;
const hello = (seq: number, ids: string[] = []): ServerMessage => ({
  type: 'hello',
  protocol: 1,
  projectId: 'p1',
  epoch: 'e1',
  seq,
  resumed: false,
  snapshots: ids.map((id) => snapshot(id, 0)),
});

/** The state after a full hello at `seq` 0 holding `ids`. */
function greeted(ids: string[] = ['a']): FrameState {
  return reduceFrame(fresh(), valid(hello(0, ids)), context).state;
}

describe('reduceFrame', () => {
  it('opens on a valid hello: the wait ends, then one store update with the state and the counted frame', () => {
    const { state, effects } = reduceFrame(fresh(), valid(hello(3, ['a'])), context);
    expect(state.resyncs.pending).toBe(false);
    expect(state.sequence).toMatchObject({ epoch: 'e1', seq: 3, awaitingHello: false });
    expect([...state.sequence.workspaces.keys()]).toEqual(['a']);
    expect(effects).toEqual([
      {
        type: 'hello-arrived',
        at: 1_000,
        hello: { epoch: 'e1', seq: 3, resumed: false, instance: null, workspaces: 1 },
      },
      {
        type: 'publish',
        patch: {
          status: 'open',
          error: null,
          isStale: false,
          epoch: 'e1',
          seq: 3,
          workspaces: state.sequence.workspaces,
          origin: 'hello',
          stats: { ...INITIAL_STATS, messages: 1, lastMessageAt: 1_000 },
        },
      },
    ]);
  });

  it('says which instance sent the hello when the hello names it', () => {
    const named = { ...hello(0, ['a', 'b']), instance: '10.0.0.7:4460' } as ServerMessage;
    const { effects } = reduceFrame(fresh(), valid(named), context);
    expect(effects[0]).toEqual({
      type: 'hello-arrived',
      at: 1_000,
      hello: { epoch: 'e1', seq: 0, resumed: false, instance: '10.0.0.7:4460', workspaces: 2 },
    });
  });

  it('counts, reports and resyncs on an invalid frame, and leaves the state (and staleness) alone', () => {
    const state = greeted();
    const { state: next, effects } = reduceFrame(state, decodeServerFrame('not json {'), context);
    expect(next).toBe(state);
    expect(effects).toEqual([
      { type: 'publish', patch: { stats: { ...INITIAL_STATS, invalidFrames: 1, lastMessageAt: 1_000 } } },
      { type: 'report', error: { code: 'bad_message', message: 'invalid frame: the frame is not JSON' } },
      { type: 'resync' },
    ]);
  });

  it('ends the wait on an invalid hello, so that the resync it calls for may go at once', () => {
    const other = { ...hello(0), projectId: 'other' } as ServerMessage;
    const { state, effects } = reduceFrame(fresh(), valid(other), context);
    expect(state.resyncs.pending).toBe(false);
    expect(state.sequence.awaitingHello).toBe(true);
    expect(effects.map((e) => e.type)).toEqual(['hello-rejected', 'publish', 'report', 'resync']);
  });

  it('applies a stream frame in one update, which says the data is fresh', () => {
    const upsert: ServerMessage = { type: 'upsert', seq: 1, snapshot: snapshot('b') };
    const { state, effects } = reduceFrame(greeted(), valid(upsert), context);
    expect(state.sequence.seq).toBe(1);
    expect(effects).toEqual([
      { type: 'heard', at: 1_000 },
      {
        type: 'publish',
        patch: {
          isStale: false,
          seq: 1,
          workspaces: state.sequence.workspaces,
          stats: { ...INITIAL_STATS, messages: 1, lastMessageAt: 1_000 },
        },
      },
    ]);
  });

  it("applies a patch of a workspace it holds at the patch's base version", () => {
    const patch: ServerMessage = {
      type: 'patch',
      seq: 1,
      workspaceId: 'a',
      baseVersion: 0,
      version: 1,
      computedAt: '2026-11-25T10:01:00.000Z',
      source: 'event',
      set: { name: 'renamed' },
    };
    const { state, effects } = reduceFrame(greeted(), valid(patch), context);
    expect(state.sequence.seq).toBe(1);
    expect(state.sequence.workspaces.get('a')).toMatchObject({ name: 'renamed', version: 1 });
    expect(effects.map((e) => e.type)).toEqual(['heard', 'publish']);
  });

  it('treats a patch of a workspace it does not hold as a gap: counted, not applied, a resync asked for', () => {
    const state = greeted();
    const patch: ServerMessage = {
      type: 'patch',
      seq: 1,
      workspaceId: 'ghost',
      baseVersion: 0,
      version: 1,
      computedAt: '2026-11-25T10:01:00.000Z',
      source: 'event',
      set: { name: 'half a snapshot' },
    };
    const { state: next, effects } = reduceFrame(state, valid(patch), context);
    expect(next.sequence.workspaces).toBe(state.sequence.workspaces);
    expect(next.sequence).toMatchObject({ seq: 0, awaitingHello: true });
    expect(effects).toEqual([
      { type: 'heard', at: 1_000 },
      { type: 'publish', patch: expect.objectContaining({ stats: expect.objectContaining({ gaps: 1 }) }) },
      { type: 'resync' },
    ]);
  });

  it('counts a gap and asks for a resync after the update', () => {
    const { effects } = reduceFrame(greeted(), valid({ type: 'remove', seq: 5, workspaceId: 'a' }), context);
    expect(effects).toEqual([
      { type: 'heard', at: 1_000 },
      { type: 'publish', patch: expect.objectContaining({ stats: expect.objectContaining({ gaps: 1 }) }) },
      { type: 'resync' },
    ]);
  });

  it('hands a pong to the heartbeat and reports an error frame, touching nothing else', () => {
    const state = greeted();
    const pong = reduceFrame(state, valid({ type: 'pong', id: '7', serverTime: new Date(0).toISOString() }), context);
    expect(pong.state).toBe(state);
    expect(pong.effects.map((e) => e.type)).toEqual(['heard', 'pong', 'publish']);
    const error = reduceFrame(state, valid({ type: 'error', code: 'rate_limited', message: 'slow down' }), context);
    expect(error.effects).toEqual([
      { type: 'heard', at: 1_000 },
      { type: 'publish', patch: { isStale: false, stats: { ...INITIAL_STATS, messages: 1, lastMessageAt: 1_000 } } },
      {
        type: 'report',
        error: { code: 'rate_limited', message: 'the server could not act on a frame: slow down' },
      },
    ]);
  });
});

// What one frame from the server does to the client, as a pure function: the next sequencing state, and the effects
// to run in order (the store update, a report, a resync). client.ts runs them.
import type { DecodeResult, ServerMessage } from '@livesnap/protocol';
import { frameProblem } from './frame-check.js';
import type { ResyncState } from './resync-policy.js';
import { type HelloOutcome, receiveHello, receiveStream, type SequenceState } from './sequence.js';
import type { SnapshotClientError, SnapshotClientState, SnapshotClientStats } from './store.js';

/** A valid hello: its place in the stream, whether it resumed, the instance that sent it, a full one's size. */
export interface HelloDetails {
  readonly epoch: string;
  readonly seq: number;
  readonly resumed: boolean;
  /** The server instance that sent it, when the hello names one (several instances on one store). */
  readonly instance: string | null;
  /** How many workspaces a full hello listed; null for a resumed one. */
  readonly workspaces: number | null;
}

export interface FrameState {
  readonly sequence: SequenceState;
  readonly resyncs: ResyncState;
}

export interface FrameContext {
  readonly projectId: string;
  /** When the frame arrived (the client's `now()`). */
  readonly at: number;
  /** The stats as published before the frame. */
  readonly stats: SnapshotClientStats;
}

export type FrameEffect =
  /**
   * A valid hello at `at`: it ends the wait for one, and pings start (a server answers nothing before it). `hello`
   * says what it was, for the inspection hook too.
   */
  | { readonly type: 'hello-arrived'; readonly at: number; readonly hello: HelloDetails }
  /** Another valid frame at `at`: the data is fresh. */
  | { readonly type: 'heard'; readonly at: number }
  /** An invalid hello still ends the wait for one: the resync it calls for may go at once. */
  | { readonly type: 'hello-rejected' }
  | { readonly type: 'pong'; readonly id: string }
  /** One store update for the whole frame (a batch included). */
  | { readonly type: 'publish'; readonly patch: Partial<SnapshotClientState> }
  | { readonly type: 'report'; readonly error: SnapshotClientError }
  | { readonly type: 'resync' };

export interface FrameResult {
  readonly state: FrameState;
  readonly effects: readonly FrameEffect[];
}

export function reduceFrame(state: FrameState, frame: DecodeResult<ServerMessage>, context: FrameContext): FrameResult {
  if (!frame.ok) return reject(state, frame.code, `invalid frame: ${frame.reason}`, context);
  const { stats, at } = context;
  const counted: SnapshotClientStats = { ...stats, messages: stats.messages + 1, lastMessageAt: at };
  const message = frame.message;
  const problem = frameProblem(message, context.projectId);
  if (problem !== null && message.type !== 'hello') {
    return reject(state, 'bad_message', `invalid ${message.type}: ${problem}`, context);
  }
  switch (message.type) {
    case 'hello': {
      const outcome: HelloOutcome =
        problem === null ? receiveHello(state.sequence, message) : { kind: 'rejected', reason: problem };
      if (outcome.kind === 'rejected') {
        // Whatever it was, it was the answer the client waited for (a later hello on this connection is no resume).
        const answered = {
          sequence: { ...state.sequence, resumeAsked: false },
          resyncs: { ...state.resyncs, pending: false },
        };
        const rejected = reject(answered, 'bad_message', `invalid hello: ${outcome.reason}`, context);
        return { state: rejected.state, effects: [{ type: 'hello-rejected' }, ...rejected.effects] };
      }
      const sequence = outcome.state;
      const resumed = outcome.kind === 'resumed';
      return {
        state: { sequence, resyncs: { ...state.resyncs, pending: false } },
        effects: [
          {
            type: 'hello-arrived',
            at,
            hello: {
              epoch: message.epoch,
              seq: message.seq,
              resumed,
              instance: message.instance ?? null,
              workspaces: message.resumed ? null : message.snapshots.length,
            },
          },
          {
            type: 'publish',
            patch: {
              status: 'open',
              error: null,
              isStale: false,
              epoch: sequence.epoch,
              seq: sequence.seq,
              workspaces: sequence.workspaces,
              origin: resumed ? 'resumed' : 'hello',
              stats: resumed ? { ...counted, resumed: stats.resumed + 1 } : counted,
            },
          },
        ],
      };
    }
    case 'upsert':
    case 'remove':
    case 'patch':
    case 'batch': {
      const outcome = receiveStream(state.sequence, message.type === 'batch' ? message.messages : [message]);
      const sequence = outcome.state;
      const publish: FrameEffect = {
        type: 'publish',
        patch: {
          isStale: false,
          seq: sequence.seq,
          workspaces: sequence.workspaces,
          stats: outcome.gap ? { ...counted, gaps: stats.gaps + 1 } : counted,
        },
      };
      const heard: FrameEffect = { type: 'heard', at };
      return {
        state: { ...state, sequence },
        effects: outcome.gap ? [heard, publish, { type: 'resync' }] : [heard, publish],
      };
    }
    case 'pong':
      return {
        state,
        effects: [
          { type: 'heard', at },
          { type: 'pong', id: message.id },
          { type: 'publish', patch: { isStale: false, stats: counted } },
        ],
      };
    case 'error':
      return {
        state,
        effects: [
          { type: 'heard', at },
          { type: 'publish', patch: { isStale: false, stats: counted } },
          {
            type: 'report',
            error: { code: message.code, message: `the server could not act on a frame: ${message.message}` },
          },
        ],
      };
  }
}

/** An invalid frame is counted, reported and treated as a gap; it never touches the workspaces. */
function reject(state: FrameState, code: string, message: string, context: FrameContext): FrameResult {
  const { stats, at } = context;
  return {
    state,
    effects: [
      { type: 'publish', patch: { stats: { ...stats, invalidFrames: stats.invalidFrames + 1, lastMessageAt: at } } },
      { type: 'report', error: { code, message } },
      { type: 'resync' },
    ],
  };
}

// Fan-out of committed messages: each commit is serialized once per project and protocol version (version 1 whole
// upserts, version 2 patches: `messageInVersion`), and the same bytes go to every subscriber of that version. A
// subscriber waiting for its hello buffers what is committed meanwhile, so that the hello's seq and the stream after it
// line up with neither a gap nor a duplicate; at most `joinBufferLimit` messages, past which it is told it overflowed
// (the endpoint closes it with 4409: it reconnects at once and resumes).
import { type CommittedMessage, messageInVersion, type ProtocolVersion } from '@livesnap/protocol';
import type { CommitEvent } from './store.js';

export interface Member {
  readonly projectId: string;
  /** The version in force on its connection: the words its stream is written in. */
  readonly protocol: ProtocolVersion;
  /** `waiting`: its hello is being prepared; `live`: receives the stream; `gone`: receives nothing more. */
  phase: 'waiting' | 'live' | 'gone';
  epoch: string | null;
  /** The seq of the last message it was sent (or its hello's). */
  lastSeq: number;
  buffer: CommitEvent[];
  /** Messages in `buffer`. */
  buffered: number;
  /** Sends one stream frame (the endpoint checks backpressure there, and may make the member leave). */
  readonly deliver: (frame: Buffer) => void;
  /** Its buffer passed `joinBufferLimit` while it waited (it is dropped from the broadcast first). */
  readonly overflow: () => void;
}

export interface Broadcaster {
  /** A new member of `projectId` whose connection speaks `protocol`, waiting for its hello. */
  join(projectId: string, protocol: ProtocolVersion, deliver: (frame: Buffer) => void, overflow: () => void): Member;
  /** Back to waiting, for a new hello (a resync). */
  wait(member: Member): void;
  /**
   * The member's hello, for `seq` of `epoch`, has been sent: send `replay` (the messages after `seq` that a resumed
   * hello promises), then whatever was committed while it waited and is newer, then the live stream.
   */
  goLive(member: Member, epoch: string, seq: number, replay?: readonly CommittedMessage[]): void;
  leave(member: Member): void;
  publish(event: CommitEvent): void;
  /** Members of a project (for tests and metrics). */
  count(projectId: string): number;
}

/** One frame for consecutive messages, in the words of `protocol`: the message itself, or a batch. */
export function serializeMessages(messages: readonly CommittedMessage[], protocol: ProtocolVersion): Buffer {
  const wire = messages.map((message) => messageInVersion(message, protocol));
  // UTF-8 bytes, not a string: a string would be encoded again for every subscriber it is sent to.
  return Buffer.from(wire.length === 1 ? JSON.stringify(wire[0]) : JSON.stringify({ type: 'batch', messages: wire }));
}

/**
 * Frames already serialized, per protocol version, keyed by the message (a single message) or the commit's message
 * list (a batch): a message replayed to every resuming member, or a commit buffered by every joining one, is serialized
 * once per version, not once per member. Weak, so a frame lives no longer than the store's log or the commit that holds
 * its message.
 */
const frames = new Map<ProtocolVersion, WeakMap<object, Buffer>>();

function frameOf(messages: readonly CommittedMessage[], protocol: ProtocolVersion): Buffer {
  const key = messages.length === 1 ? (messages[0] as CommittedMessage) : messages;
  let cache = frames.get(protocol);
  if (cache === undefined) {
    cache = new WeakMap();
    frames.set(protocol, cache);
  }
  let frame = cache.get(key);
  if (frame === undefined) {
    frame = serializeMessages(messages, protocol);
    cache.set(key, frame);
  }
  return frame;
}

export function createBroadcaster(joinBufferLimit: number): Broadcaster {
  const members = new Map<string, Set<Member>>();

  /** Sends the part of `messages` that is newer than what the member holds. */
  function sendNewer(member: Member, messages: readonly CommittedMessage[]): void {
    if (member.phase === 'gone') return;
    const newer = messages.filter((message) => message.seq > member.lastSeq);
    const last = newer.at(-1);
    if (!last) return;
    member.lastSeq = last.seq;
    const { protocol } = member;
    member.deliver(newer.length === messages.length ? frameOf(messages, protocol) : serializeMessages(newer, protocol));
  }

  function buffer(member: Member, event: CommitEvent): void {
    member.buffer.push(event);
    member.buffered += event.messages.length;
    if (member.buffered <= joinBufferLimit) return;
    leaveSet(member);
    member.overflow();
  }

  function leaveSet(member: Member): void {
    member.phase = 'gone';
    member.buffer = [];
    member.buffered = 0;
    const set = members.get(member.projectId);
    if (!set) return;
    set.delete(member);
    if (set.size === 0) members.delete(member.projectId);
  }

  return {
    join(projectId, protocol, deliver, overflow) {
      const member: Member = {
        projectId,
        protocol,
        phase: 'waiting',
        epoch: null,
        lastSeq: 0,
        buffer: [],
        buffered: 0,
        deliver,
        overflow,
      };
      let set = members.get(projectId);
      if (!set) {
        set = new Set();
        members.set(projectId, set);
      }
      set.add(member);
      return member;
    },
    wait(member) {
      if (member.phase === 'live') member.phase = 'waiting';
    },
    goLive(member, epoch, seq, replay = []) {
      if (member.phase !== 'waiting') return;
      member.epoch = epoch;
      member.lastSeq = seq;
      member.phase = 'live';
      for (const message of replay) sendNewer(member, [message]);
      const buffered = member.buffer;
      member.buffer = [];
      member.buffered = 0;
      for (const event of buffered) if (event.epoch === epoch) sendNewer(member, event.messages);
    },
    leave: leaveSet,
    publish(event) {
      const set = members.get(event.projectId);
      if (!set) return;
      for (const member of set) {
        if (member.phase === 'waiting') buffer(member, event);
        else if (member.phase === 'live' && member.epoch === event.epoch) sendNewer(member, event.messages);
      }
    },
    count: (projectId) => members.get(projectId)?.size ?? 0,
  };
}

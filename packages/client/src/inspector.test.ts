import { decodeServerFrame } from '@livesnap/protocol';
import { describe, expect, it, vi } from 'vitest';
import { createInspectorHub, frameBytes, type InspectionEvent } from './inspector.js';

const PONG = '{"type":"pong","id":"1","serverTime":"2026-01-01T00:00:00.000Z"}';

/** A decode result whose every read is counted: a hub that describes a frame must read it. */
function watchedResult() {
  let reads = 0;
  const result = new Proxy(decodeServerFrame(PONG), {
    get(target, key, receiver) {
      reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { result, reads: () => reads };
}

describe('the inspector hub', () => {
  it('reads nothing of a frame while nobody listens', () => {
    const hub = createInspectorHub();
    const { result, reads } = watchedResult();
    hub.frameIn(PONG, result, 1);
    hub.frameOut('{"type":"ping","id":"1"}', 'ping', 1);
    expect(reads()).toBe(0);
  });

  it('describes a frame once someone listens, and stops when they leave', () => {
    const hub = createInspectorHub();
    const events: InspectionEvent[] = [];
    const stop = hub.subscribe((event) => events.push(event));
    const { result, reads } = watchedResult();
    hub.frameIn(PONG, result, 7);
    expect(reads()).toBeGreaterThan(0);
    expect(events).toEqual([
      { type: 'frame-in', at: 7, bytes: PONG.length, frameType: 'pong', seq: null, workspaceIds: [], error: null },
    ]);
    stop();
    hub.frameOut('{"type":"ping","id":"2"}', 'ping', 8);
    expect(events).toHaveLength(1);
  });

  it('describes stream frames by their seq and workspaces, and undecodable ones by their error', () => {
    const hub = createInspectorHub();
    const events: InspectionEvent[] = [];
    hub.subscribe((event) => events.push(event));
    const remove = '{"type":"remove","seq":4,"workspaceId":"w1"}';
    const batch = JSON.stringify({
      type: 'batch',
      messages: [
        { type: 'remove', seq: 5, workspaceId: 'w2' },
        { type: 'remove', seq: 6, workspaceId: 'w3' },
      ],
    });
    for (const frame of [remove, batch, 'not json']) hub.frameIn(frame, decodeServerFrame(frame), 1);
    expect(
      events.map((e) => (e.type === 'frame-in' ? [e.frameType, e.seq, e.workspaceIds, e.error?.code] : e)),
    ).toEqual([
      ['remove', 4, ['w1'], undefined],
      ['batch', 6, ['w2', 'w3'], undefined],
      [null, null, [], 'bad_message'],
    ]);
  });

  it("gives a listener that comes later the current connection's hello, and none after the connection ended", () => {
    const hub = createInspectorHub();
    const hello = { kind: 'hello', epoch: 'e1', seq: 3, resumed: false, instance: 'a', workspaces: 2 } as const;
    hub.transition('open', hello, 5);
    const late = vi.fn();
    hub.subscribe(late);
    expect(late).toHaveBeenCalledWith({ type: 'transition', at: 5, status: 'open', cause: hello });
    hub.transition('reconnecting', { kind: 'disconnect', code: 1006, message: 'lost', retryInMs: 250 }, 6);
    const later = vi.fn();
    hub.subscribe(later);
    expect(later).not.toHaveBeenCalled();
  });

  it('hands a listener that throws its error outside, and still tells the others', () => {
    const hub = createInspectorHub();
    const deferred: (() => void)[] = [];
    const spy = vi.spyOn(globalThis, 'queueMicrotask').mockImplementation((task) => deferred.push(task));
    const other = vi.fn();
    hub.subscribe(() => {
      throw new Error('listener bug');
    });
    hub.subscribe(other);
    hub.transition('connecting', { kind: 'connect' }, 1);
    spy.mockRestore();
    expect(other).toHaveBeenCalledTimes(1);
    expect(deferred).toHaveLength(1);
    expect(deferred[0]!).toThrow('listener bug');
  });
});

describe('frameBytes', () => {
  it.each([
    ['ascii', 'abc', 3],
    ['two-byte characters', 'é', 2],
    ['three-byte characters', '€', 3],
    ['a surrogate pair', '😀', 4],
  ])('counts the UTF-8 bytes of %s', (_, text, bytes) => {
    expect(frameBytes(text)).toBe(bytes);
  });

  it('takes the byte length of binary data', () => {
    expect(frameBytes(new Uint8Array(5))).toBe(5);
    expect(frameBytes(new ArrayBuffer(9))).toBe(9);
  });
});

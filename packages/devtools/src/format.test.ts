import { describe, expect, it } from 'vitest';
import { describeCause, describeOrigin, formatAge, formatBytes, formatField, formatTime } from './format.js';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KB'],
    [1536, '1.5 KB'],
    [3 * 1024 * 1024, '3.0 MB'],
  ])('writes %i bytes as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('formatTime', () => {
  it('writes the local time of day with milliseconds', () => {
    expect(formatTime(new Date(2026, 0, 1, 9, 5, 7, 42).getTime())).toBe('09:05:07.042');
  });
});

describe('formatAge', () => {
  it.each([
    [-5_000, '0 s'],
    [999, '0 s'],
    [59_999, '59 s'],
    [60_000, '1 min'],
    [3_600_000, '1 h'],
    [2 * 86_400_000, '2 d'],
  ])('writes %i ms as %s', (ms, text) => {
    expect(formatAge(ms)).toBe(text);
  });
});

describe('describeCause', () => {
  it('says which hello came, from which instance', () => {
    expect(
      describeCause({ kind: 'hello', epoch: 'e1', seq: 4, resumed: false, instance: 'node-a', workspaces: 12 }),
    ).toBe('full hello, 12 workspaces from node-a (epoch e1, seq 4)');
    expect(describeCause({ kind: 'hello', epoch: 'e1', seq: 9, resumed: true, instance: null, workspaces: null })).toBe(
      'resumed hello (epoch e1, seq 9)',
    );
  });

  it('says why a connection ended and what comes next', () => {
    expect(describeCause({ kind: 'disconnect', code: 1006, message: 'connection lost (1006)', retryInMs: 250 })).toBe(
      'connection lost (1006); retry in 250 ms',
    );
    expect(
      describeCause({
        kind: 'disconnect',
        code: 'heartbeat_timeout',
        message: 'no pong within 10000 ms',
        retryInMs: 134.41557,
      }),
    ).toBe('heartbeat_timeout: no pong within 10000 ms; retry in 134 ms');
    expect(describeCause({ kind: 'disconnect', code: 4404, message: 'no such project (4404)', retryInMs: null })).toBe(
      'no such project (4404); stopped',
    );
  });

  it('names the calls and the wake-ups', () => {
    expect(describeCause({ kind: 'connect' })).toBe('connect()');
    expect(describeCause({ kind: 'close' })).toBe('close()');
    expect(describeCause({ kind: 'resync' })).toBe('resync sent: waiting for the full hello');
    expect(describeCause({ kind: 'wake', action: 'retry' })).toBe('page woke up: retrying at once');
  });
});

describe('formatField', () => {
  it.each([
    [null, '—'],
    [true, 'true'],
    [42, '42'],
    ['READY', 'READY'],
    [{ total: 15, additions: 12, deletions: 3, hasUncommitted: false }, '+12 −3'],
    [{ total: 1, additions: 1, deletions: 0, hasUncommitted: true }, '+1 −0 *'],
    [{ activityState: 'WORKING', ciState: 'PASSING' }, 'WORKING / PASSING'],
  ])('writes %j as %s', (value, text) => {
    expect(formatField(value)).toBe(text);
  });
});

describe('describeOrigin', () => {
  const copy = { savedAt: 1_000, ageMs: 12_000 };
  it.each([
    [null, null, '—'],
    ['persisted', copy, 'storage (saved 12 s before)'],
    ['resumed', copy, 'resumed hello, from storage (saved 12 s before)'],
    ['resumed', null, 'resumed hello'],
    ['hello', copy, 'full hello'],
    ['hello', null, 'full hello'],
  ] as const)('data from %s with the copy %o reads %s', (origin, restored, text) => {
    expect(describeOrigin({ origin, restored })).toBe(text);
  });
});

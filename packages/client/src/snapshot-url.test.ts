import { describe, expect, it } from 'vitest';
import { buildSnapshotUrl } from './snapshot-url.js';

const params = { projectId: 'p 1', epoch: null, seq: null };

describe('buildSnapshotUrl', () => {
  it('adds the project and the protocol version: the newest, or the one asked for', () => {
    expect(buildSnapshotUrl('ws://h:1/snapshots', params)).toBe('ws://h:1/snapshots?projectId=p+1&protocol=2');
    expect(buildSnapshotUrl('ws://h:1/snapshots', { ...params, protocol: 1 })).toBe(
      'ws://h:1/snapshots?projectId=p+1&protocol=1',
    );
  });

  it('adds the token and asks to resume with both epoch and seq', () => {
    const url = new URL(buildSnapshotUrl('wss://h/snapshots', { projectId: 'p1', token: 't&1', epoch: 'e1', seq: 0 }));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      projectId: 'p1',
      protocol: '2',
      token: 't&1',
      epoch: 'e1',
      seq: '0',
    });
  });

  it('does not ask to resume without an epoch', () => {
    expect(buildSnapshotUrl('ws://h/s', { projectId: 'p', epoch: null, seq: 3 })).not.toMatch(/seq=/);
  });

  it('keeps other query parameters and replaces its own', () => {
    const url = new URL(buildSnapshotUrl('ws://h/s?x=1&seq=9&projectId=old', params));
    expect(url.searchParams.get('x')).toBe('1');
    expect(url.searchParams.get('projectId')).toBe('p 1');
    expect(url.searchParams.has('seq')).toBe(false);
  });

  it('turns http(s) into ws(s) and resolves a relative URL against the page', () => {
    expect(buildSnapshotUrl('https://h/s', params)).toMatch(/^wss:\/\/h\/s\?/);
    expect(buildSnapshotUrl('/snapshots', params, 'http://app.test/board')).toMatch(/^ws:\/\/app\.test\/snapshots\?/);
  });

  it('names a URL it cannot use', () => {
    expect(() => buildSnapshotUrl('/snapshots', params)).toThrow(/"\/snapshots"/);
    expect(() => buildSnapshotUrl('ftp://h/s', params)).toThrow(/"ftp:\/\/h\/s"/);
  });

  it('refuses a fragment, even an empty one, which a WebSocket URL cannot carry', () => {
    expect(() => buildSnapshotUrl('ws://h/s#top', params)).toThrow('url must not have a #fragment');
    expect(() => buildSnapshotUrl('ws://h/s#', params)).toThrow('url must not have a #fragment');
    expect(() => buildSnapshotUrl('/s#top', params, 'http://app.test/')).toThrow('url must not have a #fragment');
  });
});

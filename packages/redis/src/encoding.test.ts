// What comes back from Redis: a channel payload and replay-log entries, each upsert with the change it made (the
// visible fields and the version they changed from); an instance from before the log kept them wrote neither, and its
// upserts are sent whole.
import { makeSnapshot } from '@livesnap/protocol/testing';
import { describe, expect, it } from 'vitest';
import { parseLogEntries, parsePayload } from './encoding.js';

const snapshot = makeSnapshot({ workspaceId: 'w1', name: 'renamed' }, { version: 8 });
const upsert = JSON.stringify({ type: 'upsert', seq: 8, snapshot });
const remove = JSON.stringify({ type: 'remove', seq: 9, workspaceId: 'w2' });

describe('parsePayload', () => {
  it('gives each upsert of a commit its change, and a first appearance none', () => {
    const text = `{"epoch":"e1","messages":[${upsert},${remove},${upsert.replace('"seq":8', '"seq":10')}],"changes":[{"c":"name","b":"3"},{"c":"","b":""},{"c":"*","b":""}]}`;
    expect(parsePayload(text)).toEqual({
      epoch: 'e1',
      messages: [
        { type: 'upsert', seq: 8, snapshot, change: { fields: ['name'], baseVersion: 3 } },
        { type: 'remove', seq: 9, workspaceId: 'w2' },
        { type: 'upsert', seq: 10, snapshot, change: null },
      ],
    });
  });

  it('knows no change in a payload written before payloads carried them', () => {
    expect(parsePayload(`{"epoch":"e1","messages":[${upsert}]}`)).toEqual({
      epoch: 'e1',
      messages: [{ type: 'upsert', seq: 8, snapshot, change: null }],
    });
  });

  it('passes the news of a deleted project as it is', () => {
    expect(parsePayload('{"ended":true}')).toEqual({ ended: true });
  });
});

describe('parseLogEntries', () => {
  it('reads each entry as its message and change, none where the entry has no base version', () => {
    expect(
      parseLogEntries([
        [upsert, 'isSessionWorking,isWorking', '7'],
        [remove, '', ''],
        // Written by an instance from before the log kept the base version.
        [upsert, 'name', ''],
      ]),
    ).toEqual([
      { type: 'upsert', seq: 8, snapshot, change: { fields: ['isSessionWorking', 'isWorking'], baseVersion: 7 } },
      { type: 'remove', seq: 9, workspaceId: 'w2' },
      { type: 'upsert', seq: 8, snapshot, change: null },
    ]);
  });
});

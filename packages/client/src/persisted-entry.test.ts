// The saved form of a client's state: what it restores, and each reason an entry is refused.
import { makeSnapshot } from '@livesnap/protocol/testing';
import { describe, expect, it } from 'vitest';
import { decodeEntry, encodeEntry, PERSIST_VERSION, persistKey } from './persisted-entry.js';
import type { SequenceState } from './sequence.js';
import { buildWorkspaceMap } from './workspace-map.js';

const owner = { namespace: 'user-1', projectId: 'p1' };

function state(): SequenceState {
  return {
    epoch: 'e1',
    seq: 7,
    awaitingHello: false,
    resumeAsked: false,
    workspaces: buildWorkspaceMap([
      makeSnapshot({ workspaceId: 'a' }, { version: 3 }),
      makeSnapshot({ workspaceId: 'b' }, { version: 5 }),
    ]),
    versions: new Map([
      ['a', 6],
      ['gone', 4],
    ]),
  };
}

const entry = () => JSON.parse(encodeEntry(owner, state(), 1_000)) as Record<string, unknown>;
const decode = (value: unknown) => decodeEntry(JSON.stringify(value), owner);

describe('the saved entry', () => {
  it('restores the sequencing state it was saved from, awaiting a hello', () => {
    const decoded = decodeEntry(encodeEntry(owner, state(), 1_000), owner);
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(decoded.savedAt).toBe(1_000);
    expect(decoded.sequence).toMatchObject({ epoch: 'e1', seq: 7, awaitingHello: true, resumeAsked: false });
    expect([...decoded.sequence.workspaces.values()]).toEqual([...state().workspaces.values()]);
    expect(decoded.sequence.versions).toEqual(state().versions);
  });

  it('is versioned by format, client release and protocol version', () => {
    expect(entry().version).toBe(PERSIST_VERSION);
    expect(PERSIST_VERSION).toMatch(/^livesnap-client\/1 \d+\.\d+\.\d+ protocol\/\d+$/);
  });

  it.each<[string, (e: Record<string, unknown>) => unknown, string]>([
    ['another version', (e) => ({ ...e, version: 'livesnap-client/0' }), 'its version is "livesnap-client/0"'],
    ['another namespace', (e) => ({ ...e, namespace: 'user-2' }), 'it is for namespace "user-2", project "p1"'],
    ['another project', (e) => ({ ...e, projectId: 'p2' }), 'it is for namespace "user-1", project "p2"'],
    ['no savedAt', (e) => ({ ...e, savedAt: 'now' }), 'its savedAt or versions are invalid'],
    ['versions not pairs', (e) => ({ ...e, versions: [['a']] }), 'its savedAt or versions are invalid'],
    ['no epoch', (e) => ({ ...e, epoch: '' }), 'epoch: expected length >= 1'],
    [
      'a workspace twice',
      (e) => ({ ...e, snapshots: [...(e.snapshots as unknown[]), (e.snapshots as unknown[])[0]] }),
      'hello listing workspace "a" twice',
    ],
    ['not an object', () => 42, 'its version is undefined'],
  ])('is refused with %s', (_, change, reason) => {
    const decoded = decode(change(entry()));
    expect(decoded.ok).toBe(false);
    expect(decoded.ok ? '' : decoded.reason).toContain(reason);
  });

  it('is refused when it is not JSON text', () => {
    expect(decodeEntry('{"version"', owner)).toEqual({ ok: false, reason: 'it is not JSON text' });
    expect(decodeEntry({ version: PERSIST_VERSION }, owner)).toEqual({ ok: false, reason: 'it is not JSON text' });
  });

  it('has a key of the namespace and the project that no other pair shares', () => {
    expect(persistKey('user-1', 'p1')).toBe('livesnap/user-1/p1');
    expect(persistKey('a/b', 'c')).not.toBe(persistKey('a', 'b/c'));
  });
});

// Version 2's patch: made from a committed message in the one form a server keeps it in, and applied by a client. A
// patch applied to its base gives the snapshot the upsert carries in version 1, whatever changed.
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { workspaceFacts } from '../test-support/arbitraries.js';
import { buildSnapshot, changedFields } from './derive.js';
import { PatchMessageSchema } from './messages.js';
import { applyPatch, type CommittedMessage, type FieldChange, messageInVersion } from './patch.js';
import { makeSnapshot } from './testing.js';

const before = makeSnapshot(
  { workspaceId: 'w7', gitStats: { total: 1, additions: 2, deletions: 3, hasUncommitted: false } },
  { version: 4, computedAt: '2026-11-25T10:00:00.000Z', source: 'initial' },
);
const after = makeSnapshot(
  {
    workspaceId: 'w7',
    isSessionWorking: true,
    gitStats: { total: 1, additions: 2, deletions: 5, hasUncommitted: false },
  },
  { version: 9, computedAt: '2026-11-25T10:05:00.000Z', source: 'event' },
);
const upsert = (change: FieldChange | null): CommittedMessage => ({ type: 'upsert', seq: 9, snapshot: after, change });

describe('messageInVersion', () => {
  it('gives version 1 the whole snapshot, without the change it was committed with', () => {
    const message = messageInVersion(upsert({ fields: changedFields(before, after), baseVersion: 4 }), 1);
    expect(message).toEqual({ type: 'upsert', seq: 9, snapshot: after });
  });

  it('gives version 2 a patch of the changed fields, each whole, and the new metadata', () => {
    const message = messageInVersion(upsert({ fields: changedFields(before, after), baseVersion: 4 }), 2);
    expect(message).toEqual({
      type: 'patch',
      seq: 9,
      workspaceId: 'w7',
      baseVersion: 4,
      version: 9,
      computedAt: '2026-11-25T10:05:00.000Z',
      source: 'event',
      set: {
        isSessionWorking: true,
        gitStats: { total: 1, additions: 2, deletions: 5, hasUncommitted: false },
        isWorking: true,
        sidebarStatus: { activityState: 'WORKING', ciState: 'NONE' },
        kanbanColumn: 'WORKING',
      },
    });
    expect(PatchMessageSchema.safeParse(message).success).toBe(true);
  });

  it('sends a first appearance (no change known) whole in version 2 too', () => {
    expect(messageInVersion(upsert(null), 2)).toEqual({ type: 'upsert', seq: 9, snapshot: after });
  });

  it('sends a change of the identity whole, since a patch cannot set it', () => {
    const message = messageInVersion(upsert({ fields: ['projectId', 'name'], baseVersion: 4 }), 2);
    expect(message).toEqual({ type: 'upsert', seq: 9, snapshot: after });
  });

  it('passes a remove as it is in every version', () => {
    const remove = { type: 'remove', seq: 10, workspaceId: 'w7' } as const;
    expect(messageInVersion(remove, 1)).toBe(remove);
    expect(messageInVersion(remove, 2)).toBe(remove);
  });
});

describe('applyPatch', () => {
  it('turns any base into the new snapshot, whatever changed (property)', () => {
    const snapshot = (version: number) =>
      workspaceFacts.map((facts) =>
        buildSnapshot(
          { ...facts, workspaceId: 'w1', projectId: 'p1' },
          {
            version,
            computedAt: '2026-11-25T10:00:00.000Z',
            source: 'event',
          },
        ),
      );
    fc.assert(
      fc.property(snapshot(3), snapshot(8), (base, next) => {
        const patch = messageInVersion(
          { type: 'upsert', seq: 8, snapshot: next, change: { fields: changedFields(base, next), baseVersion: 3 } },
          2,
        );
        expect(patch.type).toBe('patch');
        if (patch.type !== 'patch') return;
        expect(PatchMessageSchema.parse(JSON.parse(JSON.stringify(patch)))).toEqual(patch);
        expect(applyPatch(base, patch)).toEqual(next);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves the base as it was, and shares the objects the patch did not set', () => {
    const patch = messageInVersion(upsert({ fields: ['isSessionWorking'], baseVersion: 4 }), 2);
    if (patch.type !== 'patch') throw new Error('expected a patch');
    const copy = structuredClone(before);
    const patched = applyPatch(before, patch);
    expect(before).toEqual(copy);
    expect(patched.isSessionWorking).toBe(true);
    expect(patched.gitStats).toBe(before.gitStats);
    expect(patched).toMatchObject({ version: 9, computedAt: '2026-11-25T10:05:00.000Z', source: 'event' });
  });
});

// visibleFieldsEqual: "did anything a user can see change?" — metadata never counts, every visible field does; and
// changedFields, which names them (what a version-2 patch sets).
import { describe, expect, it } from 'vitest';
import { changedFields, VISIBLE_FIELDS, visibleFieldsEqual } from './derive.js';
import {
  type DerivedFields,
  type GitStats,
  GitStatsSchema,
  type WorkspaceFacts,
  type WorkspaceSnapshot,
  WorkspaceSnapshotSchema,
} from './snapshot.js';
import { makeSnapshot } from './testing.js';

type Visible = WorkspaceFacts & DerivedFields;

/** A snapshot in which every nullable field holds a value, so that changing any of them is visible. */
function base(metadata: Partial<Pick<WorkspaceSnapshot, 'version' | 'computedAt' | 'source'>> = {}): WorkspaceSnapshot {
  return makeSnapshot(
    {
      prUrl: 'https://github.com/acme/app/pull/7',
      prNumber: 7,
      prState: 'OPEN',
      prCiStatus: 'SUCCESS',
      ratchetEnabled: true,
      ratchetState: 'IDLE',
      hasHadSessions: true,
      pendingRequestType: 'plan_approval',
      gitStats: { total: 3, additions: 10, deletions: 2, hasUncommitted: false },
      runScriptStatus: 'RUNNING',
      lastActivityAt: '2026-11-25T11:00:00.000Z',
    },
    metadata,
  );
}

/** For every visible field, a valid value other than `base()`'s. A new visible field fails to compile until listed. */
const CHANGED: { [K in keyof Visible]: Visible[K] } = {
  workspaceId: 'w2',
  projectId: 'p2',
  name: 'Renamed',
  status: 'FAILED',
  branchName: null,
  createdAt: '2026-11-24T10:00:00.000Z',
  prUrl: null,
  prNumber: 8,
  prState: 'APPROVED',
  prCiStatus: 'FAILURE',
  isSessionWorking: true,
  hasHadSessions: false,
  pendingRequestType: 'user_question',
  ratchetEnabled: false,
  ratchetState: 'CI_RUNNING',
  gitStats: null,
  runScriptStatus: 'STOPPING',
  lastActivityAt: null,
  ciObservation: 'CHECKS_FAILED',
  flowPhase: 'READY',
  isWorking: false,
  ratchetButtonAnimated: true,
  sidebarStatus: { activityState: 'IDLE', ciState: 'FAILING' },
  kanbanColumn: 'DONE',
};

const METADATA = ['version', 'computedAt', 'source'] as const;

describe('VISIBLE_FIELDS', () => {
  it('is every snapshot field except version, computedAt and source', () => {
    const expected = Object.keys(WorkspaceSnapshotSchema.shape).filter(
      (key) => !(METADATA as readonly string[]).includes(key),
    );
    expect([...VISIBLE_FIELDS].sort()).toEqual(expected.sort());
  });
});

describe('visibleFieldsEqual', () => {
  it.each([
    { name: 'version', metadata: { version: 41 } },
    { name: 'computedAt', metadata: { computedAt: '2026-11-25T12:34:56.789Z' } },
    { name: 'source', metadata: { source: 'reconciliation' } },
    { name: 'all three', metadata: { version: 2, computedAt: '2026-11-26T00:00:00.000Z', source: 'event' } },
  ] as const)('is true when only metadata differs: $name', ({ metadata }) => {
    const a = base({ version: 1, computedAt: '2026-11-25T10:00:00.000Z', source: 'initial' });
    const b = base(metadata);
    expect(visibleFieldsEqual(a, b)).toBe(true);
    expect(visibleFieldsEqual(b, a)).toBe(true);
  });

  it('is true for a snapshot compared with itself', () => {
    const a = base();
    expect(visibleFieldsEqual(a, a)).toBe(true);
  });

  it('is true for distinct gitStats objects with equal values', () => {
    const a = base();
    const b = { ...a, gitStats: { ...a.gitStats! } };
    expect(b.gitStats).not.toBe(a.gitStats);
    expect(visibleFieldsEqual(a, b)).toBe(true);
  });

  it('is true when both gitStats are null', () => {
    const a = { ...base(), gitStats: null };
    expect(visibleFieldsEqual(a, { ...a })).toBe(true);
  });

  it('is true for distinct sidebarStatus objects with equal values', () => {
    const a = base();
    const b = { ...a, sidebarStatus: { ...a.sidebarStatus } };
    expect(b.sidebarStatus).not.toBe(a.sidebarStatus);
    expect(visibleFieldsEqual(a, b)).toBe(true);
  });

  it.each(VISIBLE_FIELDS.map((field) => ({ field })))('is false when $field changes', ({ field }) => {
    const a = base();
    const b = { ...a, [field]: CHANGED[field] };
    expect(b[field]).not.toEqual(a[field]);
    expect(visibleFieldsEqual(a, b)).toBe(false);
    expect(visibleFieldsEqual(b, a)).toBe(false);
  });

  it('is false when gitStats goes from an object to null and back', () => {
    const a = base();
    const b = { ...a, gitStats: null };
    expect(visibleFieldsEqual(a, b)).toBe(false);
    expect(visibleFieldsEqual(b, a)).toBe(false);
  });

  const otherGitStats: GitStats = { total: 4, additions: 11, deletions: 3, hasUncommitted: true };

  it.each((Object.keys(GitStatsSchema.shape) as (keyof GitStats)[]).map((key) => ({ key })))(
    'is false when gitStats.$key alone changes',
    ({ key }) => {
      const a = base();
      const b = { ...a, gitStats: { ...a.gitStats!, [key]: otherGitStats[key] } };
      expect(visibleFieldsEqual(a, b)).toBe(false);
      expect(visibleFieldsEqual(b, a)).toBe(false);
    },
  );

  it.each([
    { name: 'activityState', sidebarStatus: { activityState: 'IDLE', ciState: 'PASSING' } },
    { name: 'ciState', sidebarStatus: { activityState: 'WORKING', ciState: 'CONFLICT' } },
  ] as const)('is false when sidebarStatus.$name alone changes', ({ sidebarStatus }) => {
    const a = base();
    expect(a.sidebarStatus).toEqual({ activityState: 'WORKING', ciState: 'PASSING' });
    const b = { ...a, sidebarStatus };
    expect(visibleFieldsEqual(a, b)).toBe(false);
    expect(visibleFieldsEqual(b, a)).toBe(false);
  });
});

describe('changedFields', () => {
  it('names nothing when only metadata differs, or objects are distinct but equal', () => {
    const a = base({ version: 1, computedAt: '2026-11-25T10:00:00.000Z', source: 'initial' });
    const b = {
      ...base({ version: 2, computedAt: '2026-11-26T00:00:00.000Z', source: 'event' }),
      gitStats: { ...a.gitStats! },
      sidebarStatus: { ...a.sidebarStatus },
    };
    expect(changedFields(a, b)).toEqual([]);
  });

  it.each(VISIBLE_FIELDS.map((field) => ({ field })))('names $field alone when it alone changes', ({ field }) => {
    const a = base();
    expect(changedFields(a, { ...a, [field]: CHANGED[field] })).toEqual([field]);
  });

  it('names every changed field in VISIBLE_FIELDS order, one member of an object field enough', () => {
    const a = base();
    const b = {
      ...a,
      kanbanColumn: CHANGED.kanbanColumn,
      name: CHANGED.name,
      gitStats: { ...a.gitStats!, deletions: 99 },
      sidebarStatus: { ...a.sidebarStatus, ciState: 'CONFLICT' as const },
    };
    expect(changedFields(a, b)).toEqual(['name', 'gitStats', 'sidebarStatus', 'kanbanColumn']);
  });

  it('agrees with visibleFieldsEqual: nothing named exactly when the visible fields are equal', () => {
    const a = base();
    for (const field of VISIBLE_FIELDS) {
      const b = { ...a, [field]: CHANGED[field] };
      expect(changedFields(a, b).length === 0).toBe(visibleFieldsEqual(a, b));
    }
    expect(changedFields(a, { ...a }).length === 0).toBe(visibleFieldsEqual(a, { ...a }));
  });
});

// DOMAIN.md's derivation rules, one table per derived field; each "first match wins" order has cases
// in which two adjacent rules both match, so that swapping them fails a test.
import { describe, expect, it } from 'vitest';
import { deriveSnapshotFields } from './derive.js';
import type { PendingRequestType, PrCiStatus, RatchetState, WorkspaceFacts, WorkspaceStatus } from './snapshot.js';
import { RatchetStateSchema } from './snapshot.js';
import { makeFacts } from './testing.js';

type Facts = Partial<WorkspaceFacts>;

function derive(facts: Facts) {
  return deriveSnapshotFields(makeFacts(facts));
}

const PR_URL = 'https://github.com/acme/app/pull/7';

/** An open PR whose checks passed, with the ratchet on and idle: `RATCHET_VERIFY` unless a case changes it. */
const OPEN_PR = {
  prUrl: PR_URL,
  prNumber: 7,
  prState: 'OPEN',
  prCiStatus: 'SUCCESS',
  ratchetEnabled: true,
  ratchetState: 'IDLE',
} as const satisfies Facts;

describe('ciObservation', () => {
  it.each<{ prCiStatus: PrCiStatus | null; expected: string }>([
    { prCiStatus: 'PENDING', expected: 'CHECKS_PENDING' },
    { prCiStatus: 'FAILURE', expected: 'CHECKS_FAILED' },
    { prCiStatus: 'SUCCESS', expected: 'CHECKS_PASSED' },
    { prCiStatus: 'NONE', expected: 'NO_CHECKS' },
    { prCiStatus: 'UNKNOWN', expected: 'NOT_FETCHED' },
    { prCiStatus: null, expected: 'NOT_FETCHED' },
  ])('maps prCiStatus $prCiStatus to $expected', ({ prCiStatus, expected }) => {
    expect(derive({ prCiStatus }).ciObservation).toBe(expected);
    // The mapping does not depend on having a PR.
    expect(derive({ ...OPEN_PR, prCiStatus }).ciObservation).toBe(expected);
  });
});

describe('flowPhase, ratchetButtonAnimated and flowWorking (as isWorking without a session), in order', () => {
  interface FlowCase {
    name: string;
    facts: Facts;
    flowPhase: string;
    working: boolean;
    animated: boolean;
  }

  const cases: FlowCase[] = [
    // 1. prState MERGED → MERGED
    { name: '1: a merged PR is MERGED', facts: { ...OPEN_PR, prState: 'MERGED' }, ...phase('MERGED', false) },
    {
      name: '1 beats 2: a merged PR without prUrl is MERGED, not NO_PR',
      facts: { prUrl: null, prState: 'MERGED' },
      ...phase('MERGED', false),
    },
    {
      name: '1 beats 3: a merged PR with pending checks and the ratchet on is MERGED, idle and not animated',
      facts: { ...OPEN_PR, prState: 'MERGED', prCiStatus: 'PENDING' },
      ...phase('MERGED', false),
    },
    {
      name: '1 beats 5: a merged PR whose ratchet says CI_FAILED is MERGED',
      facts: { ...OPEN_PR, prState: 'MERGED', ratchetState: 'CI_FAILED' },
      ...phase('MERGED', false),
    },
    // 2. no active PR → NO_PR
    { name: '2: no PR at all is NO_PR', facts: {}, ...phase('NO_PR', false) },
    {
      name: '2: an OPEN prState without prUrl is NO_PR',
      facts: { ...OPEN_PR, prUrl: null },
      ...phase('NO_PR', false),
    },
    {
      name: '2 beats 3: no prUrl with pending checks and the ratchet on is NO_PR, idle and not animated',
      facts: { ...OPEN_PR, prUrl: null, prCiStatus: 'PENDING' },
      ...phase('NO_PR', false),
    },
    {
      name: '2 beats 3: a prUrl with prState NONE and unread checks is NO_PR',
      facts: { ...OPEN_PR, prState: 'NONE', prCiStatus: 'UNKNOWN' },
      ...phase('NO_PR', false),
    },
    {
      name: '2 beats 3: a prUrl with prState CLOSED and pending checks is NO_PR',
      facts: { ...OPEN_PR, prState: 'CLOSED', prCiStatus: 'PENDING' },
      ...phase('NO_PR', false),
    },
    {
      name: '2 beats 3: a prUrl with a null prState and null checks is NO_PR',
      facts: { ...OPEN_PR, prState: null, prCiStatus: null },
      ...phase('NO_PR', false),
    },
    {
      name: '2 beats 5: a CLOSED PR whose ratchet says CI_FAILED is NO_PR',
      facts: { ...OPEN_PR, prState: 'CLOSED', ratchetState: 'CI_FAILED' },
      ...phase('NO_PR', false),
    },
    // 3. checks not read yet or pending → CI_WAIT, working, animated exactly when ratchetEnabled
    {
      name: '3: unread checks with the ratchet on are CI_WAIT, animated',
      facts: { ...OPEN_PR, prCiStatus: 'UNKNOWN' },
      ...phase('CI_WAIT', true, true),
    },
    {
      name: '3: null checks with the ratchet on are CI_WAIT, animated',
      facts: { ...OPEN_PR, prCiStatus: null },
      ...phase('CI_WAIT', true, true),
    },
    {
      name: '3: pending checks with the ratchet on are CI_WAIT, animated',
      facts: { ...OPEN_PR, prCiStatus: 'PENDING' },
      ...phase('CI_WAIT', true, true),
    },
    {
      name: '3 beats 4: pending checks with the ratchet off are CI_WAIT, working, not animated',
      facts: { ...OPEN_PR, prCiStatus: 'PENDING', ratchetEnabled: false },
      ...phase('CI_WAIT', true, false),
    },
    {
      name: '3 beats 4: unread checks with the ratchet off are CI_WAIT, working, not animated',
      facts: { ...OPEN_PR, prCiStatus: 'UNKNOWN', ratchetEnabled: false },
      ...phase('CI_WAIT', true, false),
    },
    {
      name: '3 beats 5: pending checks while the ratchet says CI_FAILED are CI_WAIT',
      facts: { ...OPEN_PR, prCiStatus: 'PENDING', ratchetState: 'CI_FAILED' },
      ...phase('CI_WAIT', true, true),
    },
    {
      name: '3 beats 6: pending checks while the ratchet says READY are CI_WAIT',
      facts: { ...OPEN_PR, prCiStatus: 'PENDING', ratchetState: 'READY' },
      ...phase('CI_WAIT', true, true),
    },
    {
      name: '3: a DRAFT PR with pending checks is CI_WAIT',
      facts: { ...OPEN_PR, prState: 'DRAFT', prCiStatus: 'PENDING' },
      ...phase('CI_WAIT', true, true),
    },
    {
      name: '3: a CHANGES_REQUESTED PR with pending checks is CI_WAIT',
      facts: { ...OPEN_PR, prState: 'CHANGES_REQUESTED', prCiStatus: 'PENDING' },
      ...phase('CI_WAIT', true, true),
    },
    {
      name: '3: an APPROVED PR with pending checks is CI_WAIT',
      facts: { ...OPEN_PR, prState: 'APPROVED', prCiStatus: 'PENDING' },
      ...phase('CI_WAIT', true, true),
    },
    // 4. ratchet off → READY, whatever ratchetState is
    {
      name: '4: passed checks with the ratchet off are READY',
      facts: { ...OPEN_PR, ratchetEnabled: false },
      ...phase('READY', false),
    },
    {
      name: '4: a repository without checks, with the ratchet off, is READY',
      facts: { ...OPEN_PR, prCiStatus: 'NONE', ratchetEnabled: false },
      ...phase('READY', false),
    },
    {
      name: '4 beats 5: failed checks with the ratchet off and ratchetState CI_FAILED are READY, not working',
      facts: { ...OPEN_PR, prCiStatus: 'FAILURE', ratchetEnabled: false, ratchetState: 'CI_FAILED' },
      ...phase('READY', false),
    },
    {
      name: '4 beats 5: the ratchet off with ratchetState REVIEW_PENDING is READY',
      facts: { ...OPEN_PR, ratchetEnabled: false, ratchetState: 'REVIEW_PENDING' },
      ...phase('READY', false),
    },
    {
      name: '4 beats 7: the ratchet off with ratchetState CI_RUNNING is READY',
      facts: { ...OPEN_PR, ratchetEnabled: false, ratchetState: 'CI_RUNNING' },
      ...phase('READY', false),
    },
    // 5. CI_FAILED or REVIEW_PENDING → RATCHET_FIXING
    {
      name: '5: ratchetState CI_FAILED is RATCHET_FIXING',
      facts: { ...OPEN_PR, prCiStatus: 'FAILURE', ratchetState: 'CI_FAILED' },
      ...phase('RATCHET_FIXING', true),
    },
    {
      name: '5: ratchetState REVIEW_PENDING is RATCHET_FIXING',
      facts: { ...OPEN_PR, ratchetState: 'REVIEW_PENDING' },
      ...phase('RATCHET_FIXING', true),
    },
    {
      name: '5: ratchetState CI_FAILED on a repository without checks is RATCHET_FIXING',
      facts: { ...OPEN_PR, prCiStatus: 'NONE', ratchetState: 'CI_FAILED' },
      ...phase('RATCHET_FIXING', true),
    },
    // 6. READY or MERGED → READY
    { name: '6: ratchetState READY is READY', facts: { ...OPEN_PR, ratchetState: 'READY' }, ...phase('READY', false) },
    {
      name: '6: ratchetState MERGED on an open PR is READY, not MERGED',
      facts: { ...OPEN_PR, ratchetState: 'MERGED' },
      ...phase('READY', false),
    },
    // 7. otherwise → RATCHET_VERIFY
    { name: '7: ratchetState IDLE is RATCHET_VERIFY', facts: OPEN_PR, ...phase('RATCHET_VERIFY', true) },
    {
      name: '7: a null ratchetState is RATCHET_VERIFY',
      facts: { ...OPEN_PR, ratchetState: null },
      ...phase('RATCHET_VERIFY', true),
    },
    {
      name: '7: ratchetState CI_RUNNING is RATCHET_VERIFY',
      facts: { ...OPEN_PR, ratchetState: 'CI_RUNNING' },
      ...phase('RATCHET_VERIFY', true),
    },
    {
      name: '7: ratchetState MERGE_CONFLICT is RATCHET_VERIFY',
      facts: { ...OPEN_PR, ratchetState: 'MERGE_CONFLICT' },
      ...phase('RATCHET_VERIFY', true),
    },
    {
      name: '7: failed checks with an idle ratchet are RATCHET_VERIFY',
      facts: { ...OPEN_PR, prCiStatus: 'FAILURE' },
      ...phase('RATCHET_VERIFY', true),
    },
  ];

  function phase(flowPhase: string, working: boolean, animated = false) {
    return { flowPhase, working, animated };
  }

  it.each(cases)('$name', ({ facts, flowPhase, working, animated }) => {
    const derived = derive({ ...facts, isSessionWorking: false });
    expect({
      flowPhase: derived.flowPhase,
      working: derived.isWorking,
      animated: derived.ratchetButtonAnimated,
    }).toEqual({ flowPhase, working, animated });
  });

  it.each<RatchetState | null>([...ratchetStates(), null])(
    'the ratchet button animates only at step 3 (ratchetState %s)',
    (ratchetState) => {
      for (const prCiStatus of ['SUCCESS', 'FAILURE', 'NONE'] as const) {
        expect(derive({ ...OPEN_PR, prCiStatus, ratchetState }).ratchetButtonAnimated).toBe(false);
      }
      expect(derive({ ...OPEN_PR, prCiStatus: 'PENDING', ratchetState }).ratchetButtonAnimated).toBe(true);
    },
  );
});

describe('isWorking is isSessionWorking or flowWorking', () => {
  it.each([
    { name: 'idle session, idle flow → not working', facts: {}, isWorking: false },
    { name: 'working session, idle flow → working', facts: { isSessionWorking: true }, isWorking: true },
    { name: 'idle session, working flow → working', facts: OPEN_PR, isWorking: true },
    { name: 'working session, working flow → working', facts: { ...OPEN_PR, isSessionWorking: true }, isWorking: true },
    {
      name: 'a working session on a merged PR → working',
      facts: { ...OPEN_PR, prState: 'MERGED', isSessionWorking: true },
      isWorking: true,
    },
  ] satisfies { name: string; facts: Facts; isWorking: boolean }[])('$name', ({ facts, isWorking }) => {
    expect(derive(facts).isWorking).toBe(isWorking);
  });
});

describe('sidebarStatus.activityState', () => {
  it.each([
    { name: 'IDLE when nothing works', facts: {}, activityState: 'IDLE' },
    { name: 'WORKING when a session runs a turn', facts: { isSessionWorking: true }, activityState: 'WORKING' },
    {
      name: 'WORKING when only the flow works (a PR waiting for CI)',
      facts: { ...OPEN_PR, prCiStatus: 'PENDING' },
      activityState: 'WORKING',
    },
    {
      name: 'IDLE for a READY flow without a session',
      facts: { ...OPEN_PR, ratchetState: 'READY' },
      activityState: 'IDLE',
    },
  ] satisfies { name: string; facts: Facts; activityState: string }[])('is $name', ({ facts, activityState }) => {
    expect(derive(facts).sidebarStatus.activityState).toBe(activityState);
  });
});

describe('sidebarStatus.ciState, first match wins', () => {
  it.each([
    // no PR
    { name: 'no PR → NONE', facts: {}, ciState: 'NONE' },
    {
      name: 'no PR beats a MERGED prState → NONE',
      facts: { prUrl: null, prState: 'MERGED' },
      ciState: 'NONE',
    },
    {
      name: 'no PR beats a MERGED ratchetState → NONE',
      facts: { prUrl: null, prState: 'OPEN', ratchetState: 'MERGED' },
      ciState: 'NONE',
    },
    {
      name: 'no PR beats a CLOSED prState and passing checks → NONE',
      facts: { prUrl: null, prState: 'CLOSED', prCiStatus: 'SUCCESS' },
      ciState: 'NONE',
    },
    {
      name: 'no PR beats failed checks and ratchetState CI_FAILED → NONE',
      facts: { prUrl: null, prState: 'OPEN', prCiStatus: 'FAILURE', ratchetState: 'CI_FAILED' },
      ciState: 'NONE',
    },
    // merged
    {
      name: 'a MERGED prState beats a merge conflict and failed checks → MERGED',
      facts: { ...OPEN_PR, prState: 'MERGED', ratchetState: 'MERGE_CONFLICT', prCiStatus: 'FAILURE' },
      ciState: 'MERGED',
    },
    {
      name: 'a MERGED ratchetState on an open PR with passing checks → MERGED',
      facts: { ...OPEN_PR, ratchetState: 'MERGED' },
      ciState: 'MERGED',
    },
    {
      name: 'MERGED beats CLOSED: a CLOSED prState whose ratchetState is MERGED → MERGED',
      facts: { ...OPEN_PR, prState: 'CLOSED', ratchetState: 'MERGED' },
      ciState: 'MERGED',
    },
    // closed
    {
      name: 'CLOSED beats a merge conflict → CLOSED',
      facts: { ...OPEN_PR, prState: 'CLOSED', ratchetState: 'MERGE_CONFLICT' },
      ciState: 'CLOSED',
    },
    {
      name: 'CLOSED beats passing checks → CLOSED',
      facts: { ...OPEN_PR, prState: 'CLOSED', prCiStatus: 'SUCCESS' },
      ciState: 'CLOSED',
    },
    // conflict
    {
      name: 'CONFLICT beats passing checks → CONFLICT',
      facts: { ...OPEN_PR, prCiStatus: 'SUCCESS', ratchetState: 'MERGE_CONFLICT' },
      ciState: 'CONFLICT',
    },
    {
      name: 'CONFLICT beats failed checks → CONFLICT',
      facts: { ...OPEN_PR, prCiStatus: 'FAILURE', ratchetState: 'MERGE_CONFLICT' },
      ciState: 'CONFLICT',
    },
    // known CI, which ratchetState does not override
    { name: 'SUCCESS → PASSING', facts: OPEN_PR, ciState: 'PASSING' },
    {
      name: 'SUCCESS is not overridden by ratchetState CI_FAILED → PASSING',
      facts: { ...OPEN_PR, prCiStatus: 'SUCCESS', ratchetState: 'CI_FAILED' },
      ciState: 'PASSING',
    },
    { name: 'FAILURE → FAILING', facts: { ...OPEN_PR, prCiStatus: 'FAILURE' }, ciState: 'FAILING' },
    {
      name: 'FAILURE is not overridden by ratchetState CI_RUNNING → FAILING',
      facts: { ...OPEN_PR, prCiStatus: 'FAILURE', ratchetState: 'CI_RUNNING' },
      ciState: 'FAILING',
    },
    { name: 'PENDING → RUNNING', facts: { ...OPEN_PR, prCiStatus: 'PENDING' }, ciState: 'RUNNING' },
    {
      name: 'PENDING is not overridden by ratchetState CI_FAILED → RUNNING',
      facts: { ...OPEN_PR, prCiStatus: 'PENDING', ratchetState: 'CI_FAILED' },
      ciState: 'RUNNING',
    },
    { name: 'NONE (no checks) → NONE', facts: { ...OPEN_PR, prCiStatus: 'NONE' }, ciState: 'NONE' },
    {
      name: 'NONE (no checks) is not overridden by ratchetState CI_FAILED → NONE',
      facts: { ...OPEN_PR, prCiStatus: 'NONE', ratchetState: 'CI_FAILED' },
      ciState: 'NONE',
    },
    {
      name: 'NONE (no checks) is not overridden by ratchetState CI_RUNNING → NONE',
      facts: { ...OPEN_PR, prCiStatus: 'NONE', ratchetState: 'CI_RUNNING' },
      ciState: 'NONE',
    },
    // CI unknown: falls through to ratchetState
    {
      name: 'unknown CI with ratchetState CI_FAILED → FAILING',
      facts: { ...OPEN_PR, prCiStatus: 'UNKNOWN', ratchetState: 'CI_FAILED' },
      ciState: 'FAILING',
    },
    {
      name: 'null CI with ratchetState CI_FAILED → FAILING',
      facts: { ...OPEN_PR, prCiStatus: null, ratchetState: 'CI_FAILED' },
      ciState: 'FAILING',
    },
    {
      name: 'unknown CI with ratchetState CI_RUNNING → RUNNING',
      facts: { ...OPEN_PR, prCiStatus: 'UNKNOWN', ratchetState: 'CI_RUNNING' },
      ciState: 'RUNNING',
    },
    {
      name: 'null CI with ratchetState CI_RUNNING → RUNNING',
      facts: { ...OPEN_PR, prCiStatus: null, ratchetState: 'CI_RUNNING' },
      ciState: 'RUNNING',
    },
    {
      name: 'unknown CI with ratchetState IDLE → UNKNOWN',
      facts: { ...OPEN_PR, prCiStatus: 'UNKNOWN', ratchetState: 'IDLE' },
      ciState: 'UNKNOWN',
    },
    {
      name: 'null CI with a null ratchetState → UNKNOWN',
      facts: { ...OPEN_PR, prCiStatus: null, ratchetState: null },
      ciState: 'UNKNOWN',
    },
    {
      name: 'unknown CI with ratchetState REVIEW_PENDING → UNKNOWN',
      facts: { ...OPEN_PR, prCiStatus: 'UNKNOWN', ratchetState: 'REVIEW_PENDING' },
      ciState: 'UNKNOWN',
    },
    {
      name: 'unknown CI with ratchetState READY → UNKNOWN',
      facts: { ...OPEN_PR, prCiStatus: 'UNKNOWN', ratchetState: 'READY' },
      ciState: 'UNKNOWN',
    },
    // "has a PR" is prUrl, whatever prState says
    {
      name: 'a prUrl with prState NONE and passing checks → PASSING',
      facts: { ...OPEN_PR, prState: 'NONE' },
      ciState: 'PASSING',
    },
    {
      name: 'a prUrl with a null prState and failed checks → FAILING',
      facts: { ...OPEN_PR, prState: null, prCiStatus: 'FAILURE' },
      ciState: 'FAILING',
    },
  ] satisfies { name: string; facts: Facts; ciState: string }[])('$name', ({ facts, ciState }) => {
    expect(derive(facts).sidebarStatus.ciState).toBe(ciState);
  });
});

describe('kanbanColumn, first match wins', () => {
  it.each([
    // 1. archived
    {
      name: '1 beats 2: ARCHIVING with a working session → null',
      facts: { status: 'ARCHIVING', isSessionWorking: true, hasHadSessions: true },
      column: null,
    },
    {
      name: '1 beats 2: ARCHIVED with a working session → null',
      facts: { status: 'ARCHIVED', isSessionWorking: true, hasHadSessions: true },
      column: null,
    },
    {
      name: '1 beats 2: ARCHIVED with a PR waiting for CI → null',
      facts: { ...OPEN_PR, status: 'ARCHIVED', prCiStatus: 'PENDING' },
      column: null,
    },
    {
      name: '1 beats 3: ARCHIVED with a merged PR → null',
      facts: { ...OPEN_PR, status: 'ARCHIVED', prState: 'MERGED', hasHadSessions: true },
      column: null,
    },
    {
      name: '1 beats 5: ARCHIVING after sessions → null',
      facts: { status: 'ARCHIVING', hasHadSessions: true },
      column: null,
    },
    // 2. lifecycle or working
    { name: '2 beats 4: NEW without sessions → WORKING', facts: { status: 'NEW' }, column: 'WORKING' },
    {
      name: '2 beats 4: PROVISIONING without sessions → WORKING',
      facts: { status: 'PROVISIONING' },
      column: 'WORKING',
    },
    { name: '2 beats 4: FAILED without sessions → WORKING', facts: { status: 'FAILED' }, column: 'WORKING' },
    {
      name: '2 beats 3: FAILED with a merged PR → WORKING',
      facts: { ...OPEN_PR, status: 'FAILED', prState: 'MERGED' },
      column: 'WORKING',
    },
    {
      name: '2 beats 3: a working session on a merged PR → WORKING',
      facts: { ...OPEN_PR, prState: 'MERGED', isSessionWorking: true, hasHadSessions: true },
      column: 'WORKING',
    },
    {
      name: '2 beats 5: a working session → WORKING',
      facts: { isSessionWorking: true, hasHadSessions: true },
      column: 'WORKING',
    },
    {
      name: '2 beats 4: a PR waiting for CI with no session ever → WORKING (flowWorking)',
      facts: { ...OPEN_PR, prCiStatus: 'PENDING', hasHadSessions: false },
      column: 'WORKING',
    },
    {
      name: '2 beats 4: a ratchet fixing CI with no session ever → WORKING (flowWorking)',
      facts: { ...OPEN_PR, ratchetState: 'CI_FAILED', hasHadSessions: false },
      column: 'WORKING',
    },
    // 3. merged
    {
      name: '3 beats 4: a merged PR with no session ever → DONE',
      facts: { ...OPEN_PR, prState: 'MERGED', hasHadSessions: false },
      column: 'DONE',
    },
    {
      name: '3 beats 5: a merged PR after sessions → DONE',
      facts: { ...OPEN_PR, prState: 'MERGED', hasHadSessions: true },
      column: 'DONE',
    },
    {
      name: 'ratchetState MERGED alone is not DONE: after sessions → WAITING',
      facts: { ...OPEN_PR, ratchetState: 'MERGED', hasHadSessions: true },
      column: 'WAITING',
    },
    {
      name: 'ratchetState MERGED alone is not DONE: without sessions → null',
      facts: { ...OPEN_PR, ratchetState: 'MERGED', hasHadSessions: false },
      column: null,
    },
    // 4. never had a session
    { name: '4: a fresh, untouched READY workspace → null', facts: { status: 'READY' }, column: null },
    {
      name: '4: a READY PR without sessions → null',
      facts: { ...OPEN_PR, ratchetState: 'READY', hasHadSessions: false },
      column: null,
    },
    // 5. otherwise
    { name: '5: an idle workspace after sessions → WAITING', facts: { hasHadSessions: true }, column: 'WAITING' },
    {
      name: '5: a READY PR after sessions → WAITING',
      facts: { ...OPEN_PR, ratchetEnabled: false, hasHadSessions: true },
      column: 'WAITING',
    },
    {
      name: '5: a CLOSED PR after sessions → WAITING',
      facts: { ...OPEN_PR, prState: 'CLOSED', hasHadSessions: true },
      column: 'WAITING',
    },
  ] satisfies { name: string; facts: Facts; column: string | null }[])('$name', ({ facts, column }) => {
    expect(derive(facts).kanbanColumn).toBe(column);
  });

  it.each([
    { status: 'NEW', column: 'WORKING' },
    { status: 'PROVISIONING', column: 'WORKING' },
    { status: 'READY', column: 'WAITING' },
    { status: 'FAILED', column: 'WORKING' },
    { status: 'ARCHIVING', column: null },
    { status: 'ARCHIVED', column: null },
  ] satisfies { status: WorkspaceStatus; column: string | null }[])(
    'an idle workspace with status $status after sessions → $column',
    ({ status, column }) => {
      expect(derive({ status, hasHadSessions: true }).kanbanColumn).toBe(column);
    },
  );
});

/** Facts that reach every derivation branch at least once: each derived field takes several values over them. */
const VARIED_FACTS: { name: string; facts: Facts }[] = [
  { name: 'a fresh workspace', facts: {} },
  { name: 'a working session', facts: { isSessionWorking: true, hasHadSessions: true } },
  { name: 'a PR waiting for CI', facts: { ...OPEN_PR, prCiStatus: 'PENDING' } },
  { name: 'a PR being fixed', facts: { ...OPEN_PR, ratchetState: 'CI_FAILED', hasHadSessions: true } },
  { name: 'a PR in conflict', facts: { ...OPEN_PR, ratchetState: 'MERGE_CONFLICT', prCiStatus: 'UNKNOWN' } },
  { name: 'a ready PR', facts: { ...OPEN_PR, ratchetEnabled: false, hasHadSessions: true } },
  { name: 'a merged PR', facts: { ...OPEN_PR, prState: 'MERGED' } },
  { name: 'a closed PR', facts: { ...OPEN_PR, prState: 'CLOSED', hasHadSessions: true } },
  { name: 'an archived workspace', facts: { status: 'ARCHIVED', hasHadSessions: true } },
];

describe('pendingRequestType affects no derived field', () => {
  it.each(VARIED_FACTS)('for $name', ({ facts }) => {
    const without = derive({ ...facts, pendingRequestType: null });
    for (const pendingRequestType of ['plan_approval', 'user_question'] satisfies PendingRequestType[]) {
      expect(derive({ ...facts, pendingRequestType })).toEqual(without);
    }
  });
});

describe('ratchetState counts whether or not ratchetEnabled is set, except at flowPhase step 4', () => {
  it.each([
    {
      name: 'ratchetState MERGED makes ciState MERGED with the ratchet off',
      facts: { ...OPEN_PR, ratchetEnabled: false, ratchetState: 'MERGED' },
      ciState: 'MERGED',
    },
    {
      name: 'ratchetState MERGE_CONFLICT makes ciState CONFLICT with the ratchet off',
      facts: { ...OPEN_PR, ratchetEnabled: false, ratchetState: 'MERGE_CONFLICT' },
      ciState: 'CONFLICT',
    },
    {
      name: 'ratchetState CI_FAILED makes unknown CI FAILING with the ratchet off',
      facts: { ...OPEN_PR, ratchetEnabled: false, prCiStatus: 'UNKNOWN', ratchetState: 'CI_FAILED' },
      ciState: 'FAILING',
    },
    {
      name: 'ratchetState CI_RUNNING makes unknown CI RUNNING with the ratchet off',
      facts: { ...OPEN_PR, ratchetEnabled: false, prCiStatus: null, ratchetState: 'CI_RUNNING' },
      ciState: 'RUNNING',
    },
  ] satisfies { name: string; facts: Facts; ciState: string }[])('$name', ({ facts, ciState }) => {
    expect(derive(facts).sidebarStatus.ciState).toBe(ciState);
    expect(derive({ ...facts, ratchetEnabled: true }).sidebarStatus.ciState).toBe(ciState);
  });

  it.each<RatchetState | null>([...ratchetStates(), null])(
    'with the ratchet off, ratchetState %s leaves flowPhase READY and the card not working',
    (ratchetState) => {
      const derived = derive({ ...OPEN_PR, ratchetEnabled: false, ratchetState, hasHadSessions: true });
      expect([derived.flowPhase, derived.isWorking, derived.kanbanColumn]).toEqual(['READY', false, 'WAITING']);
    },
  );
});

function ratchetStates(): readonly RatchetState[] {
  return RatchetStateSchema.options;
}

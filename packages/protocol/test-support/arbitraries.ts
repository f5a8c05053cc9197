// fast-check arbitraries of valid facts, for this package's property tests only:
// fast-check is a dev tool and must not become a runtime dependency of the protocol package.
import * as fc from 'fast-check';
import {
  type GitStats,
  PendingRequestTypeSchema,
  PrCiStatusSchema,
  PrStateSchema,
  RatchetStateSchema,
  RunScriptStatusSchema,
  type SnapshotMetadata,
  SnapshotSourceKindSchema,
  type WorkspaceFacts,
  WorkspaceStatusSchema,
} from '../src/index.js';

/** A time in `toISOString()` form; the years stay within four digits, as the wire form requires. */
export const isoTime: fc.Arbitrary<string> = fc
  .date({ min: new Date('2000-01-01T00:00:00.000Z'), max: new Date('2099-12-31T23:59:59.999Z'), noInvalidDate: true })
  .map((date) => date.toISOString());

const id = fc.string({ minLength: 1, maxLength: 12 });
const count = fc.nat({ max: 100_000 });

export const gitStats: fc.Arbitrary<GitStats> = fc.record({
  total: count,
  additions: count,
  deletions: count,
  hasUncommitted: fc.boolean(),
});

/** Any facts that `WorkspaceFactsSchema` accepts, with every enum value and null reachable. */
export const workspaceFacts: fc.Arbitrary<WorkspaceFacts> = fc.record({
  workspaceId: id,
  projectId: id,
  name: fc.string({ maxLength: 20 }),
  status: fc.constantFrom(...WorkspaceStatusSchema.options),
  branchName: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
  createdAt: isoTime,
  prUrl: fc.option(fc.webUrl(), { nil: null }),
  prNumber: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: null }),
  prState: fc.option(fc.constantFrom(...PrStateSchema.options), { nil: null }),
  prCiStatus: fc.option(fc.constantFrom(...PrCiStatusSchema.options), { nil: null }),
  isSessionWorking: fc.boolean(),
  hasHadSessions: fc.boolean(),
  pendingRequestType: fc.option(fc.constantFrom(...PendingRequestTypeSchema.options), { nil: null }),
  ratchetEnabled: fc.boolean(),
  ratchetState: fc.option(fc.constantFrom(...RatchetStateSchema.options), { nil: null }),
  gitStats: fc.option(gitStats, { nil: null }),
  runScriptStatus: fc.option(fc.constantFrom(...RunScriptStatusSchema.options), { nil: null }),
  lastActivityAt: fc.option(isoTime, { nil: null }),
});

export const snapshotMetadata: fc.Arbitrary<SnapshotMetadata> = fc.record({
  version: fc.nat(),
  computedAt: isoTime,
  source: fc.constantFrom(...SnapshotSourceKindSchema.options),
});

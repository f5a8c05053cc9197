// Properties of the derivation over arbitrary valid facts: what it reads, and that what it builds is valid.
import * as fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { snapshotMetadata, workspaceFacts } from '../test-support/arbitraries.js';
import { buildSnapshot, type DerivationInput, deriveSnapshotFields } from './derive.js';
import { DerivedFieldsSchema, type WorkspaceFacts, WorkspaceFactsSchema, WorkspaceSnapshotSchema } from './snapshot.js';

const RUNS = { numRuns: 1_000 };

/** The facts `DerivationInput` names, at run time; the type test below keeps the list in step with the type. */
const DERIVATION_KEYS = [
  'status',
  'prUrl',
  'prState',
  'prCiStatus',
  'isSessionWorking',
  'hasHadSessions',
  'ratchetEnabled',
  'ratchetState',
] as const satisfies readonly (keyof DerivationInput)[];

function withDerivationInputOf(target: WorkspaceFacts, source: WorkspaceFacts): WorkspaceFacts {
  const merged: Record<string, unknown> = { ...target };
  for (const key of DERIVATION_KEYS) merged[key] = source[key];
  return merged as WorkspaceFacts;
}

describe('deriveSnapshotFields over arbitrary facts', () => {
  it('lists every fact that DerivationInput names', () => {
    expectTypeOf<(typeof DERIVATION_KEYS)[number]>().toEqualTypeOf<keyof DerivationInput>();
    expect(new Set(DERIVATION_KEYS).size).toBe(DERIVATION_KEYS.length);
  });

  it('generates only facts the schema accepts', () => {
    fc.assert(
      fc.property(workspaceFacts, (facts) => {
        expect(WorkspaceFactsSchema.safeParse(facts).success).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('depends only on the facts DerivationInput names: changing any other fact never changes a derived field', () => {
    fc.assert(
      fc.property(workspaceFacts, workspaceFacts, (facts, other) => {
        const changedElsewhere = withDerivationInputOf(other, facts);
        expect(deriveSnapshotFields(changedElsewhere)).toEqual(deriveSnapshotFields(facts));
      }),
      RUNS,
    );
  });

  it('returns derived fields that DerivedFieldsSchema accepts, and nothing else', () => {
    fc.assert(
      fc.property(workspaceFacts, (facts) => {
        const derived = deriveSnapshotFields(facts);
        expect(DerivedFieldsSchema.parse(derived)).toEqual(derived);
      }),
      RUNS,
    );
  });

  it('animates the ratchet button only while waiting for CI with the ratchet on', () => {
    fc.assert(
      fc.property(workspaceFacts, (facts) => {
        const derived = deriveSnapshotFields(facts);
        expect(derived.ratchetButtonAnimated).toBe(derived.flowPhase === 'CI_WAIT' && facts.ratchetEnabled);
      }),
      RUNS,
    );
  });
});

describe('buildSnapshot over arbitrary facts and metadata', () => {
  it('always builds a snapshot that WorkspaceSnapshotSchema accepts unchanged', () => {
    fc.assert(
      fc.property(workspaceFacts, snapshotMetadata, (facts, metadata) => {
        const snapshot = buildSnapshot(facts, metadata);
        const parsed = WorkspaceSnapshotSchema.safeParse(snapshot);
        expect(parsed.success).toBe(true);
        // The schema strips keys it does not know, so equality also proves the snapshot carries no extra key.
        expect(parsed.data).toEqual(snapshot);
      }),
      RUNS,
    );
  });

  it('carries the facts and metadata as given and the derived fields of those facts', () => {
    fc.assert(
      fc.property(workspaceFacts, snapshotMetadata, (facts, metadata) => {
        expect(buildSnapshot(facts, metadata)).toEqual({ ...facts, ...deriveSnapshotFields(facts), ...metadata });
      }),
      RUNS,
    );
  });

  it('leaves out keys the facts carry beyond the schema', () => {
    fc.assert(
      fc.property(workspaceFacts, snapshotMetadata, (facts, metadata) => {
        const withExtra = { ...facts, secret: 'not a fact' } as WorkspaceFacts;
        expect(buildSnapshot(withExtra, metadata)).not.toHaveProperty('secret');
      }),
      { numRuns: 50 },
    );
  });
});

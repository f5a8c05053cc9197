// A snapshot as the service computes it: the facts, their derived fields, the wall-clock time and how it was read.
// The store gives it its `version` when it commits it.
import type { SnapshotSourceKind, WorkspaceFacts, WorkspaceSnapshot } from '@livesnap/protocol';
import { buildSnapshot } from '@livesnap/protocol';

export type SnapshotBuilder = (facts: WorkspaceFacts, kind: SnapshotSourceKind) => WorkspaceSnapshot;

/** Snapshots stamped with `now()` (the wall clock of `computedAt`). */
export function snapshotBuilder(now: () => number): SnapshotBuilder {
  return (facts, kind) => buildSnapshot(facts, { version: 0, computedAt: new Date(now()).toISOString(), source: kind });
}

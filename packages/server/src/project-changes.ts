// What a full read of a project changes in what the store holds: an upsert for every workspace read (the store keeps
// only those whose visible fields differ), a remove for every held workspace the read did not return (unless its facts
// were unreadable), each only when the freshness gate lets the read apply to it. Used by reconciliation and by a load
// that joins a project a shared store already holds.
import type { SnapshotSourceKind, WorkspaceFacts, WorkspaceSnapshot } from '@livesnap/protocol';
import type { FreshnessGate } from './freshness.js';
import type { SnapshotBuilder } from './snapshot-builder.js';
import type { Change } from './store.js';

export interface ProjectRead {
  /** The complete facts read (git stats included), and the ids of workspaces whose facts were unreadable. */
  readonly facts: readonly WorkspaceFacts[];
  readonly unreadable: ReadonlySet<string>;
  /** The read's ticket. */
  readonly ticket: number;
  readonly kind: SnapshotSourceKind;
}

/** The changes, the gate's decisions made (no await between this and the commit: another result must not slip in). */
export function projectChanges(
  held: readonly WorkspaceSnapshot[],
  read: ProjectRead,
  gate: FreshnessGate,
  build: SnapshotBuilder,
): Change[] {
  const { ticket } = read;
  const changes: Change[] = [];
  const seen = new Set<string>();
  for (const f of read.facts) {
    seen.add(f.workspaceId);
    if (gate.tryApply(f.workspaceId, ticket)) changes.push({ type: 'upsert', snapshot: build(f, read.kind), ticket });
  }
  for (const { workspaceId } of held) {
    if (seen.has(workspaceId) || read.unreadable.has(workspaceId)) continue;
    if (gate.tryApply(workspaceId, ticket)) changes.push({ type: 'remove', workspaceId, ticket });
  }
  return changes;
}

// What "the same state" means across processes: a digest of every workspace's visible fields (every fact and every
// derived field, PROTOCOL.md), sorted by id, so that a server, a lightweight receiver and a real client can be compared
// by one string each.
import { createHash } from 'node:crypto';
import { buildSnapshot, VISIBLE_FIELDS, type WorkspaceFacts, type WorkspaceSnapshot } from '@livesnap/protocol';

/** The digest of a project's workspaces as snapshots (metadata, such as version and computedAt, left out). */
export function digestOf(snapshots: Iterable<WorkspaceSnapshot>): string {
  const rows = [...snapshots]
    .sort((a, b) => (a.workspaceId < b.workspaceId ? -1 : a.workspaceId > b.workspaceId ? 1 : 0))
    .map((snapshot) => VISIBLE_FIELDS.map((key) => snapshot[key]));
  return createHash('sha1').update(JSON.stringify(rows)).digest('hex');
}

/** The digest a client must reach for these facts of the source. */
export function digestOfFacts(facts: Iterable<WorkspaceFacts>): string {
  const computedAt = new Date(0).toISOString();
  return digestOf([...facts].map((f) => buildSnapshot(f, { version: 0, computedAt, source: 'initial' })));
}

/** What every subscriber of a project must hold: the digest, and the server's epoch and seq when known. */
export interface ProjectTarget {
  readonly projectId: string;
  readonly digest: string;
  readonly epoch?: string;
  readonly seq?: number;
}

/** Whether a subscriber's epoch and seq are the target's (where it names them). */
export function atTarget(target: ProjectTarget, epoch: string | null, seq: number | null): boolean {
  return (target.epoch === undefined || epoch === target.epoch) && (target.seq === undefined || seq === target.seq);
}

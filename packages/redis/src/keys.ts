// Where a project lives in Redis: every key of one project shares the hash tag `{projectId}`, so that a Redis Cluster
// keeps the project on one shard and the commit script, which touches them all, can run there.

export interface ProjectKeys {
  /** Hash: `epoch`, `seq`, `start` (the ticket of the read that started the epoch). */
  readonly meta: string;
  /** Hash: workspaceId → the snapshot's JSON (with its `version`). */
  readonly snapshots: string;
  /** Hash: workspaceId → the ticket of the last read applied to it (its tombstone, once removed). */
  readonly tickets: string;
  /** Sorted set: workspaceId → when it was removed (Redis's clock, ms), so that old tombstones can be forgotten. */
  readonly tombstones: string;
  /** Stream: the replay log, entry id `<seq>-0`, fields `m` (the message's JSON) and `c` (the visible fields changed). */
  readonly log: string;
  /** String: the instance that holds the project's reconciliation lease (expires). */
  readonly lease: string;
  /** Pub/sub channel of the project's commits (a channel is not a key: no slot). */
  readonly channel: string;
}

/** The keys of `projectId` under `prefix`. */
export function projectKeys(prefix: string, projectId: string): ProjectKeys {
  const base = `${prefix}:{${projectId}}`;
  return {
    meta: `${base}:meta`,
    snapshots: `${base}:snapshots`,
    tickets: `${base}:tickets`,
    tombstones: `${base}:tombstones`,
    log: `${base}:log`,
    lease: `${base}:lease`,
    channel: `${base}:commits`,
  };
}

/** The keys a project's scripts touch, in the order the scripts take them (KEYS[1..5]). */
export function stateKeys(keys: ProjectKeys): string[] {
  return [keys.meta, keys.snapshots, keys.tickets, keys.tombstones, keys.log];
}

/** The global ticket counter: one key (one shard in a cluster), since reads are ordered across projects. */
export function ticketKey(prefix: string): string {
  return `${prefix}:tickets`;
}

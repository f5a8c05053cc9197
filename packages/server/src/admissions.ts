// The connections admitted to each project, and the terms of their access (PROTOCOL.md, "Access that ends"): the cap
// on connections per project (4503 past it), the expiry of each grant (4401 when reached), and revocation (4403 at
// once), including of a connection whose `authorize` was still answering when `revoke` was called.
import { CloseCode } from '@livesnap/protocol';
import type { Connection } from './connection.js';
import type { Grant } from './handshake.js';
import { MAX_TIMER_MS } from './options.js';
import type { Scheduler } from './scheduler.js';

/** What `endpoint.revoke`'s predicate sees of a connection. */
export interface ConnectionAccess {
  readonly projectId: string;
  /** What `authorize` answered as the connection's `principal` (undefined when it answered `true`). */
  readonly principal: unknown;
}

export type RevokePredicate = (access: ConnectionAccess) => boolean;

export type AdmitOutcome = 'admitted' | 'revoked' | 'full';

export interface Admissions {
  /** `authorize` is answering for this connection: a `revoke` meanwhile is held against it until it is admitted. */
  authorizing(conn: Connection): void;
  /**
   * The connection was authorized: admitted (its expiry armed), unless a revocation made while `authorize` answered
   * matches it, or its project already has `maxConnectionsPerProject` connections.
   */
  admit(conn: Connection, projectId: string, grant: Grant): AdmitOutcome;
  /** Closes every admitted connection the predicate matches with 4403; returns how many. */
  revoke(predicate: RevokePredicate): number;
  /** The connection closed: forgotten, its expiry cancelled. */
  forget(conn: Connection): void;
  /** Admitted connections of a project. */
  count(projectId: string): number;
}

interface Admitted extends ConnectionAccess {
  cancelExpiry: (() => void) | null;
}

export interface AdmissionsOptions {
  maxConnectionsPerProject: number;
  scheduler: Scheduler;
  /** The wall clock `expiresAt` is read on (the endpoint's `now`). */
  now(): number;
}

export function createAdmissions(options: AdmissionsOptions): Admissions {
  const { maxConnectionsPerProject, scheduler, now } = options;
  const admitted = new Map<Connection, Admitted>();
  const perProject = new Map<string, number>();
  /** Connections whose `authorize` is answering, and the revocations made meanwhile. */
  const pending = new Map<Connection, RevokePredicate[]>();

  /** Closes the connection with 4401 once `expiresAt` is reached (a timer takes at most ~24.8 days: re-armed). */
  function armExpiry(conn: Connection, entry: Admitted, expiresAt: number): void {
    const left = expiresAt - now();
    if (left <= 0) {
      entry.cancelExpiry = null;
      conn.close(CloseCode.Unauthorized, 'the credentials expired');
      return;
    }
    entry.cancelExpiry = scheduler.schedule(() => armExpiry(conn, entry, expiresAt), Math.min(left, MAX_TIMER_MS));
  }

  function matches(predicate: RevokePredicate, access: ConnectionAccess): boolean {
    return predicate({ projectId: access.projectId, principal: access.principal });
  }

  return {
    authorizing(conn) {
      pending.set(conn, []);
    },
    admit(conn, projectId, grant) {
      const revocations = pending.get(conn) ?? [];
      pending.delete(conn);
      const access = { projectId, principal: grant.principal };
      if (revocations.some((predicate) => matches(predicate, access))) return 'revoked';
      const count = perProject.get(projectId) ?? 0;
      if (count >= maxConnectionsPerProject) return 'full';
      perProject.set(projectId, count + 1);
      const entry: Admitted = { ...access, cancelExpiry: null };
      admitted.set(conn, entry);
      if (grant.expiresAt !== null) armExpiry(conn, entry, grant.expiresAt);
      return 'admitted';
    },
    revoke(predicate) {
      // Every connection is judged before any is closed: a predicate that throws closes nothing.
      const matched = [...admitted].filter(([conn, access]) => !conn.closing && matches(predicate, access));
      for (const revocations of pending.values()) revocations.push(predicate);
      for (const [conn] of matched) conn.close(CloseCode.Forbidden, 'access revoked');
      return matched.length;
    },
    forget(conn) {
      pending.delete(conn);
      const entry = admitted.get(conn);
      if (!entry) return;
      admitted.delete(conn);
      entry.cancelExpiry?.();
      const count = (perProject.get(entry.projectId) ?? 1) - 1;
      if (count === 0) perProject.delete(entry.projectId);
      else perProject.set(entry.projectId, count);
    },
    count: (projectId) => perProject.get(projectId) ?? 0,
  };
}

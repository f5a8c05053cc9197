// The data source the chaos tests own: the "database" that outlives every server process. Each change is stamped with
// the wall time it was made (in the workspace's name), so that a receiver can tell its latency on the same machine.
import type { WorkspaceFacts } from '@livesnap/protocol';
import { makeFacts } from '@livesnap/protocol/testing';

export type SourceOp =
  | { readonly type: 'put'; readonly facts: WorkspaceFacts }
  | { readonly type: 'delete'; readonly workspaceId: string; readonly projectId: string };

/** The time a change was made, from a name `…@<ms>`; null for a name that carries none. */
export function stampOf(name: string): number | null {
  const at = name.lastIndexOf('@');
  if (at < 0) return null;
  const ms = Number(name.slice(at + 1));
  return Number.isFinite(ms) ? ms : null;
}

const STATUSES = ['READY', 'ARCHIVED', 'NEW', 'PROVISIONING', 'FAILED'] as const;

export class Database {
  readonly facts = new Map<string, WorkspaceFacts>();
  private changes = 0;

  /** `workspaces` workspaces in each of `projects` projects, ids `<project>-w<n>`. */
  constructor(projects: readonly string[], workspaces: number) {
    for (const projectId of projects) {
      for (let n = 0; n < workspaces; n += 1) this.put(this.workspace(projectId, n));
    }
  }

  workspace(projectId: string, n: number, overrides: Partial<WorkspaceFacts> = {}): WorkspaceFacts {
    const workspaceId = `${projectId}-w${n}`;
    return makeFacts({
      workspaceId,
      projectId,
      name: `Workspace ${workspaceId}`,
      branchName: `feature/${workspaceId}`,
      createdAt: new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString(),
      ...overrides,
    });
  }

  put(facts: WorkspaceFacts): SourceOp {
    this.facts.set(facts.workspaceId, facts);
    return { type: 'put', facts };
  }

  delete(workspaceId: string): SourceOp {
    const held = this.facts.get(workspaceId);
    if (!held) throw new Error(`no workspace ${workspaceId} to delete`);
    this.facts.delete(workspaceId);
    return { type: 'delete', workspaceId, projectId: held.projectId };
  }

  /** A change to a workspace a user can see: its name (stamped now), and now and then its status or activity. */
  change(workspaceId: string, padding = 0): SourceOp {
    const held = this.facts.get(workspaceId);
    if (!held) throw new Error(`no workspace ${workspaceId} to change`);
    this.changes += 1;
    const n = this.changes;
    return this.put({
      ...held,
      name: `${'x'.repeat(padding)}change ${n}@${Date.now()}`,
      isSessionWorking: n % 3 === 0,
      hasHadSessions: held.hasHadSessions || n % 3 === 0,
      status: n % 17 === 0 ? STATUSES[(n / 17) % STATUSES.length]! : held.status,
    });
  }

  project(projectId: string): WorkspaceFacts[] {
    return [...this.facts.values()].filter((f) => f.projectId === projectId);
  }

  workspaceIds(projectId: string): string[] {
    return this.project(projectId).map((f) => f.workspaceId);
  }
}

// An in-memory data source: the example's stand-in for a host app's database.
import type { WorkspaceFacts } from '@livesnap/protocol';

export class MemorySource {
  readonly #projects = new Set<string>();
  readonly #workspaces = new Map<string, WorkspaceFacts>();

  addProject(projectId: string): void {
    this.#projects.add(projectId);
  }

  put(facts: WorkspaceFacts): void {
    this.#projects.add(facts.projectId);
    this.#workspaces.set(facts.workspaceId, facts);
  }

  delete(workspaceId: string): void {
    this.#workspaces.delete(workspaceId);
  }

  get(workspaceId: string): WorkspaceFacts | undefined {
    return this.#workspaces.get(workspaceId);
  }

  list(projectId: string): WorkspaceFacts[] {
    return [...this.#workspaces.values()].filter((w) => w.projectId === projectId);
  }

  async loadProject(projectId: string): Promise<WorkspaceFacts[] | null> {
    return this.#projects.has(projectId) ? this.list(projectId) : null;
  }

  async loadWorkspace(workspaceId: string): Promise<WorkspaceFacts | null> {
    return this.#workspaces.get(workspaceId) ?? null;
  }
}

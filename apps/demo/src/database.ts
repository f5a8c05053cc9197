// The demo's SQLite database: open (creating the tables), and every query the demo runs, each counted for its path.
import Database from 'better-sqlite3';
import type { Metrics, WorkPath } from './metrics.js';
import { factsToColumns, rowToFacts, SCHEMA_SQL, type StoredFacts, type WorkspaceRow } from './schema.js';
import { sqliteAddonPath } from './sqlite-addon.js';

export interface Project {
  id: string;
  name: string;
  defaultBranch: string;
  createdAt: string;
}

export interface ProjectSummary extends Project {
  /** Every workspace the project holds, archived ones included. */
  workspaceCount: number;
}

interface ProjectRow {
  id: string;
  name: string;
  default_branch: string;
  created_at: string;
}

const toProject = (row: ProjectRow): Project => ({
  id: row.id,
  name: row.name,
  defaultBranch: row.default_branch,
  createdAt: row.created_at,
});

export class DemoDatabase {
  readonly #db: Database.Database;
  readonly #metrics: Metrics;
  readonly #statements = new Map<string, Database.Statement>();

  constructor(file: string, metrics: Metrics) {
    const nativeBinding = sqliteAddonPath();
    this.#db = new Database(file, nativeBinding === undefined ? {} : { nativeBinding });
    this.#metrics = metrics;
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = NORMAL');
    this.#db.pragma('foreign_keys = ON');
    this.#db.exec(SCHEMA_SQL);
  }

  /** Runs `fn` in one transaction: all of its writes or none. */
  transaction<T>(fn: () => T): T {
    return this.#db.transaction(fn)();
  }

  hasProjects(): boolean {
    return this.#prepare('SELECT 1 FROM projects LIMIT 1').get() !== undefined;
  }

  projects(path: WorkPath): ProjectSummary[] {
    this.#metrics.dbQuery(path);
    const rows = this.#prepare(
      `SELECT p.*, (SELECT COUNT(*) FROM workspaces w WHERE w.project_id = p.id) AS workspace_count
         FROM projects p ORDER BY p.created_at, p.id`,
    ).all() as (ProjectRow & { workspace_count: number })[];
    return rows.map((row) => ({ ...toProject(row), workspaceCount: row.workspace_count }));
  }

  project(projectId: string, path: WorkPath): Project | null {
    this.#metrics.dbQuery(path);
    const row = this.#prepare('SELECT * FROM projects WHERE id = ?').get(projectId) as ProjectRow | undefined;
    return row ? toProject(row) : null;
  }

  /** The project's workspaces, newest first (DOMAIN.md's order), archived ones included. */
  workspacesOf(projectId: string, path: WorkPath): StoredFacts[] {
    this.#metrics.dbQuery(path);
    const rows = this.#prepare('SELECT * FROM workspaces WHERE project_id = ? ORDER BY created_at DESC, id').all(
      projectId,
    ) as WorkspaceRow[];
    return rows.map(rowToFacts);
  }

  workspace(workspaceId: string, path: WorkPath): StoredFacts | null {
    this.#metrics.dbQuery(path);
    const row = this.#prepare('SELECT * FROM workspaces WHERE id = ?').get(workspaceId) as WorkspaceRow | undefined;
    return row ? rowToFacts(row) : null;
  }

  /**
   * The workspace at `roll` (in [0, 1)) along the project's newest-first list, or null when it has none. Callers that
   * square the roll favour recent workspaces, as real activity does.
   */
  workspaceAt(projectId: string, roll: number, path: WorkPath): StoredFacts | null {
    this.#metrics.dbQuery(path);
    const { count } = this.#prepare('SELECT COUNT(*) AS count FROM workspaces WHERE project_id = ?').get(projectId) as {
      count: number;
    };
    if (count === 0) return null;
    this.#metrics.dbQuery(path);
    const row = this.#prepare(
      'SELECT * FROM workspaces WHERE project_id = ? ORDER BY created_at DESC, id LIMIT 1 OFFSET ?',
    ).get(projectId, Math.min(count - 1, Math.floor(roll * count))) as WorkspaceRow;
    return rowToFacts(row);
  }

  insertProject(project: Project, path: WorkPath): void {
    this.#metrics.dbQuery(path);
    this.#prepare(
      `INSERT INTO projects (id, name, default_branch, created_at, next_workspace_number, next_pr_number)
         VALUES (?, ?, ?, ?, 1, 1)`,
    ).run(project.id, project.name, project.defaultBranch, project.createdAt);
  }

  insertWorkspace(facts: StoredFacts, path: WorkPath): void {
    this.#metrics.dbQuery(path);
    const columns = factsToColumns(facts);
    const names = Object.keys(columns);
    this.#prepare(`INSERT INTO workspaces (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`).run(
      columns,
    );
  }

  /** Writes `patch` to the workspace's row; false when there is no such workspace. */
  updateWorkspace(workspaceId: string, patch: Partial<StoredFacts>, path: WorkPath): boolean {
    const columns = factsToColumns(patch);
    const names = Object.keys(columns).sort();
    if (names.length === 0) return this.workspace(workspaceId, path) !== null;
    const statement = this.#prepare(
      `UPDATE workspaces SET ${names.map((n) => `${n} = @${n}`).join(', ')} WHERE id = @id`,
    );
    this.#metrics.dbQuery(path);
    return statement.run({ ...columns, id: workspaceId }).changes === 1;
  }

  deleteWorkspace(workspaceId: string, path: WorkPath): boolean {
    this.#metrics.dbQuery(path);
    return this.#prepare('DELETE FROM workspaces WHERE id = ?').run(workspaceId).changes === 1;
  }

  /** The project's next workspace number (1, 2, …), taken: no two callers get the same. */
  takeWorkspaceNumber(projectId: string, path: WorkPath): number {
    return this.#take(projectId, 'next_workspace_number', path);
  }

  /** The project's next pull-request number, taken. */
  takePrNumber(projectId: string, path: WorkPath): number {
    return this.#take(projectId, 'next_pr_number', path);
  }

  #take(projectId: string, column: 'next_workspace_number' | 'next_pr_number', path: WorkPath): number {
    this.#metrics.dbQuery(path);
    const row = this.#prepare(
      `UPDATE projects SET ${column} = ${column} + 1 WHERE id = ? RETURNING ${column} - 1 AS taken`,
    ).get(projectId) as { taken: number } | undefined;
    if (!row) throw new Error(`no project ${JSON.stringify(projectId)} to number a workspace or PR of`);
    return row.taken;
  }

  /** The prepared statement of `sql`, prepared once (seeding runs thousands of the same insert). */
  #prepare(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  close(): void {
    this.#db.close();
  }
}

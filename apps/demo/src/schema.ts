// The demo's tables and how a workspace row maps to DOMAIN.md's facts. Git stats are not stored: they come from git.
import {
  PendingRequestTypeSchema,
  PrCiStatusSchema,
  PrStateSchema,
  RatchetStateSchema,
  RunScriptStatusSchema,
  type WorkspaceFacts,
  WorkspaceStatusSchema,
} from '@livesnap/protocol';

/** A workspace's facts as the database holds them: every fact but `gitStats`. */
export type StoredFacts = Omit<WorkspaceFacts, 'gitStats'>;

/** The SQLite row of a workspace (booleans as 0/1). */
export interface WorkspaceRow {
  id: string;
  project_id: string;
  name: string;
  status: string;
  branch_name: string | null;
  created_at: string;
  pr_url: string | null;
  pr_number: number | null;
  pr_state: string | null;
  pr_ci_status: string | null;
  is_session_working: number;
  has_had_sessions: number;
  pending_request_type: string | null;
  ratchet_enabled: number;
  ratchet_state: string | null;
  run_script_status: string | null;
  last_activity_at: string | null;
}

/** Each stored fact's column, in table order. */
export const COLUMNS = {
  workspaceId: 'id',
  projectId: 'project_id',
  name: 'name',
  status: 'status',
  branchName: 'branch_name',
  createdAt: 'created_at',
  prUrl: 'pr_url',
  prNumber: 'pr_number',
  prState: 'pr_state',
  prCiStatus: 'pr_ci_status',
  isSessionWorking: 'is_session_working',
  hasHadSessions: 'has_had_sessions',
  pendingRequestType: 'pending_request_type',
  ratchetEnabled: 'ratchet_enabled',
  ratchetState: 'ratchet_state',
  runScriptStatus: 'run_script_status',
  lastActivityAt: 'last_activity_at',
} as const satisfies Record<keyof StoredFacts, keyof WorkspaceRow>;

const BOOLEAN_FACTS = new Set<keyof StoredFacts>(['isSessionWorking', 'hasHadSessions', 'ratchetEnabled']);

const oneOf = (column: string, values: readonly string[], nullable: boolean): string =>
  `CHECK (${nullable ? `${column} IS NULL OR ` : ''}${column} IN (${values.map((v) => `'${v}'`).join(', ')}))`;

// The enum columns accept exactly the protocol's values, so a bad write fails here, not in the service's validation.
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS projects (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  default_branch TEXT NOT NULL,
  created_at TEXT NOT NULL,
  next_workspace_number INTEGER NOT NULL,
  next_pr_number INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS workspaces (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id),
  name TEXT NOT NULL,
  status TEXT NOT NULL ${oneOf('status', WorkspaceStatusSchema.options, false)},
  branch_name TEXT,
  created_at TEXT NOT NULL,
  pr_url TEXT CHECK (pr_url IS NULL OR pr_url <> ''),
  pr_number INTEGER,
  pr_state TEXT ${oneOf('pr_state', PrStateSchema.options, true)},
  pr_ci_status TEXT ${oneOf('pr_ci_status', PrCiStatusSchema.options, true)},
  is_session_working INTEGER NOT NULL CHECK (is_session_working IN (0, 1)),
  has_had_sessions INTEGER NOT NULL CHECK (has_had_sessions IN (0, 1)),
  pending_request_type TEXT ${oneOf('pending_request_type', PendingRequestTypeSchema.options, true)},
  ratchet_enabled INTEGER NOT NULL CHECK (ratchet_enabled IN (0, 1)),
  ratchet_state TEXT ${oneOf('ratchet_state', RatchetStateSchema.options, true)},
  run_script_status TEXT ${oneOf('run_script_status', RunScriptStatusSchema.options, true)},
  last_activity_at TEXT
);
CREATE INDEX IF NOT EXISTS workspaces_by_project ON workspaces (project_id, created_at DESC, id);
`;

/** A row as facts. The values are the database's; the service validates them like any source's answer. */
export function rowToFacts(row: WorkspaceRow): StoredFacts {
  const facts = {} as Record<string, unknown>;
  for (const [fact, column] of Object.entries(COLUMNS) as [keyof StoredFacts, keyof WorkspaceRow][]) {
    facts[fact] = BOOLEAN_FACTS.has(fact) ? row[column] === 1 : row[column];
  }
  return facts as StoredFacts;
}

/** The column values of (some) facts, booleans as 0/1, keyed by column. */
export function factsToColumns(facts: Partial<StoredFacts>): Record<string, string | number | null> {
  const columns: Record<string, string | number | null> = {};
  for (const [fact, value] of Object.entries(facts) as [keyof StoredFacts, unknown][]) {
    if (!(fact in COLUMNS)) throw new TypeError(`${JSON.stringify(fact)} is not a stored fact of a workspace`);
    columns[COLUMNS[fact]] = typeof value === 'boolean' ? (value ? 1 : 0) : (value as string | number | null);
  }
  return columns;
}

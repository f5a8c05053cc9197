// The demo's first data: several projects, one of them large, every workspace at some stage of its life, written in one
// transaction. The same seed and clock give the same rows.
import type { DemoDatabase, Project } from './database.js';
import { createRandom, type Random } from './random.js';
import type { StoredFacts } from './schema.js';
import { RUN_SCRIPT_STATES, STAGES, type StagePatch, stageAt } from './stages.js';

export interface SeedOptions {
  /** Workspaces in each ordinary project. Default 24 (enough for every stage once). */
  workspacesPerProject?: number;
  /** Workspaces in the large project. Default 2,000. */
  largeProjectWorkspaces?: number;
  seed?: number;
  now?: () => number;
}

export const SEED_DEFAULTS = { workspacesPerProject: 24, largeProjectWorkspaces: 2000, seed: 1 } as const;

/** The seeded projects; the last one is the large one. */
export const SEED_PROJECTS: readonly Omit<Project, 'createdAt'>[] = [
  { id: 'acme-web', name: 'Acme web app', defaultBranch: 'main' },
  { id: 'acme-api', name: 'Acme API', defaultBranch: 'main' },
  { id: 'design-system', name: 'Design system', defaultBranch: 'develop' },
  { id: 'monorepo', name: 'Monorepo (large)', defaultBranch: 'main' },
];

const VERBS = ['Fix', 'Add', 'Refactor', 'Speed up', 'Remove', 'Document', 'Test', 'Migrate', 'Polish', 'Split'];
const NOUNS = [
  'login redirect',
  'billing page',
  'search index',
  'dark mode',
  'rate limiter',
  'CSV export',
  'onboarding flow',
  'cache layer',
  'error toasts',
  'settings form',
  'audit log',
  'webhook retries',
];

export function workspaceName(random: Random): string {
  return `${random.pick(VERBS)} ${random.pick(NOUNS)}`;
}

export function prUrlOf(projectId: string, prNumber: number): string {
  return `https://git.example/acme/${projectId}/pull/${prNumber}`;
}

export function branchOf(workspaceId: string): string {
  return `agent/${workspaceId}`;
}

/** What differs between workspaces before their stage is applied. */
export type WorkspaceBase = Pick<
  StoredFacts,
  | 'projectId'
  | 'workspaceId'
  | 'name'
  | 'createdAt'
  | 'prNumber'
  | 'ratchetEnabled'
  | 'runScriptStatus'
  | 'lastActivityAt'
>;

/** A workspace's facts: READY on its own branch, no session, no PR state yet; then `stage` applied. */
export function workspaceFacts(base: WorkspaceBase, stage: Omit<StagePatch, 'pr'>): StoredFacts {
  return {
    ...base,
    status: 'READY',
    branchName: branchOf(base.workspaceId),
    prUrl: base.prNumber === null ? null : prUrlOf(base.projectId, base.prNumber),
    prState: null,
    prCiStatus: null,
    isSessionWorking: false,
    hasHadSessions: false,
    pendingRequestType: null,
    ratchetState: null,
    ...stage,
  };
}

/** Fills an empty database; returns how many workspaces it wrote. */
export function seedDatabase(db: DemoDatabase, options: SeedOptions = {}): number {
  const perProject = options.workspacesPerProject ?? SEED_DEFAULTS.workspacesPerProject;
  const large = options.largeProjectWorkspaces ?? SEED_DEFAULTS.largeProjectWorkspaces;
  const random = createRandom(options.seed ?? SEED_DEFAULTS.seed);
  const now = options.now?.() ?? Date.now();
  let written = 0;
  db.transaction(() => {
    for (const [index, project] of SEED_PROJECTS.entries()) {
      const count = index === SEED_PROJECTS.length - 1 ? large : perProject;
      db.insertProject({ ...project, createdAt: new Date(now - 90 * 86_400_000 + index).toISOString() }, 'write');
      let prNumber = 0;
      for (let i = 0; i < count; i++) {
        // The first workspaces of a project take each stage once, the rest are drawn by weight.
        const stage = i < STAGES.length ? STAGES[i]! : stageAt(random.next());
        const { pr, ...patch } = stage.facts;
        const workspaceId = `${project.id}-${db.takeWorkspaceNumber(project.id, 'write')}`;
        // Seven minutes apart, newest first, with distinct times so that the order is by `createdAt`.
        const createdAt = now - (i + 1) * 7 * 60_000 - random.int(0, 59) * 1000;
        if (pr) prNumber = db.takePrNumber(project.id, 'write');
        const facts = workspaceFacts(
          {
            projectId: project.id,
            workspaceId,
            name: workspaceName(random),
            createdAt: new Date(createdAt).toISOString(),
            prNumber: pr ? prNumber : null,
            ratchetEnabled: random.chance(0.7),
            runScriptStatus: RUN_SCRIPT_STATES[i % RUN_SCRIPT_STATES.length]!,
            lastActivityAt: patch.hasHadSessions ? new Date(createdAt + random.int(1, 300) * 1000).toISOString() : null,
          },
          patch,
        );
        db.insertWorkspace(facts, 'write');
        written += 1;
      }
    }
  });
  return written;
}

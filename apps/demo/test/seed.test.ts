// The seed and the source over it: every fact of DOMAIN.md in every value it can take, answered as valid facts.
import { join } from 'node:path';
import {
  PendingRequestTypeSchema,
  PrCiStatusSchema,
  PrStateSchema,
  RatchetStateSchema,
  RunScriptStatusSchema,
  WorkspaceFactsSchema,
  WorkspaceStatusSchema,
} from '@livesnap/protocol';
import { describe, expect, it, onTestFinished } from 'vitest';
import { DemoDatabase } from '../src/database.js';
import { Metrics } from '../src/metrics.js';
import type { StoredFacts } from '../src/schema.js';
import { SEED_PROJECTS, seedDatabase } from '../src/seed.js';
import { createDemoSource } from '../src/source.js';
import { Worktrees } from '../src/worktrees.js';
import { tempDir } from './temp-dir.js';

async function openDatabase(): Promise<DemoDatabase> {
  const db = new DemoDatabase(join(await tempDir(), 'demo.sqlite'), new Metrics());
  onTestFinished(() => db.close());
  return db;
}

const ENUM_FACTS = {
  status: WorkspaceStatusSchema.options,
  prState: PrStateSchema.options,
  prCiStatus: PrCiStatusSchema.options,
  pendingRequestType: PendingRequestTypeSchema.options,
  ratchetState: RatchetStateSchema.options,
  runScriptStatus: RunScriptStatusSchema.options,
} as const;
const NULLABLE_FACTS = [
  'branchName',
  'prUrl',
  'prNumber',
  'prState',
  'prCiStatus',
  'pendingRequestType',
  'ratchetState',
  'runScriptStatus',
  'lastActivityAt',
] as const;
const BOOLEAN_FACTS = ['isSessionWorking', 'hasHadSessions', 'ratchetEnabled'] as const;

describe('the seed', () => {
  it('gives each ordinary project every value of every enum fact, null for each nullable one, and both booleans', async () => {
    const db = await openDatabase();
    seedDatabase(db, { workspacesPerProject: 20, largeProjectWorkspaces: 0 });
    for (const project of SEED_PROJECTS.slice(0, -1)) {
      const workspaces = db.workspacesOf(project.id, 'write');
      expect(workspaces).toHaveLength(20);
      const valuesOf = (fact: keyof StoredFacts) => new Set(workspaces.map((w) => w[fact]));
      for (const [fact, values] of Object.entries(ENUM_FACTS)) {
        for (const value of values)
          expect(valuesOf(fact as keyof StoredFacts), `${project.id} ${fact}`).toContain(value);
      }
      for (const fact of NULLABLE_FACTS) expect(valuesOf(fact), `${project.id} ${fact}`).toContain(null);
      for (const fact of BOOLEAN_FACTS)
        expect([...valuesOf(fact)].sort(), `${project.id} ${fact}`).toEqual([false, true]);
    }
  });

  it('writes the large project with its 2,000 workspaces, newest first with distinct ids', async () => {
    const db = await openDatabase();
    const written = seedDatabase(db, { workspacesPerProject: 3, largeProjectWorkspaces: 2000 });
    expect(written).toBe(3 * (SEED_PROJECTS.length - 1) + 2000);
    const large = db.workspacesOf(SEED_PROJECTS.at(-1)!.id, 'write');
    expect(large).toHaveLength(2000);
    expect(new Set(large.map((w) => w.workspaceId)).size).toBe(2000);
    const times = large.map((w) => w.createdAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('writes the same rows for the same seed and clock', async () => {
    const [a, b] = [await openDatabase(), await openDatabase()];
    const options = {
      workspacesPerProject: 25,
      largeProjectWorkspaces: 50,
      seed: 7,
      now: () => Date.UTC(2026, 10, 25),
    };
    seedDatabase(a, options);
    seedDatabase(b, options);
    for (const { id } of SEED_PROJECTS) expect(a.workspacesOf(id, 'write')).toEqual(b.workspacesOf(id, 'write'));
  });

  it('is refused by the table when a fact takes a value the protocol does not know', async () => {
    const db = await openDatabase();
    seedDatabase(db, { workspacesPerProject: 1, largeProjectWorkspaces: 0 });
    const [w] = db.workspacesOf(SEED_PROJECTS[0]!.id, 'write');
    expect(() => db.updateWorkspace(w!.workspaceId, { status: 'PAUSED' as never }, 'write')).toThrow(/CHECK/);
    expect(() => db.updateWorkspace(w!.workspaceId, { prUrl: '' }, 'write')).toThrow(/CHECK/);
  });
});

describe('the source over the seed', () => {
  it('answers valid facts for every workspace, null for an unknown project or workspace', async () => {
    const dir = await tempDir();
    const metrics = new Metrics();
    const db = new DemoDatabase(join(dir, 'demo.sqlite'), metrics);
    onTestFinished(() => db.close());
    seedDatabase(db, { workspacesPerProject: 20, largeProjectWorkspaces: 30 });
    const worktrees = new Worktrees({ root: join(dir, 'git'), metrics });
    onTestFinished(() => worktrees.close());
    await worktrees.open(db.projects('write'));
    const source = createDemoSource(db, worktrees);
    for (const { id } of SEED_PROJECTS) {
      const facts = await source.loadProject(id);
      expect(facts).toHaveLength(db.workspacesOf(id, 'write').length);
      for (const f of facts!) expect(WorkspaceFactsSchema.safeParse(f).success, f.workspaceId).toBe(true);
      const one = await source.loadWorkspace(facts![0]!.workspaceId);
      expect(one).toEqual(facts![0]);
    }
    expect(await source.loadProject('no-such-project')).toBeNull();
    expect(await source.loadWorkspace('no-such-workspace')).toBeNull();
    // No worktree yet: no git stats, and no git command run to learn it.
    const before = metrics.report().gitCommands.push;
    expect(await source.loadGitStats(`${SEED_PROJECTS[0]!.id}-1`)).toBeNull();
    expect(metrics.report().gitCommands.push).toBe(before);
  });
});

// Real git for the demo's workspaces: a small repository per project with its default branch, a worktree per workspace
// on the workspace's branch (made on demand, a few at a time), the agents' file edits and commits, and DOMAIN.md's git
// stats read from the worktree. A workspace without a worktree has no git stats (null).
import { access, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GitStats } from '@livesnap/protocol';
import pLimit from 'p-limit';
import { createGitRunner, type GitRunner } from './git.js';
import type { Metrics, WorkPath } from './metrics.js';
import type { Random } from './random.js';
import { parseGitStats } from './shortstat.js';

export interface WorktreeOwner {
  workspaceId: string;
  projectId: string;
  branchName: string | null;
}

export interface WorktreesOptions {
  /** The folder that holds `repos/<projectId>` and `worktrees/<projectId>/<workspaceId>`. */
  root: string;
  metrics: Metrics;
  /** Worktrees created at the same time. Default 2. */
  concurrency?: number;
  gitTimeoutMs?: number;
}

/** The files of a new repository; agents append to them, cut them and add new ones. */
const TRACKED_FILES = ['README.md', 'src/app.ts', 'src/routes.ts', 'src/store.ts', 'test/app.test.ts'];

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

export class Worktrees {
  readonly #root: string;
  readonly #git: GitRunner;
  readonly #limit: ReturnType<typeof pLimit>;
  readonly #defaultBranches = new Map<string, string>();
  /** Workspaces whose worktree exists → their project. */
  readonly #ready = new Map<string, string>();
  readonly #creating = new Map<string, Promise<void>>();
  #closed = false;

  constructor({ root, metrics, concurrency = 2, gitTimeoutMs }: WorktreesOptions) {
    this.#root = root;
    this.#git = createGitRunner({ metrics, ...(gitTimeoutMs === undefined ? {} : { timeoutMs: gitTimeoutMs }) });
    this.#limit = pLimit(concurrency);
  }

  /** Makes each project's repository if it is missing and learns which worktrees a previous run left. */
  async open(projects: readonly { id: string; defaultBranch: string }[]): Promise<void> {
    await Promise.all(
      projects.map(async ({ id, defaultBranch }) => {
        this.#defaultBranches.set(id, defaultBranch);
        const repo = this.#repoDir(id);
        if (!(await exists(join(repo, '.git')))) await this.#createRepository(repo, defaultBranch);
        const dir = join(this.#root, 'worktrees', id);
        const names = await readdir(dir).catch(() => [] as string[]);
        for (const name of names) if (await exists(join(dir, name, '.git'))) this.#ready.set(name, id);
      }),
    );
  }

  /** Registers a project added after `open` (its repository is made now). */
  async addProject(project: { id: string; defaultBranch: string }): Promise<void> {
    await this.open([project]);
  }

  /** True once `close()` was called: a failure now is the shutdown's, not the workspace's. */
  get closed(): boolean {
    return this.#closed;
  }

  has(workspaceId: string): boolean {
    return this.#ready.has(workspaceId);
  }

  /** The workspace's worktree, made now if it does not exist yet (waits for a free slot). */
  ensure(owner: WorktreeOwner, path: WorkPath): Promise<void> {
    if (this.#ready.has(owner.workspaceId)) return Promise.resolve();
    let creating = this.#creating.get(owner.workspaceId);
    if (!creating) {
      creating = this.#limit(() => this.#create(owner, path)).finally(() => this.#creating.delete(owner.workspaceId));
      this.#creating.set(owner.workspaceId, creating);
    }
    return creating;
  }

  /** DOMAIN.md's git stats of the workspace, from three git commands; null when it has no worktree. */
  async stats(workspaceId: string, path: WorkPath): Promise<GitStats | null> {
    const projectId = this.#ready.get(workspaceId);
    if (projectId === undefined) return null;
    const cwd = this.#worktreeDir(projectId, workspaceId);
    // Read-only: take no optional index lock, so a read never blocks an agent's commit.
    const read = (args: string[]) => this.#git.run(['--no-optional-locks', ...args], { cwd, path });
    const base = (await read(['merge-base', 'HEAD', this.#defaultBranch(projectId)])).trim();
    const shortstat = await read(['diff', '--shortstat', base]);
    const porcelain = await read(['status', '--porcelain']);
    return parseGitStats(shortstat, porcelain);
  }

  /** An agent's edit: lines added to or cut from a tracked file, or a new (untracked) file. Real writes, no git. */
  async edit(workspaceId: string, random: Random): Promise<void> {
    const dir = this.#dirOf(workspaceId);
    const roll = random.next();
    if (roll < 0.2) {
      const name = `notes/note-${random.int(1, 9999)}.md`;
      await mkdir(join(dir, 'notes'), { recursive: true });
      await writeFile(join(dir, name), lines(random, random.int(3, 20), '-'));
      return;
    }
    const file = join(dir, random.pick(TRACKED_FILES));
    const text = await readFile(file, 'utf8');
    if (roll < 0.4) {
      const kept = text.split('\n');
      kept.splice(random.int(0, Math.max(0, kept.length - 2)), random.int(1, 5));
      await writeFile(file, kept.join('\n'));
    } else {
      await writeFile(file, text + lines(random, random.int(1, 30), '//'));
    }
  }

  /** Commits everything in the worktree (a turn's work, a ratchet fix); nothing to commit is fine. */
  async commit(workspaceId: string, message: string, path: WorkPath): Promise<void> {
    const cwd = this.#dirOf(workspaceId);
    await this.#git.run(['add', '-A'], { cwd, path });
    await this.#git.run(['commit', '-q', '-m', message], { cwd, path, okExitCodes: [1] });
  }

  /** Removes the workspace's worktree (its branch stays); its git stats are null from now on. */
  async remove(workspaceId: string, path: WorkPath): Promise<void> {
    await this.#creating.get(workspaceId)?.catch(() => undefined);
    const projectId = this.#ready.get(workspaceId);
    if (projectId === undefined) return;
    this.#ready.delete(workspaceId);
    const dir = this.#worktreeDir(projectId, workspaceId);
    await this.#git.run(['worktree', 'remove', '--force', dir], { cwd: this.#repoDir(projectId), path });
  }

  /** Settles once no worktree is being made. */
  async idle(): Promise<void> {
    while (this.#creating.size > 0) await Promise.allSettled([...this.#creating.values()]);
  }

  /** Kills running git commands; queued creations end without running. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#git.close();
    await this.idle();
  }

  async #create({ workspaceId, projectId, branchName }: WorktreeOwner, path: WorkPath): Promise<void> {
    if (this.#closed) throw new Error(`worktree of ${workspaceId} not made: the demo is shutting down`);
    const repo = this.#repoDir(projectId);
    const dir = this.#worktreeDir(projectId, workspaceId);
    const base = this.#defaultBranch(projectId);
    const add = (args: string[]) => this.#git.run(['worktree', 'add', '-q', ...args], { cwd: repo, path });
    if (await exists(dir)) {
      // Left half-made by an interrupted run (a made one would be known since `open`): start it again.
      await rm(dir, { recursive: true, force: true });
      await this.#git.run(['worktree', 'prune'], { cwd: repo, path });
    }
    if (branchName === null) await add(['--detach', dir, base]);
    else {
      // A branch left by an earlier worktree (removed, or interrupted) is checked out as it is.
      await add(['-b', branchName, dir, base]).catch((error: Error) => {
        if (!/already exists/.test(error.message)) throw error;
        return add([dir, branchName]);
      });
    }
    this.#ready.set(workspaceId, projectId);
  }

  async #createRepository(repo: string, defaultBranch: string): Promise<void> {
    await mkdir(repo, { recursive: true });
    const run = (args: string[]) => this.#git.run(args, { cwd: repo, path: 'write' });
    // No template: git's sample hooks are not needed, and copying them is most of what `git init` costs.
    await run(['init', '-q', '--template=', '-b', defaultBranch]);
    for (const [i, file] of TRACKED_FILES.entries()) {
      await mkdir(join(repo, file, '..'), { recursive: true });
      await writeFile(
        join(repo, file),
        Array.from({ length: 40 }, (_, n) => `line ${n + 1} of ${file} (${i})\n`).join(''),
      );
    }
    await run(['add', '-A']);
    await run(['commit', '-q', '-m', 'Initial commit']);
  }

  #dirOf(workspaceId: string): string {
    const projectId = this.#ready.get(workspaceId);
    if (projectId === undefined) throw new Error(`workspace ${JSON.stringify(workspaceId)} has no worktree yet`);
    return this.#worktreeDir(projectId, workspaceId);
  }

  #defaultBranch(projectId: string): string {
    const branch = this.#defaultBranches.get(projectId);
    if (branch === undefined) throw new Error(`no repository for project ${JSON.stringify(projectId)}`);
    return branch;
  }

  #repoDir(projectId: string): string {
    return join(this.#root, 'repos', projectId);
  }

  #worktreeDir(projectId: string, workspaceId: string): string {
    return join(this.#root, 'worktrees', projectId, workspaceId);
  }
}

function lines(random: Random, count: number, prefix: string): string {
  return Array.from({ length: count }, () => `${prefix} change ${random.int(1, 1_000_000)}\n`).join('');
}

// Real git: a project's repository, a workspace's worktree on its branch, and DOMAIN.md's stats read from it.
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { Metrics } from '../src/metrics.js';
import { Worktrees } from '../src/worktrees.js';
import { tempDir } from './temp-dir.js';

async function openWorktrees() {
  const root = await tempDir();
  const metrics = new Metrics();
  const worktrees = new Worktrees({ root, metrics });
  onTestFinished(() => worktrees.close());
  await worktrees.open([{ id: 'p1', defaultBranch: 'trunk' }]);
  return { root, metrics, worktrees };
}

const gitStats = (total: number, additions: number, deletions: number, hasUncommitted: boolean) => ({
  total,
  additions,
  deletions,
  hasUncommitted,
});

const owner = { workspaceId: 'p1-1', projectId: 'p1', branchName: 'agent/p1-1' };

describe('worktrees and git stats', () => {
  it('has no stats before the worktree exists, and empty stats on a fresh one', async () => {
    const { worktrees } = await openWorktrees();
    expect(await worktrees.stats('p1-1', 'push')).toBeNull();
    await worktrees.ensure(owner, 'write');
    expect(worktrees.has('p1-1')).toBe(true);
    expect(await worktrees.stats('p1-1', 'push')).toEqual(gitStats(0, 0, 0, false));
  });

  it('counts edits against the merge-base with the default branch, committed or not, untracked files aside', async () => {
    const { root, worktrees } = await openWorktrees();
    await worktrees.ensure(owner, 'write');
    const dir = join(root, 'worktrees', 'p1', 'p1-1');
    await appendFile(join(dir, 'README.md'), 'one\ntwo\nthree\n');
    expect(await worktrees.stats('p1-1', 'push')).toEqual(gitStats(1, 3, 0, true));

    await worktrees.commit('p1-1', 'three lines', 'write');
    expect(await worktrees.stats('p1-1', 'push')).toEqual(gitStats(1, 3, 0, false));

    const app = join(dir, 'src', 'app.ts');
    await writeFile(app, (await readFile(app, 'utf8')).split('\n').slice(2).join('\n'));
    await writeFile(join(dir, 'untracked.txt'), 'not counted in the diff\n');
    expect(await worktrees.stats('p1-1', 'push')).toEqual(gitStats(2, 3, 2, true));
  });

  it('works on the workspace branch, leaving the default branch as it was', async () => {
    const { root, worktrees } = await openWorktrees();
    await worktrees.ensure(owner, 'write');
    await appendFile(join(root, 'worktrees', 'p1', 'p1-1', 'README.md'), 'more\n');
    await worktrees.commit('p1-1', 'more', 'write');
    const other = { workspaceId: 'p1-2', projectId: 'p1', branchName: 'agent/p1-2' };
    await worktrees.ensure(other, 'write');
    expect(await worktrees.stats('p1-2', 'push')).toEqual(gitStats(0, 0, 0, false));
  });

  it('counts each git command for the path that ran it: three per stats read', async () => {
    const { metrics, worktrees } = await openWorktrees();
    await worktrees.ensure(owner, 'write');
    const before = metrics.report().gitCommands;
    await worktrees.stats('p1-1', 'poll');
    const after = metrics.report().gitCommands;
    expect(after.poll - before.poll).toBe(3);
    expect(after.push).toBe(before.push);
  });

  it('finds the worktrees of a previous run, and has no stats after a worktree is removed', async () => {
    const { root, worktrees } = await openWorktrees();
    await worktrees.ensure(owner, 'write');
    const again = new Worktrees({ root, metrics: new Metrics() });
    onTestFinished(() => again.close());
    await again.open([{ id: 'p1', defaultBranch: 'trunk' }]);
    expect(again.has('p1-1')).toBe(true);
    await again.remove('p1-1', 'write');
    expect(await again.stats('p1-1', 'push')).toBeNull();
  });

  it('makes a worktree again over a half-made folder, and on a branch that a removed worktree left', async () => {
    const { root, worktrees } = await openWorktrees();
    const dir = join(root, 'worktrees', 'p1', 'p1-1');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'partial.txt'), 'an interrupted checkout\n');
    await worktrees.ensure(owner, 'write');
    await appendFile(join(dir, 'README.md'), 'kept on the branch\n');
    await worktrees.commit('p1-1', 'one line', 'write');
    await worktrees.remove('p1-1', 'write');

    await worktrees.ensure(owner, 'write');
    expect(await worktrees.stats('p1-1', 'push')).toEqual(gitStats(1, 1, 0, false));
  });

  it('refuses to make a worktree once closed', async () => {
    const { worktrees } = await openWorktrees();
    await worktrees.close();
    await expect(worktrees.ensure(owner, 'write')).rejects.toThrow(/shutting down/);
  });
});

import { describe, expect, it } from 'vitest';
import { parseGitStats } from './shortstat.js';

describe('parseGitStats', () => {
  it('reads files, insertions and deletions', () => {
    expect(parseGitStats(' 3 files changed, 12 insertions(+), 2 deletions(-)\n', '')).toEqual({
      total: 3,
      additions: 12,
      deletions: 2,
      hasUncommitted: false,
    });
  });

  it('reads the singular forms and a missing count as zero', () => {
    expect(parseGitStats(' 1 file changed, 1 insertion(+)\n', '')).toMatchObject({
      total: 1,
      additions: 1,
      deletions: 0,
    });
    expect(parseGitStats(' 1 file changed, 1 deletion(-)\n', '')).toMatchObject({
      total: 1,
      additions: 0,
      deletions: 1,
    });
  });

  it('reads no output as no change', () => {
    expect(parseGitStats('', '')).toEqual({ total: 0, additions: 0, deletions: 0, hasUncommitted: false });
  });

  it('counts any porcelain line, untracked files included, as uncommitted', () => {
    expect(parseGitStats('', '?? notes.txt\n').hasUncommitted).toBe(true);
    expect(parseGitStats('', ' M src/app.ts\n').hasUncommitted).toBe(true);
    expect(parseGitStats('', '\n').hasUncommitted).toBe(false);
  });
});

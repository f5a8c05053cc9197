import { makeFacts } from '@livesnap/protocol/testing';
import { describe, expect, it } from 'vitest';
import { reviewCount } from './review-count.js';

const openPr = { prUrl: 'https://git.example/pr/1', prNumber: 1, prCiStatus: 'SUCCESS' } as const;

describe('reviewCount', () => {
  it('counts the pull requests open or with changes requested, on workspaces the sidebar shows', () => {
    const review = makeFacts({ ...openPr, workspaceId: 'r', prState: 'OPEN' });
    const changes = makeFacts({ ...openPr, workspaceId: 's', prState: 'CHANGES_REQUESTED' });
    const merged = makeFacts({ ...openPr, workspaceId: 't', prState: 'MERGED' });
    const archived = makeFacts({ ...openPr, workspaceId: 'u', prState: 'OPEN', status: 'ARCHIVED' });
    const none = makeFacts({ workspaceId: 'v' });
    expect(reviewCount([review, changes, merged, archived, none])).toBe(2);
  });
});

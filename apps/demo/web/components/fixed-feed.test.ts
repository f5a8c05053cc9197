import { buildSnapshot, type WorkspaceFacts } from '@livesnap/protocol';
import { describe, expect, it } from 'vitest';
import { createFixedFeed } from './fixed-feed.js';

const facts = (id: string, patch: Partial<WorkspaceFacts>): WorkspaceFacts => ({
  workspaceId: id,
  projectId: 'p',
  name: id,
  status: 'READY',
  branchName: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  prUrl: null,
  prNumber: null,
  prState: null,
  prCiStatus: null,
  isSessionWorking: false,
  hasHadSessions: true,
  pendingRequestType: null,
  ratchetEnabled: false,
  ratchetState: null,
  gitStats: null,
  runScriptStatus: null,
  lastActivityAt: null,
  ...patch,
});
const snapshot = (id: string, patch: Partial<WorkspaceFacts>) =>
  buildSnapshot(facts(id, patch), { version: 1, computedAt: '2026-01-01T00:00:00.000Z', source: 'initial' });

describe('createFixedFeed', () => {
  it('answers the sidebar without archived workspaces, each column, each workspace by id, and the connection', () => {
    const working = snapshot('w', { isSessionWorking: true });
    const waiting = snapshot('a', {});
    const archived = snapshot('x', { status: 'ARCHIVED' });
    const stopped = { state: 'stopped', isStale: true, reason: '4404: no project', detail: null } as const;
    const feed = createFixedFeed([working, waiting, archived], stopped);
    expect(feed.useSidebarIds()).toEqual(['w', 'a']);
    expect(feed.useColumnIds('WORKING')).toEqual(['w']);
    expect(feed.useColumnIds('WAITING')).toEqual(['a']);
    expect(feed.useColumnIds('DONE')).toEqual([]);
    expect(feed.useCard('a')).toBe(waiting);
    expect(feed.useSidebarItem('nope')).toBeUndefined();
    expect(feed.useConnection()).toBe(stopped);
    expect(createFixedFeed([]).useConnection().state).toBe('live');
  });
});

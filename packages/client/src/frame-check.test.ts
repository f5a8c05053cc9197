import type { ServerMessage } from '@livesnap/protocol';
import { makeSnapshot } from '@livesnap/protocol/testing';
import { describe, expect, it } from 'vitest';
import { frameProblem } from './frame-check.js';

const snapshot = (workspaceId: string, projectId = 'p1') => makeSnapshot({ workspaceId, projectId });
const hello = (fields: Partial<Extract<ServerMessage, { type: 'hello'; resumed: false }>>): ServerMessage => ({
  type: 'hello',
  protocol: 1,
  projectId: 'p1',
  epoch: 'e1',
  seq: 0,
  resumed: false,
  snapshots: [],
  ...fields,
});

describe('frameProblem', () => {
  it('accepts frames about the client project', () => {
    expect(frameProblem(hello({ snapshots: [snapshot('a'), snapshot('b')] }), 'p1')).toBeNull();
    expect(frameProblem({ type: 'upsert', seq: 1, snapshot: snapshot('a') }, 'p1')).toBeNull();
    expect(frameProblem({ type: 'remove', seq: 1, workspaceId: 'a' }, 'p1')).toBeNull();
  });

  it('refuses a hello for another project', () => {
    expect(frameProblem(hello({ projectId: 'p2' }), 'p1')).toBe('hello for project "p2", expected "p1"');
    const resumed: ServerMessage = { type: 'hello', protocol: 1, projectId: 'p2', epoch: 'e', seq: 0, resumed: true };
    expect(frameProblem(resumed, 'p1')).toMatch(/"p2"/);
  });

  it('refuses a hello listing a workspace of another project, or one workspace twice', () => {
    expect(frameProblem(hello({ snapshots: [snapshot('a'), snapshot('x', 'p2')] }), 'p1')).toBe(
      'hello listing workspace "x" of project "p2", expected "p1"',
    );
    expect(frameProblem(hello({ snapshots: [snapshot('a'), snapshot('b'), snapshot('a')] }), 'p1')).toBe(
      'hello listing workspace "a" twice',
    );
  });

  it('refuses an upsert of another project, alone or in a batch', () => {
    expect(frameProblem({ type: 'upsert', seq: 1, snapshot: snapshot('x', 'p2') }, 'p1')).toMatch(/^upsert of/);
    const batch: ServerMessage = {
      type: 'batch',
      messages: [
        { type: 'remove', seq: 1, workspaceId: 'a' },
        { type: 'upsert', seq: 2, snapshot: snapshot('x', 'p2') },
      ],
    };
    expect(frameProblem(batch, 'p1')).toMatch(/^batch with an upsert of workspace "x" of project "p2"/);
  });
});

// The tests' own convergence check must see what it claims to: a difference in any visible field.
import { buildSnapshot } from '@livesnap/protocol';
import { describe, expect, it } from 'vitest';
import { divergence, facts } from './helpers.js';

describe('divergence', () => {
  const source = facts('w1');
  const held = new Map([
    ['w1', buildSnapshot(source, { version: 7, computedAt: new Date().toISOString(), source: 'event' })],
  ]);

  it('is empty when every visible field agrees, whatever the metadata', () => {
    expect(divergence(held, [source, facts('x1', 'p2')], 'p1')).toEqual([]);
  });

  it('names any visible field that differs, facts and derived fields alike', () => {
    expect(divergence(held, [{ ...source, prNumber: 12 }], 'p1')).toEqual(['w1: prNumber differ']);
    expect(divergence(held, [{ ...source, isSessionWorking: true }], 'p1')).toEqual([
      'w1: isSessionWorking, isWorking, sidebarStatus, kanbanColumn differ',
    ]);
  });

  it('names workspaces missing from the client, and those the source does not have', () => {
    expect(divergence(new Map(), [source], 'p1')).toEqual(['w1: missing']);
    expect(divergence(held, [], 'p1')).toEqual(['w1: not in the source']);
  });
});

import { makeSnapshot } from '@livesnap/protocol/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trieDiff, trieOf, trieSet } from './hash-trie.js';
import { buildWorkspaceMap, forEachChangedWorkspace, type WorkspaceMap, WorkspaceMapDraft } from './workspace-map.js';

function changedIds(previous: WorkspaceMap, next: WorkspaceMap): string[] {
  const ids: string[] = [];
  forEachChangedWorkspace(previous, next, (id) => ids.push(id));
  return ids.sort();
}

/** What changed, by brute force: every id in either map whose object differs. */
function expectedIds(previous: WorkspaceMap, next: WorkspaceMap): string[] {
  const ids = new Set([...previous.keys(), ...next.keys()]);
  return [...ids].filter((id) => previous.get(id) !== next.get(id)).sort();
}

const snapshots = (count: number, tag = '') =>
  Array.from({ length: count }, (_, i) => makeSnapshot({ workspaceId: `w${i}`, name: `w${i}${tag}` }));

describe('forEachChangedWorkspace', () => {
  it('names the workspaces a draft added, replaced and removed, and nothing else', () => {
    const base = buildWorkspaceMap(snapshots(300));
    const draft = new WorkspaceMapDraft(base);
    draft.set(makeSnapshot({ workspaceId: 'w7', name: 'changed' }));
    draft.set(makeSnapshot({ workspaceId: 'new', name: 'new' }));
    draft.delete('w200');
    expect(changedIds(base, draft.finish())).toEqual(['new', 'w200', 'w7']);
  });

  it('names nothing for the same map, and every workspace against an empty one', () => {
    const map = buildWorkspaceMap(snapshots(40));
    expect(changedIds(map, map)).toEqual([]);
    expect(changedIds(buildWorkspaceMap([]), map)).toEqual(expectedIds(buildWorkspaceMap([]), map));
    expect(changedIds(map, buildWorkspaceMap([]))).toHaveLength(40);
  });

  it('after a full hello, names only the workspaces whose objects changed', () => {
    const held = snapshots(100);
    const before = buildWorkspaceMap(held);
    const hello = held.map((s, i) => (i % 10 === 0 ? makeSnapshot({ workspaceId: s.workspaceId, name: 'new' }) : s));
    expect(changedIds(before, buildWorkspaceMap(hello, before))).toEqual(
      ['w0', 'w10', 'w20', 'w30', 'w40', 'w50', 'w60', 'w70', 'w80', 'w90'].sort(),
    );
  });

  it('agrees with comparing every id, through random changes and rebuilds', () => {
    const op = fc.oneof(
      fc.record({ type: fc.constant('set' as const), id: fc.nat({ max: 60 }), name: fc.string({ maxLength: 3 }) }),
      fc.record({ type: fc.constant('delete' as const), id: fc.nat({ max: 60 }) }),
      fc.record({ type: fc.constant('rebuild' as const) }),
    );
    fc.assert(
      fc.property(fc.array(fc.array(op, { maxLength: 12 }), { maxLength: 8 }), (frames) => {
        let map = buildWorkspaceMap(snapshots(30));
        for (const frame of frames) {
          const draft = new WorkspaceMapDraft(map);
          let next: WorkspaceMap | null = null;
          for (const change of frame) {
            if (change.type === 'set') draft.set(makeSnapshot({ workspaceId: `w${change.id}`, name: change.name }));
            else if (change.type === 'delete') draft.delete(`w${change.id}`);
            else next = buildWorkspaceMap([...draft.finish().values()], map);
          }
          const after = next ?? draft.finish();
          expect(changedIds(map, after)).toEqual(expectedIds(map, after));
          map = after as typeof map;
        }
      }),
    );
  });
});

describe('trieDiff', () => {
  it('visits each differing key once, whether the tries share their structure or were built apart', () => {
    const entries = Array.from({ length: 500 }, (_, i) => [`k${i}`, i] as const);
    const built = trieOf(entries);
    const changed = trieSet(trieSet(built, 'k3', -3), 'k499', -499);
    const visited: string[] = [];
    trieDiff(built, changed, (key) => visited.push(key));
    expect(visited.sort()).toEqual(['k3', 'k499']);
    const apart = trieOf(entries.map(([key, value]) => [key, key === 'k42' ? -42 : value] as const));
    const visitedApart: string[] = [];
    trieDiff(built, apart, (key) => visitedApart.push(key));
    expect(visitedApart).toEqual(['k42']);
  });
});

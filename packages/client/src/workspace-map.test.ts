import { makeSnapshot } from '@livesnap/protocol/testing';
import { describe, expect, it } from 'vitest';
import { buildWorkspaceMap, EMPTY_WORKSPACES, WorkspaceMapDraft } from './workspace-map.js';

const at = (minute: number) => `2026-11-25T10:0${minute}:00.000Z`;
const older = makeSnapshot({ workspaceId: '__proto__', createdAt: at(1) });
const newer = makeSnapshot({ workspaceId: 'constructor', createdAt: at(2) });
const newest = makeSnapshot({ workspaceId: 'b', createdAt: at(3), status: 'ARCHIVED' });

describe('the workspace map', () => {
  it('reads like a ReadonlyMap whose order is the list order', () => {
    const map = buildWorkspaceMap([older, newest, newer]);
    expect(map.size).toBe(3);
    expect(map.get('constructor')).toBe(newer);
    expect(map.has('__proto__')).toBe(true);
    expect(map.has('toString')).toBe(false);
    expect([...map.keys()]).toEqual(['b', 'constructor', '__proto__']);
    expect([...map.values()]).toEqual([newest, newer, older]);
    expect([...map.entries()]).toEqual([
      ['b', newest],
      ['constructor', newer],
      ['__proto__', older],
    ]);
    expect([...map]).toEqual([...map.entries()]);
    const seen: [string, string, unknown][] = [];
    map.forEach(function (this: unknown, snapshot, id, self) {
      seen.push([id, snapshot.workspaceId, self === map && this === 'context']);
    }, 'context');
    expect(seen).toEqual([
      ['b', 'b', true],
      ['constructor', 'constructor', true],
      ['__proto__', '__proto__', true],
    ]);
    expect(new Map(map)).toEqual(new Map([...map.entries()]));
  });

  it('turns into an object by id in JSON, whatever the ids', () => {
    const json = JSON.parse(JSON.stringify(buildWorkspaceMap([older, newer])));
    expect(Object.keys(json)).toEqual(['constructor', '__proto__']);
    expect(json.constructor).toEqual(JSON.parse(JSON.stringify(newer)));
  });

  it('is empty at first', () => {
    expect(EMPTY_WORKSPACES.size).toBe(0);
    expect([...EMPTY_WORKSPACES]).toEqual([]);
    expect(EMPTY_WORKSPACES.columns).toEqual({ WORKING: [], WAITING: [], DONE: [] });
  });

  it('leaves the map a draft started from as it was, and gives the same map back for no change', () => {
    const map = buildWorkspaceMap([older, newer]);
    const list = map.list;
    const draft = new WorkspaceMapDraft(map);
    expect(draft.finish()).toBe(map);
    draft.delete('__proto__');
    draft.set(newest);
    const next = draft.finish();
    expect([...next.keys()]).toEqual(['b', 'constructor']);
    expect([...map.keys()]).toEqual(['constructor', '__proto__']);
    expect(map.list).toBe(list);
    expect(map.get('b')).toBeUndefined();
    expect(map.size).toBe(2);
    // The draft goes on from what it finished, and changes nothing that map holds.
    draft.set(older);
    const again = draft.finish();
    expect([...again.keys()]).toEqual(['b', 'constructor', '__proto__']);
    expect([...next.keys()]).toEqual(['b', 'constructor']);
  });

  it('counts a delete only for a workspace it holds', () => {
    const draft = new WorkspaceMapDraft(buildWorkspaceMap([older]));
    expect(draft.delete('hasOwnProperty')).toBe(false);
    expect(draft.delete('__proto__')).toBe(true);
    expect(draft.finish().size).toBe(0);
  });
});

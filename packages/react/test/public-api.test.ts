// @vitest-environment node
// The public surface of @livesnap/react and @livesnap/react/query: every runtime name each entry exports is listed
// here, so that an export is added or removed on purpose, and each is documented in README.md.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as react from '../src/index.js';
import * as query from '../src/query/index.js';

const EXPORTED = {
  '@livesnap/react': [
    'SnapshotLoadError',
    'SnapshotProvider',
    'useKanbanColumn',
    'useKanbanColumnIds',
    'useKanbanColumns',
    'useProjectSnapshots',
    'useSidebarWorkspaceIds',
    'useSidebarWorkspaces',
    'useSnapshotClient',
    'useSnapshotSelector',
    'useSnapshotStatus',
    'useSuspenseProjectSnapshots',
    'useWorkspaceSnapshot',
  ],
  '@livesnap/react/query': ['legacyQueryKeys', 'livePollingInterval', 'syncSnapshotsToQueryClient'],
};

describe('public API', () => {
  it.each([
    ['@livesnap/react', react],
    ['@livesnap/react/query', query],
  ] as const)('%s exports exactly its listed runtime names', (entry, module) => {
    expect(Object.keys(module).sort()).toEqual([...EXPORTED[entry]].sort());
  });

  it('has every exported name documented in README.md', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const undocumented = Object.values(EXPORTED)
      .flat()
      .filter((name) => !readme.includes(`\`${name}`) && !readme.includes(`<${name}`));
    expect(undocumented).toEqual([]);
  });
});

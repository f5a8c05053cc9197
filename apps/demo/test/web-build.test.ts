// The production build's freshness: its folder is named for a hash of its inputs, so any change to them means a build.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_INPUTS, hashBuildInputs } from '../src/web-build.js';
import { tempDir } from './temp-dir.js';

describe('hashBuildInputs', () => {
  it('changes when a file under an input changes, is added, or is renamed, and not otherwise', async () => {
    const root = await tempDir();
    await mkdir(join(root, 'web', 'components'), { recursive: true });
    await writeFile(join(root, 'web', 'main.tsx'), 'render()');
    await writeFile(join(root, 'web', 'components', 'card.tsx'), 'card');
    await writeFile(join(root, 'vite.config.ts'), 'config');
    const inputs = [join(root, 'web'), join(root, 'vite.config.ts'), join(root, 'not-there')];
    const hash = () => hashBuildInputs(inputs, root);

    const first = await hash();
    expect(first).toMatch(/^[0-9a-f]{16}$/);
    expect(await hash()).toBe(first);
    await writeFile(join(root, 'web', 'components', 'card.tsx'), 'card!');
    const edited = await hash();
    expect(edited).not.toBe(first);
    await writeFile(join(root, 'web', 'components', 'row.tsx'), '');
    const added = await hash();
    expect(added).not.toBe(edited);
    await rename(join(root, 'web', 'components', 'row.tsx'), join(root, 'web', 'components', 'rows.tsx'));
    expect(await hash()).not.toBe(added);
  });

  it('covers the page, its config, and the workspace packages it bundles from source', () => {
    const relative = BUILD_INPUTS.map((path) => path.replace(/.*\/(apps|packages)\//, '$1/'));
    expect(relative).toEqual(
      expect.arrayContaining([
        'apps/demo/web',
        'apps/demo/vite.config.ts',
        'packages/protocol/src',
        'packages/client/src',
        'packages/react/src',
        'packages/devtools/src',
      ]),
    );
  });
});

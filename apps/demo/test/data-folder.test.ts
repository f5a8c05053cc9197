// The data folder: the database and repositories persist across starts, --reset starts from a fresh seed, and --reset
// never deletes a folder that holds anything but the demo's own files.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareDataFolder } from '../src/data-folder.js';
import { startDemoServer } from '../src/demo-server.js';
import { quiet } from './helpers.js';
import { tempDir } from './temp-dir.js';

describe('the data folder', () => {
  it('keeps the data across starts, and --reset starts again from the seed', async () => {
    const dataDir = await tempDir();
    const options = { dataDir, eventsPerSecond: 0, workspacesPerProject: 2, largeProjectWorkspaces: 0, logger: quiet };
    const first = await startDemoServer(options);
    const seeded = first.db.workspacesOf('acme-web', 'api').length;
    const response = await fetch(`${first.url}/api/projects/acme-web/workspaces`, { method: 'POST' });
    const { workspaceId } = (await response.json()) as { workspaceId: string };
    await first.close();

    const second = await startDemoServer(options);
    expect(second.startup.seededWorkspaces).toBe(0);
    expect(second.db.workspace(workspaceId, 'api')).not.toBeNull();
    await second.close();

    const third = await startDemoServer({ ...options, reset: true });
    try {
      expect(third.startup.seededWorkspaces).toBe(3 * 2);
      expect(third.db.workspace(workspaceId, 'api')).toBeNull();
      expect(third.db.workspacesOf('acme-web', 'api')).toHaveLength(seeded);
    } finally {
      await third.close();
    }
  });

  it('is not emptied by --reset when it holds files the demo did not write', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'git'));
    await writeFile(join(dir, 'demo.sqlite'), '');
    await writeFile(join(dir, 'thesis.tex'), 'years of work');
    await expect(prepareDataFolder(dir, true)).rejects.toThrow(`--reset refuses to empty ${dir}`);
    expect((await readdir(dir)).sort()).toEqual(['demo.sqlite', 'git', 'thesis.tex']);
  });

  it('is made when missing, with or without --reset', async () => {
    const parent = await tempDir();
    await prepareDataFolder(join(parent, 'a', 'b'), true);
    await prepareDataFolder(join(parent, 'c'), false);
    expect((await readdir(parent)).sort()).toEqual(['a', 'c']);
  });
});

// The data folder: made when missing, and emptied by --reset only when it holds nothing but the demo's own files, so
// that a mistyped --data cannot delete a folder of the user's.
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

export const DATABASE_FILE = 'demo.sqlite';
export const GIT_FOLDER = 'git';
/** The scaled-out demo's redis-server runs here (it writes nothing: no persistence). */
export const REDIS_FOLDER = 'redis';

/** What the demo writes into its data folder (SQLite's WAL files included). */
const OWN_ENTRIES = new Set([DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`, GIT_FOLDER, REDIS_FOLDER]);

/** Makes `dir` if needed; with `reset`, deletes what the demo wrote there first. Refuses to delete anything else. */
export async function prepareDataFolder(dir: string, reset: boolean): Promise<void> {
  if (reset) {
    const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    const foreign = entries.filter((name) => !OWN_ENTRIES.has(name));
    if (foreign.length > 0) {
      throw new Error(
        `--reset refuses to empty ${dir}: it holds files the demo did not write (${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', …' : ''}); check --data`,
      );
    }
    for (const name of entries) await rm(join(dir, name), { recursive: true, force: true });
  }
  await mkdir(dir, { recursive: true });
}

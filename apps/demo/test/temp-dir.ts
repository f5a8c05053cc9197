// A temp folder per test, removed after it: data folders, databases and repositories of the demo's tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'livesnap-demo-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

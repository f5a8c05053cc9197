// The defaults the server README documents, and the ones that a test can observe at work.
import { readFileSync } from 'node:fs';
import type { GitStats } from '@livesnap/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { createSnapshotService, ENDPOINT_DEFAULTS, SERVICE_DEFAULTS, snapshotFeedOf } from '../src/index.js';
import { FakeGitSource, facts, type Harness, startHarness } from './helpers.js';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

/**
 * The default column of the README's option tables, read as values: `60 000` is 60000, `16 MiB` is 16 × 2²⁰,
 * `` `/snapshots` `` is the string.
 */
function readmeDefaults(): Map<string, number | string> {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const defaults = new Map<string, number | string>();
  for (const [, option, cell] of readme.matchAll(/^\| `(\w+)` +\| ([^|]+?) +\|/gm)) {
    const text = cell!.replaceAll('`', '');
    const units = /^([\d ]+) (KiB|MiB)$/.exec(text);
    const number = Number((units?.[1] ?? text).replaceAll(' ', ''));
    const scale = units ? (units[2] === 'KiB' ? 1024 : 1024 * 1024) : 1;
    defaults.set(option!, Number.isNaN(number) ? text : number * scale);
  }
  return defaults;
}

/** A git source whose reads wait until released, counting how many run at once. */
class GatedGitSource extends FakeGitSource {
  gitRunning = 0;
  maxRunning = 0;
  started = 0;
  private waiting: (() => void)[] = [];
  override async loadGitStats(workspaceId: string): Promise<GitStats | null> {
    this.started += 1;
    this.gitRunning += 1;
    this.maxRunning = Math.max(this.maxRunning, this.gitRunning);
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.gitRunning -= 1;
    return super.loadGitStats(workspaceId);
  }
  /** Lets every waiting read finish, until none is left. */
  async drain(until: () => boolean): Promise<void> {
    while (!until()) {
      const waiting = this.waiting;
      this.waiting = [];
      for (const resolve of waiting) resolve();
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

describe('defaults', () => {
  it('are the ones the server README documents, option by option', () => {
    const documented = readmeDefaults();
    for (const [option, value] of Object.entries({ ...SERVICE_DEFAULTS, ...ENDPOINT_DEFAULTS })) {
      expect(documented.get(option), option).toBe(value);
    }
  });

  it.each([
    [undefined, 3],
    [1, 1],
    [5, 5],
  ])('runs at most gitConcurrency (%s) git reads at once; the default is 3', async (gitConcurrency, expected) => {
    const source = new GatedGitSource(Array.from({ length: 12 }, (_, i) => facts(`w${i}`)));
    const service = createSnapshotService({ source, ...(gitConcurrency ? { gitConcurrency } : {}) });
    let loaded = false;
    const loading = snapshotFeedOf(service)
      .subscribe('p1')
      .finally(() => {
        loaded = true;
      });
    await source.drain(() => loaded);
    (await loading)?.release();
    expect(source.started).toBe(12);
    expect(source.maxRunning).toBe(expected);
    await service.stop();
  });

  it('accepts a client frame of maxPayload (64 KiB) and closes with 1009 past it', async () => {
    harness = await startHarness(new FakeGitSource([facts('w1')]));
    const client = harness.connect();
    await client.hello();
    // A ping padded with a key the server drops (its id may not be that long).
    const frameOf = (size: number) => {
      const bare = JSON.stringify({ type: 'ping', id: '1', pad: '' });
      return JSON.stringify({ type: 'ping', id: '1', pad: 'x'.repeat(size - bare.length) });
    };
    client.send(frameOf(64 * 1024));
    expect(await client.next()).toMatchObject({ type: 'pong' });
    client.send(frameOf(64 * 1024 + 1));
    expect((await client.closed).code).toBe(1009);
  });
});

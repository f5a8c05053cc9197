// The defaults the server README documents, and the ones that a test can observe at work.
import { readFileSync } from 'node:fs';
import type { GitStats } from '@livesnap/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { createSnapshotService, ENDPOINT_DEFAULTS, SERVICE_DEFAULTS, snapshotFeedOf } from '../src/index.js';
import { FakeGitSource, FakeSource, facts, type Harness, startHarness } from './helpers.js';

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

/** Calls that wait until the test releases them, counting how many run at once. */
class HeldCalls {
  running = 0;
  maxRunning = 0;
  started = 0;
  private waiting: (() => void)[] = [];
  /** Waits until released, then answers `answer()`. */
  async hold<T>(answer: () => T | Promise<T>): Promise<T> {
    this.started += 1;
    this.running += 1;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running -= 1;
    return answer();
  }
  /** Releases every waiting call, and those they lead to, until `done()`. */
  async drain(done: () => boolean): Promise<void> {
    while (!done()) {
      const waiting = this.waiting;
      this.waiting = [];
      for (const resolve of waiting) resolve();
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

/** A git source whose reads are held. */
class HeldGitSource extends FakeGitSource {
  readonly git = new HeldCalls();
  override loadGitStats(workspaceId: string): Promise<GitStats | null> {
    return this.git.hold(() => super.loadGitStats(workspaceId));
  }
}

/** Resolves `promise`, releasing the held calls it waits for. */
async function settle<T>(calls: HeldCalls, promise: Promise<T>): Promise<T> {
  let done = false;
  const settled = promise.finally(() => {
    done = true;
  });
  await calls.drain(() => done);
  return settled;
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
    const source = new HeldGitSource(Array.from({ length: 12 }, (_, i) => facts(`w${i}`)));
    const service = createSnapshotService({ source, ...(gitConcurrency ? { gitConcurrency } : {}) });
    (await settle(source.git, snapshotFeedOf(service).subscribe('p1')))?.release();
    expect(source.git.started).toBe(12);
    expect(source.git.maxRunning).toBe(expected);
    await service.stop();
  });

  it.each([
    [undefined, 4],
    [1, 1],
    [6, 6],
  ])(
    'reloads at most reconcileConcurrency (%s) projects at once in a pass; the default is 4',
    async (reconcileConcurrency, expected) => {
      const projects = Array.from({ length: 10 }, (_, i) => `p${i}`);
      const source = new FakeSource(projects.map((projectId) => facts(`w-${projectId}`, projectId)));
      const service = createSnapshotService({ source, ...(reconcileConcurrency ? { reconcileConcurrency } : {}) });
      const feed = snapshotFeedOf(service);
      const subscriptions = await Promise.all(projects.map((projectId) => feed.subscribe(projectId)));
      const reloads = new HeldCalls();
      source.onLoadProject = (projectId) => reloads.hold(() => source.projectNow(projectId));
      await settle(reloads, service.reconcile());
      expect(reloads.started).toBe(10);
      expect(reloads.maxRunning).toBe(expected);
      for (const subscription of subscriptions) subscription?.release();
      await service.stop();
    },
  );

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

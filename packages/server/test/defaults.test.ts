// The defaults ERRATA.md sets, and the ones that a test can observe at work.
import type { GitStats } from '@livesnap/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { createSnapshotService, ENDPOINT_DEFAULTS, SERVICE_DEFAULTS, snapshotFeedOf } from '../src/index.js';
import { FakeGitSource, facts, type Harness, startHarness } from './helpers.js';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

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
  it('are the numbers ERRATA.md gives', () => {
    expect(SERVICE_DEFAULTS).toEqual({
      coalesceMs: 100,
      reconcileIntervalMs: 60_000,
      gitConcurrency: 3,
      sourceTimeoutMs: 10_000,
      idleUnloadMs: 300_000,
      replayLimit: 1_000,
    });
    expect(ENDPOINT_DEFAULTS).toEqual({
      path: '/snapshots',
      authorizeTimeoutMs: 10_000,
      heartbeatMs: 30_000,
      maxBufferedBytes: 16 * 1024 * 1024,
      maxPayload: 64 * 1024,
      maxFramesPerSecond: 20,
    });
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

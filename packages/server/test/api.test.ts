import type { WorkspaceFacts } from '@livesnap/protocol';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { SnapshotEndpoint, SnapshotFeed, SnapshotService, SnapshotSource, SnapshotStore } from '../src/index.js';
import * as server from '../src/index.js';

describe('the public API', () => {
  it('exports the service, the endpoint and the memory store', () => {
    expect(Object.keys(server).sort()).toEqual([
      'ENDPOINT_DEFAULTS',
      'SERVICE_DEFAULTS',
      'attachSnapshotEndpoint',
      'consoleLogger',
      'createMemoryStore',
      'createSnapshotService',
      'snapshotFeedOf',
    ]);
  });

  it('gives a host app only its own API on the service; the plumbing is the feed', () => {
    const source: SnapshotSource = { loadProject: async () => null, loadWorkspace: async () => null };
    const service = server.createSnapshotService({ source });
    expect(Object.keys(service).sort()).toEqual(['flush', 'health', 'invalidate', 'reconcile', 'start', 'stop']);
    expectTypeOf<keyof SnapshotService>().toEqualTypeOf<
      'invalidate' | 'flush' | 'start' | 'stop' | 'reconcile' | 'health'
    >();
    expectTypeOf<keyof SnapshotFeed>().toEqualTypeOf<
      'subscribe' | 'state' | 'readSince' | 'onCommit' | 'onProjectGone' | 'onReset'
    >();
    expect(Object.keys(server.snapshotFeedOf(service)).sort()).toEqual([
      'onCommit',
      'onProjectGone',
      'onReset',
      'readSince',
      'state',
      'subscribe',
    ]);
    expect(() => server.snapshotFeedOf({ ...service })).toThrow(
      'service must be a SnapshotService made by createSnapshotService',
    );
  });

  it('types a source, a service, a store and an endpoint as the issue names them', () => {
    expectTypeOf<SnapshotSource['loadProject']>().returns.toEqualTypeOf<Promise<WorkspaceFacts[] | null>>();
    expectTypeOf<SnapshotService['invalidate']>().parameters.toEqualTypeOf<
      [string, { git?: boolean; projectId?: string }?]
    >();
    expectTypeOf(server.createSnapshotService).returns.toEqualTypeOf<SnapshotService>();
    expectTypeOf(server.createMemoryStore).returns.toEqualTypeOf<SnapshotStore>();
    expectTypeOf(server.attachSnapshotEndpoint).returns.toEqualTypeOf<SnapshotEndpoint>();
    expectTypeOf<SnapshotEndpoint['close']>().returns.toEqualTypeOf<Promise<void>>();
  });

  it('names a wrong option with its value', () => {
    const source: SnapshotSource = { loadProject: async () => null, loadWorkspace: async () => null };
    expect(() => server.createSnapshotService({ source, coalesceMs: -1 })).toThrow(
      'coalesceMs must be an integer ≥ 0, got -1 (number)',
    );
  });
});

// The public surface of @livesnap/client and its testing entry: names and types are part of the API.
import type { WorkspaceSnapshot } from '@livesnap/protocol';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { WebSocket as NodeWebSocket } from 'ws';
import type { StoreApi } from 'zustand/vanilla';
import type {
  ConnectionStatus,
  DataOrigin,
  InspectionCause,
  InspectionEvent,
  InspectionListener,
  KanbanColumns,
  Persistence,
  RestoredCopy,
  SnapshotClient,
  SnapshotClientError,
  SnapshotClientOptions,
  SnapshotClientState,
  SnapshotClientStore,
  WorkspaceMap,
} from '../src/index.js';
import * as client from '../src/index.js';
import * as indexeddb from '../src/indexeddb.js';
import * as persist from '../src/persist.js';
import * as testing from '../src/testing/index.js';
import * as testingNode from '../src/testing/node.js';

describe('public API', () => {
  it('exports these names from @livesnap/client', () => {
    expect(Object.keys(client).sort()).toEqual([
      'DEFAULT_BACKOFF',
      'DEFAULT_CONNECT_TIMEOUT_MS',
      'DEFAULT_HEARTBEAT',
      'DEFAULT_STALE_AFTER_MS',
      'backoffDelay',
      'buildSnapshotUrl',
      'createSnapshotClient',
      'createSnapshotSelectors',
      'forEachChangedWorkspace',
      'selectKanbanColumns',
      'selectSidebar',
      'selectWorkspace',
      'selectWorkspaceList',
    ]);
  });

  it('exports the mock server from the testing entries', () => {
    expect(Object.keys(testing).sort()).toEqual([
      'MockSnapshotServer',
      'createFakeWebSocketClass',
      'createMemoryStorage',
      'waitForState',
    ]);
    expect(Object.keys(testingNode)).toEqual(['createMockSnapshotServer']);
  });

  it('exports persistence and its storages from their own entries', () => {
    expect(Object.keys(persist).sort()).toEqual([
      'DEFAULT_PERSIST_MAX_CHARS',
      'PERSIST_INTERVAL_MS',
      'PERSIST_VERSION',
      'persistKey',
      'persistence',
    ]);
    expect(Object.keys(indexeddb)).toEqual(['indexedDbStorage']);
    expectTypeOf<SnapshotClientOptions['persist']>().toEqualTypeOf<Persistence | undefined>();
    expectTypeOf(persist.persistence).returns.toEqualTypeOf<Persistence>();
    expectTypeOf(indexeddb.indexedDbStorage).returns.toEqualTypeOf<persist.PersistStorage>();
    expectTypeOf(testing.createMemoryStorage).returns.toExtend<persist.PersistStorage>();
    expectTypeOf<SnapshotClientState['origin']>().toEqualTypeOf<DataOrigin | null>();
    expectTypeOf<DataOrigin>().toEqualTypeOf<'persisted' | 'resumed' | 'hello'>();
    expectTypeOf<SnapshotClientState['restored']>().toEqualTypeOf<RestoredCopy | null>();
    expectTypeOf<SnapshotClient['clearPersisted']>().toEqualTypeOf<() => Promise<void>>();
  });

  it('has the documented types', () => {
    expectTypeOf<SnapshotClient['store']['getState']>().returns.toEqualTypeOf<SnapshotClientState>();
    expectTypeOf<SnapshotClientStore>().toEqualTypeOf<StoreApi<SnapshotClientState>>();
    expectTypeOf<SnapshotClient['store']>().toEqualTypeOf<SnapshotClientStore>();
    expectTypeOf<SnapshotClientState['status']>().toEqualTypeOf<'connecting' | 'open' | 'reconnecting' | 'closed'>();
    expectTypeOf<ConnectionStatus>().toEqualTypeOf<SnapshotClientState['status']>();
    expectTypeOf<SnapshotClientState['error']>().toEqualTypeOf<SnapshotClientError | null>();
    expectTypeOf<SnapshotClientState['nextAttemptAt']>().toEqualTypeOf<number | null>();
    expectTypeOf<SnapshotClientState['isStale']>().toEqualTypeOf<boolean>();
    expectTypeOf<SnapshotClientOptions['staleAfterMs']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<SnapshotClientError['code']>().toEqualTypeOf<number | string>();
    expectTypeOf<SnapshotClientState['epoch']>().toEqualTypeOf<string | null>();
    expectTypeOf<SnapshotClientState['seq']>().toEqualTypeOf<number | null>();
    expectTypeOf<SnapshotClientState['workspaces']>().toEqualTypeOf<WorkspaceMap>();
    expectTypeOf<WorkspaceMap>().toExtend<ReadonlyMap<string, WorkspaceSnapshot>>();
    expectTypeOf<WorkspaceMap['list']>().toEqualTypeOf<readonly WorkspaceSnapshot[]>();
    expectTypeOf<WorkspaceMap['sidebar']>().toEqualTypeOf<readonly WorkspaceSnapshot[]>();
    expectTypeOf<WorkspaceMap['columns']>().toEqualTypeOf<KanbanColumns>();
    expectTypeOf<testing.MockSnapshotServer['workspaces']>().toEqualTypeOf<ReadonlyMap<string, WorkspaceSnapshot>>();
    expectTypeOf<keyof SnapshotClientState['stats']>().toEqualTypeOf<
      'messages' | 'gaps' | 'resyncs' | 'reconnects' | 'resumed' | 'invalidFrames' | 'lastMessageAt'
    >();
    expectTypeOf<SnapshotClientOptions['url']>().toEqualTypeOf<string | (() => string)>();
    expectTypeOf<SnapshotClientOptions['token']>().toEqualTypeOf<
      string | (() => string | Promise<string>) | undefined
    >();
    expectTypeOf(client.selectKanbanColumns).returns.toEqualTypeOf<KanbanColumns>();
    expectTypeOf(client.selectWorkspace('w1')).returns.toEqualTypeOf<WorkspaceSnapshot | undefined>();
    expectTypeOf(client.selectSidebar).returns.toEqualTypeOf<readonly WorkspaceSnapshot[]>();
    expectTypeOf(client.selectWorkspaceList).returns.toEqualTypeOf<readonly WorkspaceSnapshot[]>();
  });

  it('has the documented inspection hook and actions', () => {
    expectTypeOf<SnapshotClient['inspect']>().toEqualTypeOf<(listener: InspectionListener) => () => void>();
    expectTypeOf<InspectionListener>().toEqualTypeOf<(event: InspectionEvent) => void>();
    expectTypeOf<SnapshotClient['drop']>().toEqualTypeOf<() => void>();
    expectTypeOf<SnapshotClient['reconnect']>().toEqualTypeOf<() => void>();
    expectTypeOf<InspectionEvent['type']>().toEqualTypeOf<'frame-in' | 'frame-out' | 'transition'>();
    expectTypeOf<InspectionCause['kind']>().toEqualTypeOf<
      'connect' | 'close' | 'hello' | 'resync' | 'disconnect' | 'wake'
    >();
    expectTypeOf<Extract<InspectionCause, { kind: 'hello' }>['instance']>().toEqualTypeOf<string | null>();
    expectTypeOf<Extract<InspectionCause, { kind: 'disconnect' }>['code']>().toEqualTypeOf<number | string>();
    expectTypeOf<Extract<InspectionEvent, { type: 'frame-in' }>['workspaceIds']>().toEqualTypeOf<readonly string[]>();
  });

  it('takes the browser WebSocket, the ws WebSocket and the testing fake as its WebSocket option', () => {
    expectTypeOf<typeof globalThis.WebSocket>().toExtend<NonNullable<SnapshotClientOptions['WebSocket']>>();
    expectTypeOf<typeof NodeWebSocket>().toExtend<NonNullable<SnapshotClientOptions['WebSocket']>>();
    expectTypeOf<testing.MockSnapshotServer['WebSocket']>().toExtend<NonNullable<SnapshotClientOptions['WebSocket']>>();
  });
});

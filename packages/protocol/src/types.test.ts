// The public types, inferred from the schemas, pinned: these assertions are checked by `pnpm run typecheck`
// (tsc reads this file); at run time they only prove that each function exists where the type says.
import { describe, expectTypeOf, it } from 'vitest';
import {
  type BatchMessage,
  buildSnapshot,
  type ClientMessage,
  type CloseAction,
  closeCodeInfo,
  type DecodeResult,
  decodeServerFrame,
  deriveSnapshotFields,
  type ErrorCode,
  type FullHelloMessage,
  type HelloMessage,
  type KanbanColumn,
  messageInVersion,
  type PatchFields,
  type PatchMessage,
  type ProtocolVersion,
  type PrState,
  type RemoveMessage,
  type ResumedHelloMessage,
  type ServerMessage,
  type StreamMessage,
  type UpsertMessage,
  type VISIBLE_FIELDS,
  type VisibleField,
  type WorkspaceFacts,
  type WorkspaceSnapshot,
} from './index.js';
import { makeFacts, makeSnapshot } from './testing.js';

describe('public types', () => {
  it('ServerMessage and ClientMessage are unions discriminated by type', () => {
    expectTypeOf<ServerMessage['type']>().toEqualTypeOf<
      'hello' | 'upsert' | 'remove' | 'patch' | 'batch' | 'pong' | 'error'
    >();
    expectTypeOf<ClientMessage['type']>().toEqualTypeOf<'ping' | 'resync'>();
    expectTypeOf<Extract<ServerMessage, { type: 'upsert' }>>().toEqualTypeOf<UpsertMessage>();
    expectTypeOf<StreamMessage>().toEqualTypeOf<UpsertMessage | RemoveMessage | PatchMessage>();
    expectTypeOf<BatchMessage['messages']>().toEqualTypeOf<StreamMessage[]>();
    expectTypeOf<ErrorCode>().toEqualTypeOf<'rate_limited' | 'bad_message' | 'unknown_type'>();
  });

  it('a hello narrows on resumed: only a full hello has snapshots', () => {
    expectTypeOf<HelloMessage>().toEqualTypeOf<FullHelloMessage | ResumedHelloMessage>();
    expectTypeOf<FullHelloMessage['resumed']>().toEqualTypeOf<false>();
    expectTypeOf<FullHelloMessage['snapshots']>().toEqualTypeOf<WorkspaceSnapshot[]>();
    expectTypeOf<ResumedHelloMessage>().not.toHaveProperty('snapshots');
    const narrow = (hello: HelloMessage) => {
      if (hello.resumed) {
        expectTypeOf(hello).toEqualTypeOf<ResumedHelloMessage>();
      } else {
        expectTypeOf(hello.snapshots).toEqualTypeOf<WorkspaceSnapshot[]>();
      }
    };
    expectTypeOf(narrow).parameter(0).toEqualTypeOf<HelloMessage>();
  });

  it('a hello names a version this package speaks, and a patch sets only visible fields but the identity', () => {
    expectTypeOf<ProtocolVersion>().toEqualTypeOf<1 | 2>();
    expectTypeOf<HelloMessage['protocol']>().toEqualTypeOf<ProtocolVersion>();
    expectTypeOf<keyof PatchFields>().toEqualTypeOf<Exclude<VisibleField, 'workspaceId' | 'projectId'>>();
    expectTypeOf<PatchFields['gitStats']>().toEqualTypeOf<WorkspaceSnapshot['gitStats'] | undefined>();
    expectTypeOf(messageInVersion).returns.toEqualTypeOf<StreamMessage>();
  });

  it('a snapshot has a numeric version, typed facts and derived fields', () => {
    expectTypeOf<WorkspaceSnapshot['version']>().toEqualTypeOf<number>();
    expectTypeOf<WorkspaceSnapshot['computedAt']>().toEqualTypeOf<string>();
    expectTypeOf<WorkspaceSnapshot['source']>().toEqualTypeOf<'initial' | 'event' | 'reconciliation'>();
    expectTypeOf<WorkspaceSnapshot['prState']>().toEqualTypeOf<PrState | null>();
    expectTypeOf<WorkspaceSnapshot['kanbanColumn']>().toEqualTypeOf<KanbanColumn | null>();
    expectTypeOf<WorkspaceSnapshot>().toExtend<WorkspaceFacts>();
    expectTypeOf<WorkspaceFacts>().not.toHaveProperty('version');
    expectTypeOf<WorkspaceFacts>().not.toHaveProperty('flowPhase');
  });

  it('the functions take and return the inferred types', () => {
    expectTypeOf(decodeServerFrame).returns.toEqualTypeOf<DecodeResult<ServerMessage>>();
    expectTypeOf(buildSnapshot).returns.toEqualTypeOf<WorkspaceSnapshot>();
    expectTypeOf(deriveSnapshotFields(makeFacts())).not.toHaveProperty('version');
    expectTypeOf(closeCodeInfo(4409).action).toEqualTypeOf<CloseAction>();
    expectTypeOf<CloseAction>().toEqualTypeOf<'stop' | 'backoff' | 'immediate' | 'reauthorize'>();
    expectTypeOf<'version' extends (typeof VISIBLE_FIELDS)[number] ? true : false>().toEqualTypeOf<false>();
    expectTypeOf<'gitStats' extends (typeof VISIBLE_FIELDS)[number] ? true : false>().toEqualTypeOf<true>();
    expectTypeOf(makeSnapshot()).toEqualTypeOf<WorkspaceSnapshot>();
  });
});

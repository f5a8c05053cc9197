// The public types, pinned: vitest's typecheck runs this file as tests (each expectTypeOf that does not hold fails its
// test), and the package's `tsc --noEmit` reads it too.
import type { SnapshotClient } from '@livesnap/client';
import type { WorkspaceSnapshot } from '@livesnap/protocol';
import type { ReactNode } from 'react';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type DevtoolsPosition,
  SnapshotDevtools,
  type SnapshotDevtoolsProps,
  type WorkspaceField,
} from '../src/index.js';
import * as production from '../src/production.js';

declare const client: SnapshotClient;

describe('<SnapshotDevtools /> props', () => {
  it('are all optional, with these types', () => {
    expectTypeOf<SnapshotDevtoolsProps>().toEqualTypeOf<{
      client?: SnapshotClient;
      initialIsOpen?: boolean;
      buttonPosition?: DevtoolsPosition;
      logLimit?: number;
      fields?: readonly WorkspaceField[];
      storageKey?: string;
      styleNonce?: string;
    }>();
    expectTypeOf(SnapshotDevtools).parameter(0).toEqualTypeOf<SnapshotDevtoolsProps>();
    expectTypeOf(SnapshotDevtools).returns.toEqualTypeOf<ReactNode>();
    <SnapshotDevtools />;
    <SnapshotDevtools client={client} initialIsOpen buttonPosition="top-left" logLimit={200} fields={['name']} />;
  });

  it('name the four corners', () => {
    expectTypeOf<DevtoolsPosition>().toEqualTypeOf<'bottom-right' | 'bottom-left' | 'top-right' | 'top-left'>();
    // @ts-expect-error: not a corner
    <SnapshotDevtools buttonPosition="middle" />;
  });

  it('take visible fields of a snapshot as columns, not the id or the metadata', () => {
    expectTypeOf<WorkspaceField>().toExtend<keyof WorkspaceSnapshot>();
    expectTypeOf<'name' | 'gitStats' | 'kanbanColumn'>().toExtend<WorkspaceField>();
    expectTypeOf<'workspaceId'>().not.toExtend<WorkspaceField>();
    expectTypeOf<'version' | 'computedAt' | 'source'>().not.toExtend<WorkspaceField>();
    // @ts-expect-error: not a field
    <SnapshotDevtools fields={['nope']} />;
  });

  it('are the same for the production entry', () => {
    expectTypeOf(production.SnapshotDevtools).parameter(0).toEqualTypeOf<SnapshotDevtoolsProps>();
    expectTypeOf<production.SnapshotDevtoolsProps>().toEqualTypeOf<SnapshotDevtoolsProps>();
  });
});

// The connection's state in one object, for a status line or a "reconnecting…" banner.
import type { SnapshotClientState, SnapshotClientStats } from '@livesnap/client';
import { shallow } from 'zustand/vanilla/shallow';
import { useSelection } from './use-snapshot-selector.js';

export type SnapshotStatus = Pick<
  SnapshotClientState,
  'status' | 'error' | 'nextAttemptAt' | 'epoch' | 'seq' | 'isStale'
> &
  Pick<SnapshotClientStats, 'lastMessageAt'>;

const selectStatus = ({
  status,
  error,
  epoch,
  seq,
  stats,
  isStale,
  nextAttemptAt,
}: SnapshotClientState): SnapshotStatus => ({
  status,
  error,
  epoch,
  seq,
  lastMessageAt: stats.lastMessageAt,
  isStale,
  nextAttemptAt,
});

/**
 * `{ status, error, nextAttemptAt, epoch, seq, lastMessageAt, isStale }`: one object that keeps its identity while none
 * of them changed. `nextAttemptAt` is when the next attempt is due while the client waits to reconnect (its `now()`),
 * else null. `seq` and `lastMessageAt` move with every frame; a component that shows only whether the data may be
 * behind re-renders less with `useSnapshotSelector((state) => state.isStale)`.
 */
export function useSnapshotStatus(): SnapshotStatus {
  return useSelection('useSnapshotStatus', selectStatus, shallow);
}

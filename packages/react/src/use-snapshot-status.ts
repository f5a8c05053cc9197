// The connection's state in one object, for a status line or a "reconnecting…" banner.
import type { SnapshotClientState, SnapshotClientStats } from '@livesnap/client';
import { shallow } from 'zustand/vanilla/shallow';
import { useSelection } from './use-snapshot-selector.js';

export type SnapshotStatus = Pick<SnapshotClientState, 'status' | 'error' | 'epoch' | 'seq' | 'isStale'> &
  Pick<SnapshotClientStats, 'lastMessageAt'>;

const selectStatus = (state: SnapshotClientState): SnapshotStatus => ({
  status: state.status,
  error: state.error,
  epoch: state.epoch,
  seq: state.seq,
  lastMessageAt: state.stats.lastMessageAt,
  isStale: state.isStale,
});

/**
 * `{ status, error, epoch, seq, lastMessageAt, isStale }`: one object that keeps its identity while none of them
 * changed. `seq` and `lastMessageAt` move with every frame; a component that shows only whether the data may be
 * behind re-renders less with `useSnapshotSelector((state) => state.isStale)`.
 */
export function useSnapshotStatus(): SnapshotStatus {
  return useSelection('useSnapshotStatus', selectStatus, shallow);
}

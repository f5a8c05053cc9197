// "Snapshots only move forward": each read of the data source takes a ticket when it starts, and its result is
// discarded when a read of the same workspace with a later ticket has already been applied. The order is a counter
// the store assigns (`SnapshotStore.ticket()`, shared by every instance of a shared store), never a clock. A removal is
// applied like any result, so its ticket is the tombstone that keeps an older read from bringing the workspace back.
// This gate decides among the reads of this process; a shared store decides again, atomically, among every
// instance's.
import type { SnapshotStore } from './store.js';

export interface FreshnessGate {
  /** A read holding `ticket` (from the store, taken as it started) is in flight. */
  begin(ticket: number): void;
  /**
   * Whether the result of the read holding `ticket` may be applied to `key`; if so it counts as applied (whether it
   * then changes anything or is found equal).
   */
  tryApply(key: string, ticket: number): boolean;
  /** The read holding `ticket` is over (applied, discarded or failed). */
  end(ticket: number): void;
  /** Tickets still in flight, and keys whose applied ticket is remembered (for tests of the memory bound). */
  readonly size: { inFlight: number; remembered: number };
}

export function createFreshnessGate(): FreshnessGate {
  const inFlight = new Set<number>();
  const applied = new Map<string, number>();
  let sweepAt = 1024;

  /**
   * Forgets the keys applied before the oldest read in flight began: every ticket in flight or to come is later, so
   * they can decide nothing. Without this, reads that keep overlapping (the set never empties) would make the map
   * grow with every workspace ever applied. Amortized: runs when the map has doubled since the last sweep.
   */
  function sweep(): void {
    // Tickets come from the store asynchronously, so they may begin out of order: the oldest is the smallest.
    let oldest = Number.POSITIVE_INFINITY;
    for (const ticket of inFlight) oldest = Math.min(oldest, ticket);
    for (const [key, ticket] of applied) if (ticket < oldest) applied.delete(key);
    sweepAt = Math.max(1024, applied.size * 2);
  }

  return {
    begin(ticket) {
      inFlight.add(ticket);
    },
    tryApply(key, ticket) {
      const last = applied.get(key);
      if (last !== undefined && last > ticket) return false;
      if (last === undefined && applied.size >= sweepAt) sweep();
      applied.set(key, ticket);
      return true;
    },
    end(ticket) {
      inFlight.delete(ticket);
      // With no read in flight, every future ticket is later than every remembered one: they can decide nothing.
      if (inFlight.size === 0) applied.clear();
    },
    get size() {
      return { inFlight: inFlight.size, remembered: applied.size };
    },
  };
}

/** A read that starts now: its ticket, taken from the store and registered with the gate (`end` it when it is over). */
export async function beginRead(store: Pick<SnapshotStore, 'ticket'>, gate: FreshnessGate): Promise<number> {
  const ticket = await store.ticket();
  gate.begin(ticket);
  return ticket;
}

// "Snapshots only move forward": each read of the data source takes a ticket when it starts, and its result is
// discarded when a read of the same workspace with a later ticket has already been applied. The order is a counter
// the server assigns, never a clock. A removal is applied like any result, so its ticket is the tombstone that keeps
// an older read from bringing the workspace back.

export interface FreshnessGate {
  /** A ticket for a read that starts now; every ticket is later than all before it. */
  begin(): number;
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
  let counter = 0;
  /** Tickets are added in increasing order, so the first one is the oldest read in flight. */
  const inFlight = new Set<number>();
  const applied = new Map<string, number>();
  let sweepAt = 1024;

  /**
   * Forgets the keys applied before the oldest read in flight began: every ticket in flight or to come is later, so
   * they can decide nothing. Without this, reads that keep overlapping (the set never empties) would make the map
   * grow with every workspace ever applied. Amortized: runs when the map has doubled since the last sweep.
   */
  function sweep(): void {
    const oldest = inFlight.values().next().value ?? Number.POSITIVE_INFINITY;
    for (const [key, ticket] of applied) if (ticket < oldest) applied.delete(key);
    sweepAt = Math.max(1024, applied.size * 2);
  }

  return {
    begin() {
      counter += 1;
      inFlight.add(counter);
      return counter;
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

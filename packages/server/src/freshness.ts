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
  const inFlight = new Set<number>();
  const applied = new Map<string, number>();
  return {
    begin() {
      counter += 1;
      inFlight.add(counter);
      return counter;
    },
    tryApply(key, ticket) {
      const last = applied.get(key);
      if (last !== undefined && last > ticket) return false;
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

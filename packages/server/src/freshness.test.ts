import { describe, expect, it } from 'vitest';
import { createFreshnessGate as createGate } from './freshness.js';

/** The gate with tickets from a counter, as the memory store hands them out. */
function createFreshnessGate() {
  const gate = createGate();
  let counter = 0;
  return {
    ...gate,
    get size() {
      return gate.size;
    },
    begin() {
      counter += 1;
      gate.begin(counter);
      return counter;
    },
  };
}

describe('freshness', () => {
  it('counts the smallest ticket in flight as the oldest read, whatever order the reads began in', () => {
    const gate = createGate();
    gate.begin(5);
    gate.begin(3);
    gate.tryApply('w1', 4);
    gate.end(5);
    // Read 3 is still in flight and older than 4, so w1's applied ticket must still decide it.
    for (let i = 0; i < 3000; i++) gate.tryApply(`x${i}`, 4);
    expect(gate.tryApply('w1', 3)).toBe(false);
  });

  it('discards a read that started before an applied one', () => {
    const gate = createFreshnessGate();
    const slow = gate.begin();
    const fast = gate.begin();
    expect(gate.tryApply('w1', fast)).toBe(true);
    expect(gate.tryApply('w1', slow)).toBe(false);
  });

  it('applies a read that started after an applied one, and reads of other workspaces', () => {
    const gate = createFreshnessGate();
    const first = gate.begin();
    const second = gate.begin();
    expect(gate.tryApply('w1', first)).toBe(true);
    expect(gate.tryApply('w1', second)).toBe(true);
    expect(gate.tryApply('w2', first)).toBe(true);
  });

  it('keeps a removal as a tombstone, so an older read cannot bring the workspace back', () => {
    const gate = createFreshnessGate();
    const reconciliation = gate.begin();
    const removal = gate.begin();
    expect(gate.tryApply('w1', removal)).toBe(true);
    gate.end(removal);
    expect(gate.tryApply('w1', reconciliation)).toBe(false);
  });

  it('forgets everything once no read is in flight, since no later ticket can be older', () => {
    const gate = createFreshnessGate();
    const a = gate.begin();
    const b = gate.begin();
    gate.tryApply('w1', b);
    gate.end(b);
    expect(gate.size).toEqual({ inFlight: 1, remembered: 1 });
    gate.end(a);
    expect(gate.size).toEqual({ inFlight: 0, remembered: 0 });
    const c = gate.begin();
    expect(gate.tryApply('w1', c)).toBe(true);
  });

  it('forgets what no read in flight can be older than, even when reads never stop overlapping', () => {
    const gate = createFreshnessGate();
    let previous = gate.begin();
    for (let i = 0; i < 10_000; i++) {
      const next = gate.begin();
      expect(gate.tryApply(`w${i}`, previous)).toBe(true);
      gate.end(previous);
      previous = next;
    }
    expect(gate.size.inFlight).toBe(1);
    expect(gate.size.remembered).toBeLessThanOrEqual(2048);
  });

  it('keeps every tombstone a read still in flight could be older than, however many there are', () => {
    const gate = createFreshnessGate();
    const slow = gate.begin();
    for (let i = 0; i < 5000; i++) {
      const removal = gate.begin();
      gate.tryApply(`w${i}`, removal);
      gate.end(removal);
    }
    for (let i = 0; i < 5000; i++) expect(gate.tryApply(`w${i}`, slow)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { createFreshnessGate } from './freshness.js';

describe('freshness', () => {
  it('hands out ever later tickets', () => {
    const gate = createFreshnessGate();
    const a = gate.begin();
    const b = gate.begin();
    expect(b).toBeGreaterThan(a);
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

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
});

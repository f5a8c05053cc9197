import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer.js';

describe('RingBuffer', () => {
  it('keeps every item, oldest first, while under its capacity', () => {
    const ring = new RingBuffer<number>(3);
    ring.push(1);
    ring.push(2);
    expect(ring.toArray()).toEqual([1, 2]);
    expect([ring.size, ring.pushed, ring.dropped]).toEqual([2, 2, 0]);
  });

  it('keeps only the newest `capacity` items, and counts the ones it let go', () => {
    const ring = new RingBuffer<number>(3);
    for (let i = 1; i <= 10; i++) ring.push(i);
    expect(ring.toArray()).toEqual([8, 9, 10]);
    expect([ring.size, ring.pushed, ring.dropped]).toEqual([3, 10, 7]);
  });

  it('empties on clear, and counts what was cleared as let go', () => {
    const ring = new RingBuffer<number>(2);
    ring.push(1);
    ring.push(2);
    ring.clear();
    expect(ring.toArray()).toEqual([]);
    ring.push(3);
    expect(ring.toArray()).toEqual([3]);
    expect(ring.dropped).toBe(2);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a capacity of %s', (capacity) => {
    expect(() => new RingBuffer(capacity)).toThrow(RangeError);
  });
});

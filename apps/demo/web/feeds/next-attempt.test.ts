import type { InspectionEvent } from '@livesnap/client';
import { describe, expect, it } from 'vitest';
import { nextAttemptAt } from './next-attempt.js';

type Transition = Extract<InspectionEvent, { type: 'transition' }>;
const transition = (cause: Transition['cause'], status: Transition['status'] = 'reconnecting'): Transition => ({
  type: 'transition',
  at: 0,
  status,
  cause,
});

describe('nextAttemptAt', () => {
  it('is the delay a disconnect names after the moment it was heard', () => {
    const lost = transition({ kind: 'disconnect', code: 1006, message: 'lost', retryInMs: 2_500 });
    expect(nextAttemptAt(lost, 10_000)).toBe(12_500);
  });

  it('is null after a disconnect that stopped the client, and after any other transition', () => {
    const stopped = transition({ kind: 'disconnect', code: 4403, message: 'forbidden', retryInMs: null }, 'closed');
    expect(nextAttemptAt(stopped, 10_000)).toBeNull();
    expect(nextAttemptAt(transition({ kind: 'connect' }, 'connecting'), 10_000)).toBeNull();
    expect(nextAttemptAt(transition({ kind: 'wake', action: 'retry' }), 10_000)).toBeNull();
  });
});

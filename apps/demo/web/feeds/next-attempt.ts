// When the client's next connection attempt is due: read from its inspection events (a disconnect names the delay
// before the next attempt), since its state says only that it is reconnecting.
import type { InspectionEvent } from '@livesnap/client';
import { useSnapshotClient } from '@livesnap/react';
import { useEffect, useState } from 'react';

type Transition = Extract<InspectionEvent, { type: 'transition' }>;

/**
 * The next attempt's time after `transition`, heard at `heardAt` (ms, `Date.now()`'s clock): a disconnect that retries
 * sets it; any other transition clears it (a connect, a hello, a stop, a wake that retries at once).
 */
export function nextAttemptAt(transition: Transition, heardAt: number): number | null {
  const { cause } = transition;
  return cause.kind === 'disconnect' && cause.retryInMs !== null ? heardAt + cause.retryInMs : null;
}

/**
 * When the nearest provider's client will try to connect again, or null when no attempt is waiting. It listens to the
 * client's inspection hook, so the client describes each frame (as it does for the devtools panel).
 */
export function useNextAttemptAt(): number | null {
  const client = useSnapshotClient();
  const [at, setAt] = useState<number | null>(null);
  useEffect(() => {
    setAt(null);
    return client.inspect((event) => {
      if (event.type === 'transition') setAt(nextAttemptAt(event, Date.now()));
    });
  }, [client]);
  return at;
}

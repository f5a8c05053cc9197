// The countdown to the client's next connection attempt: what it says at a given moment (a pure function), and a hook
// that re-renders its caller each time that changes, until the attempt is due.
import { useEffect, useReducer } from 'react';

/** `retrying in 3 s` (whole seconds, rounded up), or `retrying now` once the attempt is due. */
export function retryLabel(retryAt: number, now: number): string {
  const seconds = Math.ceil((retryAt - now) / 1000);
  return seconds > 0 ? `retrying in ${seconds} s` : 'retrying now';
}

/** `retryLabel(retryAt, Date.now())`, kept current: a timer re-renders the caller when the whole seconds left drop. */
export function useRetryLabel(retryAt: number): string {
  const [, tick] = useReducer((n: number) => n + 1, 0);
  const left = retryAt - Date.now();
  // After every render (a render for another reason re-arms it), until the attempt is due.
  useEffect(() => {
    if (left <= 0) return;
    const timer = setTimeout(tick, left % 1000 || 1000);
    return () => clearTimeout(timer);
  });
  return retryLabel(retryAt, retryAt - left);
}

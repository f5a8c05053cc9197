// One shared clock for the ages in the workspace table: it ticks once a second while someone reads it, and a cell
// re-renders only when its text changes (an age in minutes stays put for a minute), so a tick touches few cells.
import { useSyncExternalStore } from 'react';

const TICK_MS = 1_000;
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const each of [...listeners]) each();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/**
 * `label(now)`, kept current once a second while any component reads the clock. The caller re-renders only when the
 * label it gets changes: React compares the strings, so a tick that leaves a text as it was renders nothing.
 */
export function useClockLabel(label: (now: number) => string): string {
  const read = () => label(now);
  return useSyncExternalStore(subscribe, read, read);
}

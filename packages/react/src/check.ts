// Checks of the arguments of the bridge's functions, where they enter: a failure names the argument, what it must be
// and what it got (`livePollingInterval: ms must be an integer ≥ 1 and ≤ 2147483647, got 0 (number)`).
import type { SnapshotClient } from '@livesnap/client';

/** The longest interval timers keep (2^31 − 1 ms); `setInterval` fires at once for anything longer. */
const MAX_DELAY_MS = 2 ** 31 - 1;

function shown(value: unknown): string {
  if (typeof value === 'string') return `${JSON.stringify(value)} (string)`;
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'function' || typeof value === 'object')
    return `a ${Array.isArray(value) ? 'array' : typeof value}`;
  return `${String(value)} (${typeof value})`;
}

export function refuse(where: string, name: string, expected: string, value: unknown, Kind = TypeError): never {
  throw new Kind(`${where}: ${name} must ${expected}, got ${shown(value)}`);
}

export function checkDuration(where: string, name: string, value: unknown, min: number): number {
  const expected = `be an integer ≥ ${min} and ≤ ${MAX_DELAY_MS}`;
  if (typeof value !== 'number') refuse(where, name, expected, value);
  if (!Number.isInteger(value) || value < min || value > MAX_DELAY_MS) refuse(where, name, expected, value, RangeError);
  return value;
}

export function checkClient(where: string, value: unknown): SnapshotClient {
  const store = (value as { store?: { subscribe?: unknown; getState?: unknown } } | null)?.store;
  if (typeof store?.subscribe !== 'function' || typeof store.getState !== 'function') {
    refuse(where, 'client', 'be a SnapshotClient (from createSnapshotClient)', value);
  }
  return value as SnapshotClient;
}

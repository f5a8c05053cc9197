// What the panel remembers across reloads: whether it is open and which corner its button sits in, kept in
// localStorage under one key (in memory where storage is missing or refuses, as in some private windows).
import { useCallback, useMemo, useSyncExternalStore } from 'react';

export const POSITIONS = ['bottom-right', 'bottom-left', 'top-right', 'top-left'] as const;
/** The corner of the toggle button (the panel opens from it). */
export type DevtoolsPosition = (typeof POSITIONS)[number];

export interface DevtoolsSettings {
  readonly open: boolean;
  readonly position: DevtoolsPosition;
}

/** The stored settings, field by field: a field missing or not understood takes its default. */
export function parseSettings(raw: string | null, defaults: DevtoolsSettings): DevtoolsSettings {
  let stored: unknown = null;
  try {
    stored = raw === null ? null : JSON.parse(raw);
  } catch {
    // Written by something else: the defaults, until the user changes a setting.
  }
  const record = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  return {
    open: typeof record.open === 'boolean' ? record.open : defaults.open,
    position: POSITIONS.includes(record.position as DevtoolsPosition)
      ? (record.position as DevtoolsPosition)
      : defaults.position,
  };
}

/** Values that storage refused (or where there is none): they serve this page instead. */
const memory = new Map<string, string>();
const listeners = new Set<() => void>();

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // A browser with storage disabled throws on the mere read of `localStorage`.
    return null;
  }
}

function readRaw(key: string): string | null {
  const kept = memory.get(key);
  if (kept !== undefined) return kept;
  try {
    return storage()?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function writeRaw(key: string, value: string): void {
  try {
    const store = storage();
    if (store === null) throw new Error('no localStorage');
    store.setItem(key, value);
    memory.delete(key);
  } catch {
    // Full, refused or missing: the copy in memory serves this page.
    memory.set(key, value);
  }
  for (const listener of [...listeners]) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab's change (the `storage` event fires only in the other tabs).
  if (typeof window !== 'undefined') window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    if (typeof window !== 'undefined') window.removeEventListener('storage', listener);
  };
}

/**
 * The settings under `key` and a function that changes some of them. Server rendering and hydration use the
 * defaults; the stored ones apply right after.
 */
export function useSettings(
  key: string,
  defaults: DevtoolsSettings,
): [DevtoolsSettings, (change: Partial<DevtoolsSettings>) => void] {
  const { open, position } = defaults;
  const raw = useSyncExternalStore(
    subscribe,
    () => readRaw(key),
    () => null,
  );
  const settings = useMemo(() => parseSettings(raw, { open, position }), [raw, open, position]);
  const change = useCallback(
    (patch: Partial<DevtoolsSettings>) => {
      writeRaw(key, JSON.stringify({ ...parseSettings(readRaw(key), { open, position }), ...patch }));
    },
    [key, open, position],
  );
  return [settings, change];
}

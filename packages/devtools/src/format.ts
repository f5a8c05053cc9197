// How the panel writes what it shows: sizes, times, ages, a transition's cause, a field's value. Pure functions.
import type { InspectionCause, SnapshotClientState } from '@livesnap/client';

/** `512 B`, `1.4 KB`, `2.1 MB` (1 KB = 1,024 bytes). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The local time of day with milliseconds: `14:03:27.081`. */
export function formatTime(at: number): string {
  const d = new Date(at);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** How long ago, coarsely: `4 s`, `12 min`, `3 h`, `2 d` (a clock set back shows `0 s`). */
export function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86_400)} d`;
}

/** One line for a timeline: what happened and, for a disconnect, what comes next. */
export function describeCause(cause: InspectionCause): string {
  switch (cause.kind) {
    case 'connect':
      return 'connect()';
    case 'close':
      return 'close()';
    case 'hello': {
      const kind = cause.resumed ? 'resumed hello' : `full hello, ${cause.workspaces ?? 0} workspaces`;
      const from = cause.instance === null ? '' : ` from ${cause.instance}`;
      return `${kind}${from} (epoch ${cause.epoch}, seq ${cause.seq})`;
    }
    case 'resync':
      return 'resync sent: waiting for the full hello';
    case 'wake':
      return cause.action === 'retry' ? 'page woke up: retrying at once' : 'page woke up: ping to check the connection';
    case 'disconnect': {
      const next = cause.retryInMs === null ? 'stopped' : `retry in ${Math.round(cause.retryInMs)} ms`;
      // A close code's message names it already ("abnormal closure (1006)"); the client's own codes are prefixed.
      const message = typeof cause.code === 'number' ? cause.message : `${cause.code}: ${cause.message}`;
      return `${message}; ${next}`;
    }
  }
}

/**
 * Where the data shown came from, and how old the saved copy was when it was loaded: `storage (saved 12 s before)`,
 * `resumed hello, from storage (saved 12 s before)`, `full hello`; `—` before any data.
 */
export function describeOrigin({ origin, restored }: Pick<SnapshotClientState, 'origin' | 'restored'>): string {
  if (origin === null) return '—';
  const copy = restored === null ? '' : `storage (saved ${formatAge(restored.ageMs)} before)`;
  if (origin === 'persisted') return copy;
  const hello = origin === 'resumed' ? 'resumed hello' : 'full hello';
  // A full hello replaced the copy; a resumed one brought it up to date.
  return origin === 'resumed' && copy !== '' ? `${hello}, from ${copy}` : hello;
}

/** A snapshot field's value in a table cell: `—` for null, `+12 −3` for git stats, the rest as text. */
export function formatField(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'object') return String(value);
  const record = value as Record<string, unknown>;
  if (typeof record.additions === 'number' && typeof record.deletions === 'number') {
    return `+${record.additions} −${record.deletions}${record.hasUncommitted === true ? ' *' : ''}`;
  }
  return Object.values(record).map(String).join(' / ');
}

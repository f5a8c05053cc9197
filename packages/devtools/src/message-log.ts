// The live message log: every frame in and out (time, direction, type, seq, workspaces, size), newest first, pausable
// and filterable. It keeps at most its limit (a ring buffer in the recorder) and re-renders at most once a frame.
import { createElement as h, memo, useDeferredValue, useMemo, useState } from 'react';
import { formatBytes, formatTime } from './format.js';
import { newestFirst, ScrollTable, Section } from './layout.js';
import type { DevtoolsRecorder, DevtoolsView, LogEntry } from './recorder.js';
import { useView } from './use-view.js';

const selectLog = (view: DevtoolsView) => view.log;
const selectDropped = (view: DevtoolsView) => view.logDropped;
const selectPaused = (view: DevtoolsView) => view.paused;
const selectSincePaused = (view: DevtoolsView) => view.sincePaused;

/** A frame's type as the log shows it: an undecodable one as `invalid (code)`. */
export function entryType(entry: LogEntry): string {
  if (entry.type === 'frame-out') return entry.frameType;
  return entry.frameType ?? `invalid (${entry.error?.code ?? 'unknown'})`;
}

/** Whether the entry's type or one of its workspaces contains `filter` (any case). */
export function matchesFilter(entry: LogEntry, filter: string): boolean {
  if (filter === '') return true;
  const needle = filter.toLowerCase();
  if (entryType(entry).toLowerCase().includes(needle)) return true;
  return entry.type === 'frame-in' && entry.workspaceIds.some((id) => id.toLowerCase().includes(needle));
}

/** At most this many workspace ids in a row (a batch may carry hundreds). */
const IDS_SHOWN = 3;

const LogRow = memo(function LogRow({ entry }: { entry: LogEntry }) {
  const ids = entry.type === 'frame-in' ? entry.workspaceIds : [];
  const more = ids.length > IDS_SHOWN ? ` +${ids.length - IDS_SHOWN}` : '';
  const error = entry.type === 'frame-in' ? entry.error : null;
  return h(
    'tr',
    null,
    h('td', null, formatTime(entry.at)),
    h('td', null, entry.type === 'frame-in' ? 'in' : 'out'),
    h('td', error === null ? null : { className: 'lsd-error', title: error.reason }, entryType(entry)),
    h('td', null, entry.type === 'frame-in' && entry.seq !== null ? entry.seq : '—'),
    h('td', null, ids.length === 0 ? '—' : ids.slice(0, IDS_SHOWN).join(', ') + more),
    h('td', null, formatBytes(entry.bytes)),
  );
});

export function MessageLog({ recorder, limit }: { recorder: DevtoolsRecorder; limit: number }) {
  const log = useView(recorder, selectLog);
  const dropped = useView(recorder, selectDropped);
  const paused = useView(recorder, selectPaused);
  const sincePaused = useView(recorder, selectSincePaused);
  const [filter, setFilter] = useState('');
  // Typing stays responsive while a long log is filtered.
  const deferredFilter = useDeferredValue(filter.trim());
  const shown = useMemo(
    () => (deferredFilter === '' ? log : log.filter((entry) => matchesFilter(entry, deferredFilter))),
    [log, deferredFilter],
  );
  const kept = `${log.length} of at most ${limit} frames kept${dropped > 0 ? `, ${dropped} older ones let go` : ''}`;
  return h(
    Section,
    { title: 'Messages' },
    h(
      'div',
      { className: 'lsd-row' },
      h(
        'button',
        { type: 'button', 'aria-pressed': paused, onClick: () => recorder.setPaused(!paused) },
        paused ? 'Resume' : 'Pause',
      ),
      h('button', { type: 'button', onClick: () => recorder.clearLog() }, 'Clear'),
      h('input', {
        type: 'search',
        value: filter,
        placeholder: 'filter: type or workspace',
        'aria-label': 'filter messages by type or workspace',
        onChange: (event: { target: { value: string } }) => setFilter(event.target.value),
      }),
      h('span', { className: 'lsd-note', role: 'note' }, paused ? `paused: ${sincePaused} new since; ${kept}` : kept),
    ),
    h(ScrollTable, {
      caption: `frames, newest first${deferredFilter === '' ? '' : ` matching "${deferredFilter}"`} (${shown.length})`,
      columns: ['time', 'dir', 'type', 'seq', 'workspace', 'size'],
      rows: newestFirst(shown, (entry) => h(LogRow, { key: entry.id, entry })),
    }),
  );
}

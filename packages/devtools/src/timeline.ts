// The connection's transitions, newest first, each with its status and cause. Re-renders only when one is added.
import { createElement as h, memo } from 'react';
import { describeCause, formatTime } from './format.js';
import { newestFirst, ScrollTable, Section } from './layout.js';
import type { DevtoolsRecorder, DevtoolsView, TimelineEntry } from './recorder.js';
import { useView } from './use-view.js';

const selectTimeline = (view: DevtoolsView) => view.timeline;

const TransitionRow = memo(function TransitionRow({ entry }: { entry: TimelineEntry }) {
  return h(
    'tr',
    null,
    h('td', null, formatTime(entry.at)),
    h('td', null, h('span', { className: 'lsd-status', 'data-status': entry.status }, entry.status)),
    h('td', null, entry.cause.kind),
    h('td', { className: 'lsd-wrap' }, describeCause(entry.cause)),
  );
});

export function Timeline({ recorder }: { recorder: DevtoolsRecorder }) {
  const timeline = useView(recorder, selectTimeline);
  return h(
    Section,
    { title: 'Timeline' },
    h(ScrollTable, {
      caption: `transitions, newest first (the last ${timeline.length})`,
      columns: ['time', 'status', 'cause', 'details'],
      rows: newestFirst(timeline, (entry) => h(TransitionRow, { key: entry.id, entry })),
    }),
  );
}

// The connection at a glance: its status and why, the epoch, seq and serving instance, where the data came from (a
// saved copy and its age, a resumed or a full hello), the client's counters, and the
// actions (resync, drop, reconnect). Re-renders at most once a frame, with the client's state.
import type { SnapshotClient, SnapshotClientState } from '@livesnap/client';
import { createElement as h, type ReactNode } from 'react';
import { describeOrigin, formatTime } from './format.js';
import { Section } from './layout.js';
import type { DevtoolsRecorder, DevtoolsView } from './recorder.js';
import { useView } from './use-view.js';

const selectState = (view: DevtoolsView) => view.state;
const selectHello = (view: DevtoolsView) => view.hello;

const COUNTERS: readonly [keyof SnapshotClientState['stats'], string][] = [
  ['messages', 'messages'],
  ['gaps', 'gaps'],
  ['resyncs', 'resyncs'],
  ['reconnects', 'reconnects'],
  ['resumed', 'resumed'],
  ['invalidFrames', 'invalid frames'],
];

/** A `<dt>`/`<dd>` pair of a fact list, kept together in its grid cell. */
function fact(term: string, value: ReactNode): ReactNode {
  return h('div', { key: term }, h('dt', null, term), h('dd', null, value));
}

export function ConnectionSection({ recorder, client }: { recorder: DevtoolsRecorder; client: SnapshotClient }) {
  const state = useView(recorder, selectState);
  const hello = useView(recorder, selectHello);
  const { status, error, isStale, epoch, seq, stats } = state;
  return h(
    Section,
    { title: 'Connection' },
    h(
      'div',
      { className: 'lsd-row' },
      h(
        'span',
        { className: 'lsd-status', 'data-status': status, role: 'status', 'aria-label': 'connection status' },
        isStale ? `${status} (stale)` : status,
      ),
      error === null ? null : h('span', { className: 'lsd-note' }, `error ${error.code}: ${error.message}`),
    ),
    h(
      'dl',
      { className: 'lsd-facts', 'aria-label': 'connection facts' },
      fact('epoch', epoch ?? '—'),
      fact('seq', seq ?? '—'),
      fact('instance', hello === null ? '—' : (hello.instance ?? 'not named')),
      fact('data from', describeOrigin(state)),
      fact('last frame', stats.lastMessageAt === null ? '—' : formatTime(stats.lastMessageAt)),
      COUNTERS.map(([key, term]) => fact(term, stats[key])),
    ),
    h(
      'div',
      { className: 'lsd-row', role: 'group', 'aria-label': 'connection actions' },
      h(
        'button',
        { type: 'button', onClick: () => client.resync(), title: 'ask the server for its full state' },
        'Resync',
      ),
      h(
        'button',
        { type: 'button', onClick: () => client.drop(), title: 'abandon the socket as a network loss would' },
        'Drop connection',
      ),
      h('button', { type: 'button', onClick: () => client.reconnect(), title: 'close, then connect' }, 'Reconnect'),
    ),
  );
}

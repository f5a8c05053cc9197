// The workspaces the client holds: id, version, source, the age of computedAt and the chosen visible fields, a row
// each; a click on an id shows that snapshot whole, as JSON, kept current. It reads only the client's workspaces, so
// frames that change nothing (pongs, duplicates) and the log's growth do not re-render it; rows are memoized by
// snapshot, and only the age cells whose text changes re-render as the clock ticks.
import type { WorkspaceSnapshot } from '@livesnap/protocol';
import { createElement as h, memo, useDeferredValue, useMemo, useState } from 'react';
import { useClockLabel } from './clock.js';
import { formatAge, formatField } from './format.js';
import { ScrollTable, Section } from './layout.js';
import type { DevtoolsRecorder, DevtoolsView } from './recorder.js';
import { useView } from './use-view.js';

/** A field a user can see (not the id or the metadata): a column the table can show. */
export type WorkspaceField = Exclude<keyof WorkspaceSnapshot, 'workspaceId' | 'version' | 'computedAt' | 'source'>;

/** The columns shown by default: what the sidebar and the board show. */
export const DEFAULT_FIELDS: readonly WorkspaceField[] = [
  'name',
  'status',
  'kanbanColumn',
  'sidebarStatus',
  'prNumber',
  'prState',
  'pendingRequestType',
  'gitStats',
];

/** Rows rendered at most (a project may hold thousands of workspaces): the filter finds the others. */
export const TABLE_ROW_LIMIT = 200;

const selectWorkspaces = (view: DevtoolsView) => view.state.workspaces;

/**
 * The age of `computedAt`, in a box of its own size (styles.ts's `lsd-age`): its text changes each second for a minute,
 * and the table around it is not laid out again for that.
 */
function Age({ computedAt }: { computedAt: string }) {
  const at = useMemo(() => Date.parse(computedAt), [computedAt]);
  const age = useClockLabel((now) => formatAge(now - at));
  return h('span', { className: 'lsd-age' }, age);
}

const WorkspaceRow = memo(function WorkspaceRow({
  snapshot,
  fields,
  selected,
  onSelect,
}: {
  snapshot: WorkspaceSnapshot;
  fields: readonly WorkspaceField[];
  selected: boolean;
  onSelect: (id: string | null) => void;
}) {
  const id = snapshot.workspaceId;
  return h(
    'tr',
    null,
    h(
      'th',
      { scope: 'row' },
      h(
        'button',
        {
          type: 'button',
          'aria-pressed': selected,
          title: 'show as JSON',
          onClick: () => onSelect(selected ? null : id),
        },
        id,
      ),
    ),
    h('td', null, snapshot.version),
    h('td', null, snapshot.source),
    h('td', { title: snapshot.computedAt }, h(Age, { computedAt: snapshot.computedAt })),
    fields.map((field) => h('td', { key: field }, formatField(snapshot[field]))),
  );
});

function SnapshotJson({ snapshot, onClose }: { snapshot: WorkspaceSnapshot; onClose: () => void }) {
  return h(
    'section',
    { 'aria-label': `snapshot ${snapshot.workspaceId} as JSON` },
    h(
      'div',
      { className: 'lsd-row' },
      h('strong', null, snapshot.workspaceId),
      h('button', { type: 'button', onClick: onClose }, 'Close JSON'),
    ),
    h('pre', { className: 'lsd-json' }, JSON.stringify(snapshot, null, 2)),
  );
}

export function WorkspaceTable({
  recorder,
  fields,
}: {
  recorder: DevtoolsRecorder;
  fields: readonly WorkspaceField[];
}) {
  const workspaces = useView(recorder, selectWorkspaces);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const needle = useDeferredValue(filter.trim().toLowerCase());
  const matching = useMemo(() => {
    const list = workspaces.list;
    if (needle === '') return list;
    return list.filter((w) => w.workspaceId.toLowerCase().includes(needle) || w.name.toLowerCase().includes(needle));
  }, [workspaces, needle]);
  const shown = matching.length > TABLE_ROW_LIMIT ? matching.slice(0, TABLE_ROW_LIMIT) : matching;
  const selected = selectedId === null ? undefined : workspaces.get(selectedId);
  const of = matching.length > shown.length ? `the first ${shown.length} of ${matching.length}` : `${shown.length}`;
  return h(
    Section,
    { title: 'Workspaces' },
    h(
      'div',
      { className: 'lsd-row' },
      h('input', {
        type: 'search',
        value: filter,
        placeholder: 'filter: id or name',
        'aria-label': 'filter workspaces by id or name',
        onChange: (event: { target: { value: string } }) => setFilter(event.target.value),
      }),
      h('span', { className: 'lsd-note' }, `${workspaces.size} held`),
    ),
    h(ScrollTable, {
      caption: `workspaces in list order: ${of}; click an id for its JSON`,
      columns: ['id', 'version', 'source', 'age', ...fields],
      rows: shown.map((snapshot) =>
        h(WorkspaceRow, {
          key: snapshot.workspaceId,
          snapshot,
          fields,
          selected: snapshot.workspaceId === selectedId,
          onSelect: setSelectedId,
        }),
      ),
    }),
    selected === undefined ? null : h(SnapshotJson, { snapshot: selected, onClose: () => setSelectedId(null) }),
  );
}

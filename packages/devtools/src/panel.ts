// The open panel: a header (where the button sits, close) over the sections: connection, timeline, messages,
// workspaces. Each section reads its own part of the recorder's view.
import type { SnapshotClient } from '@livesnap/client';
import { createElement as h, type ReactNode } from 'react';
import { ConnectionSection } from './connection-section.js';
import { MessageLog } from './message-log.js';
import type { DevtoolsRecorder } from './recorder.js';
import { type DevtoolsPosition, POSITIONS } from './settings.js';
import { Timeline } from './timeline.js';
import { type WorkspaceField, WorkspaceTable } from './workspace-table.js';

export interface PanelProps {
  readonly id: string;
  readonly client: SnapshotClient;
  readonly recorder: DevtoolsRecorder;
  readonly position: DevtoolsPosition;
  readonly logLimit: number;
  readonly fields: readonly WorkspaceField[];
  onPosition(position: DevtoolsPosition): void;
  onClose(): void;
}

export function Panel(props: PanelProps): ReactNode {
  const { id, client, recorder, position } = props;
  return h(
    'aside',
    { id, className: 'lsd-panel', 'data-position': position, 'aria-label': 'Livesnap devtools' },
    h(
      'div',
      { className: 'lsd-header' },
      h('h2', null, 'Livesnap devtools'),
      h(
        'label',
        null,
        'button ',
        h(
          'select',
          {
            value: position,
            'aria-label': 'button position',
            onChange: (event: { target: { value: string } }) =>
              props.onPosition(event.target.value as DevtoolsPosition),
          },
          POSITIONS.map((each) => h('option', { key: each, value: each }, each.replace('-', ' '))),
        ),
      ),
      h('button', { type: 'button', onClick: props.onClose, 'aria-label': 'close the devtools panel' }, '×'),
    ),
    h(ConnectionSection, { recorder, client }),
    h(Timeline, { recorder }),
    h(MessageLog, { recorder, limit: props.logLimit }),
    h(WorkspaceTable, { recorder, fields: props.fields }),
  );
}

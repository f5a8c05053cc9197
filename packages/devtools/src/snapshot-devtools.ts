// <SnapshotDevtools />: a floating button that opens the panel, for the client of the nearest SnapshotProvider (or
// the one given). It records from the moment it mounts, open or not, so the panel shows what happened before it
// was opened; the open state and the button's corner are remembered across reloads.
import type { SnapshotClient } from '@livesnap/client';
import { useSnapshotClient } from '@livesnap/react';
import { createElement as h, type ReactNode, useEffect, useId, useMemo, useSyncExternalStore } from 'react';
import { Panel } from './panel.js';
import { createDevtoolsRecorder, DEFAULT_LOG_LIMIT } from './recorder.js';
import { type DevtoolsPosition, useSettings } from './settings.js';
import { STYLESHEET } from './styles.js';
import { DEFAULT_FIELDS, type WorkspaceField } from './workspace-table.js';

export interface SnapshotDevtoolsProps {
  /** The client to inspect (default: the nearest `SnapshotProvider`'s). */
  client?: SnapshotClient;
  /** Whether the panel is open until the user opens or closes it (then their choice is remembered). Default false. */
  initialIsOpen?: boolean;
  /** The button's corner until the user picks one (then their choice is remembered). Default `bottom-right`. */
  buttonPosition?: DevtoolsPosition;
  /** How many frames the message log keeps, the oldest let go first. Default 500. */
  logLimit?: number;
  /** The visible fields the workspace table shows as columns (the JSON view shows every field). */
  fields?: readonly WorkspaceField[];
  /** The localStorage key of the remembered open state and corner (one per panel, when there are several). */
  storageKey?: string;
  /** A nonce for the injected `<style>`, for a Content-Security-Policy that requires one. */
  styleNonce?: string;
}

export const DEFAULT_STORAGE_KEY = 'livesnap-devtools';

export function SnapshotDevtools(props: SnapshotDevtoolsProps): ReactNode {
  if (props.client !== undefined) return h(Devtools, { ...props, client: props.client });
  return h(ProviderDevtools, props);
}

/** Outside every provider, `useSnapshotClient` throws an error that names the provider it needs. */
function ProviderDevtools(props: SnapshotDevtoolsProps) {
  return h(Devtools, { ...props, client: useSnapshotClient() });
}

function Devtools({
  client,
  initialIsOpen = false,
  buttonPosition = 'bottom-right',
  logLimit = DEFAULT_LOG_LIMIT,
  fields = DEFAULT_FIELDS,
  storageKey = DEFAULT_STORAGE_KEY,
  styleNonce,
}: SnapshotDevtoolsProps & { client: SnapshotClient }) {
  if (!Number.isInteger(logLimit) || logLimit < 1) {
    throw new RangeError(`<SnapshotDevtools> logLimit must be an integer ≥ 1, got ${String(logLimit)}`);
  }
  const recorder = useMemo(() => createDevtoolsRecorder(client, { logLimit }), [client, logLimit]);
  useEffect(() => recorder.start(), [recorder]);
  const [settings, change] = useSettings(storageKey, { open: initialIsOpen, position: buttonPosition });
  // The button shows the status: it re-renders when the status changes, not with every frame.
  const status = useSyncExternalStore(
    client.store.subscribe,
    () => client.store.getState().status,
    () => client.store.getState().status,
  );
  const panelId = useId();
  const { open, position } = settings;
  return h(
    'div',
    { className: 'lsd-root' },
    h('style', { nonce: styleNonce }, STYLESHEET),
    h(
      'button',
      {
        type: 'button',
        className: 'lsd-toggle',
        'data-position': position,
        'data-status': status,
        'aria-label': 'Livesnap devtools',
        'aria-expanded': open,
        'aria-controls': panelId,
        title: `Livesnap devtools (${status})`,
        onClick: () => change({ open: !open }),
      },
      h('span', { className: 'lsd-status', 'data-status': status, 'aria-hidden': true }, 'LS'),
    ),
    open
      ? h(Panel, {
          id: panelId,
          client,
          recorder,
          position,
          logLimit,
          fields,
          onPosition: (next) => change({ position: next }),
          onClose: () => change({ open: false }),
        })
      : null,
  );
}

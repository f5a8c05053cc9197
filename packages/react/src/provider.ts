// SnapshotProvider: hands a client to the hooks below it, either one it is given or one it makes and owns. Written
// with createElement, not JSX: the package ships its TypeScript source, whatever JSX setting its user compiles with.
import type { SnapshotClient } from '@livesnap/client';
import { createElement, type ReactNode, useMemo } from 'react';
import { selectorsOf } from './client-selectors.js';
import { SnapshotContext } from './context.js';
import { type OwnedClientOptions, useOwnedClient } from './owned-client.js';

/** A client given, or the options of one the provider makes: never both. */
export type SnapshotProviderProps = { children?: ReactNode } & (
  | ({ client: SnapshotClient } & { [option in keyof OwnedClientOptions]?: never })
  | (OwnedClientOptions & { client?: undefined })
);

/**
 * `<SnapshotProvider client={client}>`: the hooks below read `client`, which the caller connects and closes.
 * `<SnapshotProvider url projectId token? WebSocket? …>`: the provider makes its own client (closed during render, so
 * server rendering opens nothing), connects it in an effect and closes it on unmount; a new `projectId`, string `url`
 * or `WebSocket` makes a new client. The nearest provider wins, so several can sit side by side.
 */
export function SnapshotProvider(props: SnapshotProviderProps): ReactNode {
  if (props.client !== undefined) return createElement(ClientProvider, { client: props.client }, props.children);
  return createElement(OwningProvider, props);
}

function ClientProvider({ client, children }: { client: SnapshotClient; children?: ReactNode }) {
  const value = useMemo(() => ({ client, selectors: selectorsOf(client) }), [client]);
  return createElement(SnapshotContext.Provider, { value }, children);
}

function OwningProvider({
  children,
  client: _none,
  ...options
}: OwnedClientOptions & { client?: undefined; children?: ReactNode }) {
  const client = useOwnedClient(options);
  return createElement(ClientProvider, { client }, children);
}

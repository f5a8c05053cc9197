// The client of a provider that owns it: made during render but closed (so that server rendering and StrictMode's
// extra renders make nothing but an object: no socket, no timer), connected in an effect, closed after its cleanup.
import { createSnapshotClient, type SnapshotClient, type SnapshotClientOptions } from '@livesnap/client';
import { type RefObject, useEffect, useRef, useState } from 'react';

/** The client options a provider takes: every option of `createSnapshotClient` but `startClosed` (it connects itself). */
export type OwnedClientOptions = Omit<SnapshotClientOptions, 'startClosed'>;

/**
 * What makes another client when it changes: the project, a string URL, the WebSocket class, whether there is a
 * token, and the namespace it persists under (another user). A token, a URL function and `onError` are read from the
 * latest props when used; the other options (timers, backoff, heartbeat, persist's storage, …) when the client is made.
 */
type Identity = readonly [
  projectId: string,
  url: string | null,
  WebSocket: unknown,
  hasToken: boolean,
  namespace: string | null,
];

function identityOf(options: OwnedClientOptions): Identity {
  return [
    options.projectId,
    typeof options.url === 'string' ? options.url : null,
    options.WebSocket,
    options.token !== undefined,
    options.persist?.namespace ?? null,
  ];
}

const sameIdentity = (a: Identity, b: Identity) => a.every((value, i) => value === b[i]);

interface Owned {
  readonly identity: Identity;
  readonly client: SnapshotClient;
}

function makeOwned(options: OwnedClientOptions, latest: RefObject<OwnedClientOptions>): Owned {
  const { url, token, onError, ...rest } = options;
  const client = createSnapshotClient({
    ...rest,
    // Where there is no page (server rendering), a relative URL cannot be checked yet; the client never connects there.
    url: typeof url === 'string' ? (typeof location === 'undefined' ? () => url : url) : () => readUrl(latest.current),
    token: token === undefined ? undefined : () => readToken(latest.current, token),
    onError: (error) => latest.current.onError?.(error),
    startClosed: true,
  });
  return { identity: identityOf(options), client };
}

function readUrl(options: OwnedClientOptions): string {
  return typeof options.url === 'function' ? options.url() : options.url;
}

function readToken(options: OwnedClientOptions, fallback: NonNullable<OwnedClientOptions['token']>) {
  const token = options.token ?? fallback;
  return typeof token === 'function' ? token() : token;
}

/** The provider's own client: a new one when the identity changes; connected while mounted. */
export function useOwnedClient(options: OwnedClientOptions): SnapshotClient {
  const latest = useRef(options);
  const [owned, setOwned] = useState(() => makeOwned(options, latest));
  let current = owned;
  if (!sameIdentity(owned.identity, identityOf(options))) {
    // React's pattern for state derived from props: it renders again at once with the new client.
    current = makeOwned(options, latest);
    setOwned(current);
  }
  // Declared before the connecting effect, so that a token or URL read while connecting is the latest one.
  useEffect(() => {
    latest.current = options;
  });
  const { client } = current;
  // StrictMode runs the effect, its cleanup and the effect again, at once: the close waits a microtask, and the
  // connect that comes first cancels it, so that the double run costs no reconnect and no stale data on screen.
  const closing = useRef<SnapshotClient | null>(null);
  useEffect(() => {
    if (closing.current === client) closing.current = null;
    client.connect();
    return () => {
      closing.current = client;
      queueMicrotask(() => {
        if (closing.current !== client) return;
        closing.current = null;
        client.close();
      });
    };
  }, [client]);
  return client;
}

// A legacy component's `refetchInterval` that polls only while the stream is down: false while the client is live,
// the old interval once it has been down for longer than a grace period, false again once it is back.
import type { SnapshotClient, SnapshotClientState } from '@livesnap/client';
import { checkClient, checkDuration } from '../check.js';

export interface LivePollingOptions {
  /** How long the stream may be down before polling starts again (default 5,000 ms): a blip polls nothing. */
  graceMs?: number;
}

/**
 * Whether one client's stream has been down past one grace period, and the queries whose interval depends on it.
 * TanStack Query reads a `refetchInterval` function only when something happens to the query or its options, so
 * when the answer changes each of those queries' observers is given its options again (what a re-render does),
 * which makes it read the interval anew.
 */
interface DownWatch {
  polling: boolean;
  readonly queries: Set<ObservedQuery>;
}

/**
 * What the interval function needs of TanStack Query's `Query`: its observers, to have them read their interval
 * again. Structural, so that a `Query` of any data type fits, and no code of TanStack Query is imported.
 */
export interface ObservedQuery {
  readonly observers: readonly { readonly options: object; setOptions(options: never): void }[];
}

/**
 * Live: a hello came on the current connection. The status, not `isStale`, with a grace of our own: `graceMs` then
 * means what it says whatever the client's `staleAfterMs`, and a connection that goes silent is no exception, since
 * the heartbeat drops it (status `reconnecting`) no later than `isStale` could mark it.
 */
const isLive = (state: SnapshotClientState) => state.status === 'open';

const watches = new WeakMap<SnapshotClient, Map<number, DownWatch>>();

function watchOf(client: SnapshotClient, graceMs: number): DownWatch {
  let byGrace = watches.get(client);
  if (byGrace === undefined) {
    byGrace = new Map();
    watches.set(client, byGrace);
  }
  let watch = byGrace.get(graceMs);
  if (watch === undefined) {
    watch = startWatch(client, graceMs);
    byGrace.set(graceMs, watch);
  }
  return watch;
}

function startWatch(client: SnapshotClient, graceMs: number): DownWatch {
  const watch: DownWatch = { polling: false, queries: new Set() };
  // Pending only while the stream is down and the grace period is not over: one timer at most, none while live.
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  let live = isLive(client.store.getState());

  const setPolling = (polling: boolean) => {
    if (watch.polling === polling) return;
    watch.polling = polling;
    for (const query of watch.queries) {
      if (query.observers.length === 0) watch.queries.delete(query);
      // The observer's own options again: what a re-render of its component would pass.
      for (const observer of [...query.observers]) observer.setOptions(observer.options as never);
    }
  };
  const wentDown = () => {
    // Where there is no window (server rendering), TanStack Query schedules no interval: no grace to count either.
    if (typeof window === 'undefined') return;
    graceTimer = setTimeout(() => {
      graceTimer = undefined;
      setPolling(true);
    }, graceMs);
  };

  if (!live) wentDown();
  client.store.subscribe((state) => {
    if (isLive(state) === live) return;
    live = !live;
    if (!live) return wentDown();
    clearTimeout(graceTimer);
    graceTimer = undefined;
    setPolling(false);
  });
  return watch;
}

/**
 * For a legacy `useQuery` kept beside the stream: `refetchInterval: livePollingInterval(client, 2000)`. The function
 * answers `false` while the client is open and `ms` once it has been otherwise for `graceMs`; when the stream is back,
 * `false` again. Calling it on every render is cheap: one watch per
 * client and grace period is shared.
 */
export function livePollingInterval(
  client: SnapshotClient,
  ms: number,
  options: LivePollingOptions = {},
): (query: ObservedQuery) => number | false {
  const where = 'livePollingInterval';
  checkClient(where, client);
  checkDuration(where, 'ms', ms, 1);
  const graceMs = options.graceMs === undefined ? 5_000 : checkDuration(where, 'options.graceMs', options.graceMs, 0);
  const watch = watchOf(client, graceMs);
  return (query) => {
    watch.queries.add(query);
    return watch.polling ? ms : false;
  };
}

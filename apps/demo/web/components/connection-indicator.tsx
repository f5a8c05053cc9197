// The connection's state at a glance: live, connecting, reconnecting (and whether the data may be behind), stopped
// with the reason, or the old polling.
import { useFeed } from './feed.js';
import type { ConnectionView } from './views.js';

const LABELS: Record<ConnectionView['state'], string> = {
  live: 'Live',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  stopped: 'Stopped',
  polling: 'Polling',
};

export interface ConnectionIndicatorProps {
  connection: ConnectionView;
}

/** A dot and a label for the feed's state, the reason when it is not live, and a detail line (epoch and seq). */
export function ConnectionIndicator({ connection: c }: ConnectionIndicatorProps) {
  return (
    <div className="connection" data-state={c.state} data-stale={c.isStale}>
      <span className="dot" aria-hidden="true" />
      {/* Announced when it changes; the detail line (a seq that moves with every message) is left out of it. */}
      <span role="status">
        <span className="label">{LABELS[c.state]}</span>
        {c.isStale && <span className="stale"> data may be behind</span>}
        {c.reason !== null && <span className="reason"> {c.reason}</span>}
      </span>
      {c.detail !== null && <span className="detail">{c.detail}</span>}
    </div>
  );
}

/** The indicator for the nearest feed's connection. */
export function FeedConnectionIndicator() {
  return <ConnectionIndicator connection={useFeed().useConnection()} />;
}

// The devtools' own store: what a client's inspection hook and store say, kept in ring buffers (memory stays bounded
// however long the app runs) and published as one immutable view at most once per animation frame. Each section of
// the panel reads its part of the view, whose identity changes only when that part changed.
import type {
  FrameInEvent,
  FrameOutEvent,
  HelloDetails,
  InspectionEvent,
  SnapshotClient,
  SnapshotClientState,
  TransitionEvent,
} from '@livesnap/client';
import { createFrameScheduler, type FrameSource } from './frame-scheduler.js';
import { RingBuffer } from './ring-buffer.js';

/** How many frames the message log keeps by default (the oldest go first). */
export const DEFAULT_LOG_LIMIT = 500;
/** How many transitions the timeline keeps. */
export const TIMELINE_LIMIT = 100;

/** A frame in or out, numbered for the log. */
export type LogEntry = (FrameInEvent | FrameOutEvent) & { readonly id: number };
/** A transition, numbered for the timeline. */
export type TimelineEntry = TransitionEvent & { readonly id: number };

export interface DevtoolsView {
  /** The client's state when the view was made. */
  readonly state: SnapshotClientState;
  /** The current connection's hello (its instance, epoch, …), or null while there is none. */
  readonly hello: HelloDetails | null;
  /** The frames kept, oldest first; while paused, those kept when the log was paused. */
  readonly log: readonly LogEntry[];
  /** Frames the log let go to stay within its limit (or cleared). */
  readonly logDropped: number;
  readonly paused: boolean;
  /** Frames recorded since the log was paused (shown once it resumes, within its limit). */
  readonly sincePaused: number;
  /** The transitions kept, oldest first. */
  readonly timeline: readonly TimelineEntry[];
}

export interface DevtoolsRecorderOptions {
  readonly logLimit?: number;
  /** Where the publishing waits: the browser's animation frames by default. */
  readonly frames?: FrameSource;
}

export interface DevtoolsRecorder {
  /** Starts listening to the client; returns the stop. */
  start(): () => void;
  /** For the panel: called (at most once a frame) when the view changed. */
  subscribe(listener: () => void): () => void;
  getView(): DevtoolsView;
  setPaused(paused: boolean): void;
  clearLog(): void;
}

export function createDevtoolsRecorder(
  client: SnapshotClient,
  options: DevtoolsRecorderOptions = {},
): DevtoolsRecorder {
  const log = new RingBuffer<LogEntry>(options.logLimit ?? DEFAULT_LOG_LIMIT);
  const timeline = new RingBuffer<TimelineEntry>(TIMELINE_LIMIT);
  const listeners = new Set<() => void>();
  let nextId = 1;
  let hello: HelloDetails | null = null;
  let pausedAt: number | null = null;
  let dirty = { log: false, timeline: false, state: false };
  let view: DevtoolsView = {
    state: client.store.getState(),
    hello,
    log: [],
    logDropped: 0,
    paused: false,
    sincePaused: 0,
    timeline: [],
  };

  /** Makes the next view; a paused log keeps showing what it showed, unless `showLog` (a clear empties it too). */
  const publish = (showLog = false) => {
    scheduler.cancel();
    const paused = pausedAt !== null;
    const refreshLog = dirty.log && (!paused || showLog);
    view = {
      state: dirty.state ? client.store.getState() : view.state,
      hello,
      log: refreshLog ? log.toArray() : view.log,
      logDropped: refreshLog ? log.dropped : view.logDropped,
      paused,
      sincePaused: paused ? log.pushed - pausedAt! : 0,
      timeline: dirty.timeline ? timeline.toArray() : view.timeline,
    };
    dirty = { log: dirty.log && !refreshLog, timeline: false, state: false };
    for (const listener of [...listeners]) listener();
  };
  const scheduler = createFrameScheduler(publish, options.frames);
  const changed = (part: keyof typeof dirty) => {
    dirty[part] = true;
    // Nobody looks (the panel is closed): record, and publish when someone does.
    if (listeners.size > 0) scheduler.schedule();
  };

  const hear = (event: InspectionEvent) => {
    if (event.type !== 'transition') {
      log.push({ ...event, id: nextId++ });
      changed('log');
      return;
    }
    timeline.push({ ...event, id: nextId++ });
    if (event.cause.kind === 'hello') {
      const { kind: _, ...details } = event.cause;
      hello = details;
    } else if (event.cause.kind === 'disconnect' || event.cause.kind === 'close') {
      hello = null;
    }
    changed('timeline');
  };

  return {
    start() {
      const stopInspecting = client.inspect(hear);
      const stopWatching = client.store.subscribe(() => changed('state'));
      changed('state');
      return () => {
        stopInspecting();
        stopWatching();
        scheduler.cancel();
      };
    },
    subscribe(listener) {
      // What was recorded while nobody looked shows at once (React reads the view again after subscribing).
      if (dirty.log || dirty.timeline || dirty.state) publish();
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) scheduler.cancel();
      };
    },
    getView: () => view,
    setPaused(paused) {
      if (paused === (pausedAt !== null)) return;
      pausedAt = paused ? log.pushed : null;
      dirty.log = true;
      publish();
    },
    clearLog() {
      log.clear();
      if (pausedAt !== null) pausedAt = log.pushed;
      dirty.log = true;
      publish(true);
    },
  };
}

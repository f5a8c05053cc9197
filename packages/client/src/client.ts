// The snapshot client: wires the connection, the sequencing rules, the heartbeat and the store together.
import type { ClientMessage } from '@livesnap/protocol';
import { decodeServerFrame } from '@livesnap/protocol';
import type { SnapshotClient } from './client-api.js';
import { describeClose, reportedWhileRetrying } from './close-report.js';
import { type ConnectionClose, createConnection } from './connection.js';
import { type FrameEffect, reduceFrame } from './frame-reducer.js';
import { createHeartbeat } from './heartbeat.js';
import { createHelloDeadline } from './hello-wait.js';
import { callOutside, createInspectorHub } from './inspector.js';
import { pageHref, resolveClientOptions, type SnapshotClientOptions } from './options.js';
import type { Restored } from './persistence.js';
import { decideResync, INITIAL_RESYNC_STATE, type ResyncState } from './resync-policy.js';
import { initialSequenceState, type SequenceState } from './sequence.js';
import { buildSnapshotUrl } from './snapshot-url.js';
import type { WebSocketConstructor } from './socket-factory.js';
import { createStalenessWatch } from './staleness.js';
import {
  createSnapshotClientStore,
  type SnapshotClientError,
  type SnapshotClientState,
  type SnapshotClientStats,
} from './store.js';
import { listenForWake } from './wake.js';

export type { SnapshotClient } from './client-api.js';
export type { SnapshotClientOptions } from './options.js';

/** A binary frame, whatever the platform hands over: the decoder only needs to see that it is not text. */
const BINARY_FRAME = new Uint8Array(0);

export function createSnapshotClient(options: SnapshotClientOptions): SnapshotClient {
  const resolved = resolveClientOptions(options);
  const { projectId, url, token, onError, backoff, connectTimeoutMs, timers, now } = resolved;
  const heartbeatOptions = resolved.heartbeat;

  const store = createSnapshotClientStore(resolved.startClosed ? 'closed' : 'connecting');
  let sequence: SequenceState = initialSequenceState();
  let resyncs: ResyncState = INITIAL_RESYNC_STATE;
  let stopWake: (() => void) | null = null;
  const inspector = createInspectorHub();

  const report = (error: SnapshotClientError) => {
    // The caller's bug must not break the socket handler it ran in; it still surfaces as an uncaught error.
    if (onError !== undefined) callOutside(onError, error);
  };

  const update = (patch: Partial<Omit<SnapshotClientState, 'stats'>>, stats?: Partial<SnapshotClientStats>) => {
    const current = store.getState();
    store.setState(stats === undefined ? patch : { ...patch, stats: { ...current.stats, ...stats } });
  };

  /**
   * False from a resync refused by the limit until the next hello: resuming would replay the stream whose gaps the
   * resyncs did not heal (in version 2, a patch whose base the client lost), so the next connection asks for a full hello.
   */
  let resumable = true;
  const persister = resolved.persist?.attach({ projectId, store, read: () => sequence, timers, now, report }) ?? null;
  let restoring: Promise<void> | null = null;

  /** Shows the saved state, once, before the first URL is built: the URL asks to resume from it. */
  function restore(load: () => Promise<Restored | null>): Promise<void> {
    restoring ??= load().then((restored) => {
      // Nothing may replace what a hello brought (none can have come yet: the first attempt waits for this).
      if (restored === null || sequence.epoch !== null) return;
      sequence = restored.sequence;
      const restoredCopy = { savedAt: restored.savedAt, ageMs: now() - restored.savedAt };
      const { epoch, seq, workspaces } = sequence;
      update({ epoch, seq, workspaces, isStale: true, origin: 'persisted', restored: restoredCopy });
    });
    return restoring;
  }

  const connection = createConnection(
    {
      buildUrl: async () => {
        if (persister !== null) await restore(persister.load);
        const base = typeof url === 'function' ? url() : url;
        let tokenValue: string | undefined;
        try {
          tokenValue = typeof token === 'function' ? await token() : token;
        } catch (error) {
          throw Object.assign(new Error(`the token function failed: ${String(error)}`), { code: 'token' });
        }
        return buildSnapshotUrl(
          base,
          {
            projectId,
            protocol: connection.protocol,
            token: tokenValue,
            epoch: resumable ? sequence.epoch : null,
            seq: resumable ? sequence.seq : null,
          },
          pageHref(),
        );
      },
      backoff,
      connectTimeoutMs,
      timers,
      now,
      random: resolved.random,
    },
    {
      onAttempt(reconnect) {
        // Every attempt after the first of a session follows a delay (run out, or cut short by a wake).
        if (reconnect) update({ nextAttemptAt: null }, { reconnects: store.getState().stats.reconnects + 1 });
      },
      onOpen() {
        // The URL of this connection asked to resume whenever the client held an epoch (see buildUrl).
        const resumeAsked = resumable && sequence.epoch !== null && sequence.seq !== null;
        sequence = { ...sequence, awaitingHello: true, resumeAsked };
        resyncs = { ...resyncs, pending: false };
        helloDeadline.arm('hello');
      },
      onMessage: receiveFrame,
      onClose,
    },
  );

  const helloDeadline = createHelloDeadline(
    { timers, now, timeoutMs: heartbeatOptions.timeoutMs, receivedBytes: () => connection.receivedBytes() },
    (failure) => connection.abandon(failure.code, failure.reason),
  );

  const staleness = createStalenessWatch(
    {
      timers,
      now,
      limits: { silenceMs: heartbeatOptions.intervalMs + heartbeatOptions.timeoutMs, graceMs: resolved.staleAfterMs },
    },
    () => update({ isStale: true }),
  );

  const heartbeat = createHeartbeat(heartbeatOptions, timers, {
    sendPing: (id) => send({ type: 'ping', id }),
    onDead: () => connection.abandon('heartbeat_timeout', `no pong within ${heartbeatOptions.timeoutMs} ms`),
  });

  function send(message: ClientMessage): boolean {
    const frame = JSON.stringify(message);
    const sent = connection.send(frame);
    if (sent) inspector.frameOut(frame, message.type, now());
    return sent;
  }

  function receiveFrame(data: unknown) {
    const decoded = decodeServerFrame(typeof data === 'string' ? data : BINARY_FRAME);
    inspector.frameIn(data, decoded, now());
    const context = { projectId, at: now(), stats: store.getState().stats };
    const result = reduceFrame({ sequence, resyncs }, decoded, context);
    ({ sequence, resyncs } = result.state);
    runEffects(result.effects);
  }

  /**
   * Runs a frame's effects in order. One that throws (a store listener's bug) does not keep the later ones from
   * running (a resync must still be asked for), and its error still surfaces, after them.
   */
  function runEffects(effects: readonly FrameEffect[]) {
    let failure: { error: unknown } | null = null;
    for (const effect of effects) {
      try {
        runEffect(effect);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure !== null) throw failure.error;
  }

  function runEffect(effect: FrameEffect) {
    switch (effect.type) {
      case 'hello-arrived':
        resumable = true;
        staleness.opened(effect.at);
        helloDeadline.arrived(!effect.hello.resumed);
        connection.helloReceived();
        // Pings start with the hello: a server answers nothing before it (the hello deadline covers that time).
        heartbeat.start();
        inspector.transition('open', { kind: 'hello', ...effect.hello }, effect.at);
        return;
      case 'heard':
        staleness.heard(effect.at);
        return;
      case 'hello-rejected':
        helloDeadline.clear();
        return;
      case 'pong':
        heartbeat.pong(effect.id);
        return;
      case 'publish':
        store.setState(effect.patch);
        return;
      case 'report':
        report(effect.error);
        return;
      case 'resync':
        requestResync();
        return;
    }
  }

  function requestResync() {
    // Without an open socket there is nothing to ask: the next connection starts with a hello anyway.
    if (connection.phase !== 'open') return;
    // A hello is already on its way (the connection's first, or a resync's answer): it answers this need too.
    if (helloDeadline.armed) return;
    const { decision, state } = decideResync(resyncs, now());
    resyncs = state;
    if (decision === 'pending') return;
    if (decision === 'reconnect') {
      resumable = false;
      connection.abandon('resync_limit', 'a third resync within 30 s: reconnecting with backoff instead');
      return;
    }
    sequence = { ...sequence, awaitingHello: true, resumeAsked: false };
    send({ type: 'resync' });
    helloDeadline.arm('resync');
    inspector.transition('open', { kind: 'resync' }, now());
    // Last: a store listener that throws must not leave a resync without its deadline.
    update({}, { resyncs: store.getState().stats.resyncs + 1 });
  }

  function onClose(close: ConnectionClose) {
    heartbeat.stop();
    helloDeadline.clear();
    sequence = { ...sequence, awaitingHello: true };
    resyncs = { ...resyncs, pending: false };
    const error = { code: close.code, message: describeClose(close) };
    const cause = { kind: 'disconnect', ...error, retryInMs: close.delayMs } as const;
    if (close.stopped) {
      stopListening();
      staleness.closed();
      update({ status: 'closed', error, isStale: true });
      inspector.transition('closed', cause, now());
      report(error);
      return;
    }
    staleness.down(now());
    update({ status: 'reconnecting', error, nextAttemptAt: close.delayMs === null ? null : now() + close.delayMs });
    inspector.transition('reconnecting', cause, now());
    // Last: the caller's onError may close() the client, and nothing here may undo that.
    if (reportedWhileRetrying(close.code)) report(error);
  }

  function stopListening() {
    stopWake?.();
    stopWake = null;
    persister?.stop();
  }

  function connect() {
    if (connection.phase !== 'idle') return;
    // Looked up now, not at creation: server-side rendering makes clients where there is none, and never connects.
    const WebSocket = resolved.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (WebSocket === undefined) {
      const error = {
        code: 'no_websocket',
        message:
          'no WebSocket class to connect with: pass options.WebSocket (in Node 20, `WebSocket` from the `ws` package)',
      };
      staleness.closed();
      update({ status: 'closed', error, isStale: true });
      inspector.transition('closed', { kind: 'disconnect', ...error, retryInMs: null }, now());
      report(error);
      return;
    }
    staleness.down(now());
    stopWake = listenForWake(() => {
      const phase = connection.phase;
      if (phase !== 'open' && phase !== 'waiting') return;
      const action = phase === 'open' ? 'ping' : 'retry';
      inspector.transition(store.getState().status, { kind: 'wake', action }, now());
      if (phase === 'open') heartbeat.checkNow();
      else connection.wake();
    });
    persister?.start();
    inspector.transition('connecting', { kind: 'connect' }, now());
    connection.start(WebSocket);
    // Last: a store listener may close() the client as it sees `connecting`, and nothing here may undo that.
    update({ status: 'connecting' });
  }

  function close() {
    connection.stop();
    heartbeat.stop();
    helloDeadline.clear();
    stopListening();
    sequence = { ...sequence, awaitingHello: true };
    resyncs = { ...resyncs, pending: false };
    staleness.closed();
    const { status, isStale } = store.getState();
    if (status === 'closed' && isStale) return;
    update({ status: 'closed', isStale: true, nextAttemptAt: null });
    inspector.transition('closed', { kind: 'close' }, now());
  }

  if (!resolved.startClosed) connect();

  return {
    store,
    connect,
    resync: requestResync,
    close,
    reconnect() {
      close();
      connect();
    },
    drop: () => connection.abandon('dropped', 'dropped on request (drop()): reconnecting as after a network loss'),
    inspect: inspector.subscribe,
    clearPersisted: () => persister?.clear() ?? Promise.resolve(),
  };
}

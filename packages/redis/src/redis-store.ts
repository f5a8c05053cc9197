// The server's SnapshotStore on Redis, so that several instances serve one gap-free stream per project. Each step that
// must be atomic is a Lua script (scripts.ts); each instance follows the projects it holds through their pub/sub
// channel and keeps a mirror of them (follower.ts), from which it greets clients; `availability.ts` watches Redis.
import type { CommittedMessage } from '@livesnap/protocol';
import type { CommitEvent, LoadedState, ProjectState, SnapshotStore, StoreStatusEvent } from '@livesnap/server';
import { createClient } from 'redis';
import { watchAvailability } from './availability.js';
import { changeArgs, parseLogEntries, parsePayload, parseSnapshots, unversionedJson } from './encoding.js';
import { createFollower } from './follower.js';
import { projectKeys, stateKeys, ticketKey } from './keys.js';
import { type RedisClient, type RedisStoreOptions, resolveRedisStoreOptions } from './options.js';
import { scriptRunner } from './script-runner.js';
import { COMMIT, DROP, LEASE, LOAD, SINCE, STATE, TICKET, TOUCH } from './scripts.js';

export interface RedisSnapshotStore extends SnapshotStore {
  /** Resolves once both connections are open (the store's methods wait for it themselves). */
  ready(): Promise<void>;
  /** Stops the health checks and closes the connections it opened (not a `client` you gave it). */
  close(): Promise<void>;
}

/** The error of a call made while Redis is unavailable: nothing is queued for later. */
export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
}

export function createRedisStore(input: RedisStoreOptions): RedisSnapshotStore {
  const options = resolveRedisStoreOptions(input);
  const { keyPrefix, replayLimit, tombstoneMs, projectTtlMs, healthCheckMs, instanceId, newEpoch, logger } = options;
  const ownsClient = options.client === undefined;
  // Nothing is queued while Redis is away (`disableOfflineQueue`), and never more than this many commands at once.
  const client: RedisClient =
    options.client ??
    (createClient({ url: options.url, disableOfflineQueue: true, commandsQueueMaxLength: 10_000 }) as RedisClient);
  const subscriber = client.duplicate();
  const run = scriptRunner(client);
  const keysOf = (projectId: string) => projectKeys(keyPrefix, projectId);
  const commitListeners = new Set<(event: CommitEvent) => void>();
  const statusListeners = new Set<(event: StoreStatusEvent) => void>();
  const status = (event: StoreStatusEvent) => {
    for (const listener of statusListeners) listener(event);
  };
  let closed = false;

  const follower = createFollower({
    readSince: (projectId, epoch, seq) => readSince(projectId, epoch, seq),
    emit(event) {
      for (const listener of commitListeners) listener(event);
    },
    lost: (projectId, epoch) => status({ type: 'lost', projectId, epoch }),
    failed: (projectId, error) =>
      logger.warn('reading the replay log failed; trying again later', { projectId, error: messageOf(error) }),
  });

  const availability = watchAvailability({
    client,
    healthCheckMs,
    onChange(health) {
      if (health.ok) {
        // Back: what the channels dropped meanwhile is read from the log, a project whose epoch is gone is lost.
        void touchAll().then(() => status({ type: 'available' }));
      } else {
        status({ type: 'unavailable', reason: health.reason ?? 'Redis is unavailable' });
      }
    },
    onTick: () => void touchAll(),
  });
  // Errors are reported through `availability`; without a listener node-redis would crash the process.
  subscriber.on('error', () => {});
  subscriber.on('ready', () => {
    for (const { projectId } of follower.followed()) void follower.catchUp(projectId);
  });

  const connecting = Promise.all([client.isOpen ? null : client.connect(), subscriber.connect()]).then(() => {});
  connecting.catch((error: unknown) => logger.error('could not connect to Redis', { error: messageOf(error) }));

  /** Every project held here: still at its epoch (keys' expiry pushed back), or lost; caught up after an outage. */
  async function touchAll(): Promise<void> {
    await Promise.all(
      follower.followed().map(async ({ projectId, epoch }) => {
        try {
          const held = await run<number>(TOUCH, stateKeys(keysOf(projectId)), [epoch, String(projectTtlMs)]);
          if (held === 0) follower.lose(projectId);
          else await follower.catchUp(projectId);
        } catch (error) {
          logger.debug('touching a project failed', { projectId, error: messageOf(error) });
        }
      }),
    );
  }

  /** Waits for the connections, and refuses at once while Redis is known to be unavailable. */
  async function available(): Promise<void> {
    if (closed) throw new RedisUnavailableError('the Redis store is closed');
    await connecting;
    const health = availability.health();
    if (!health.ok) throw new RedisUnavailableError(`${health.reason ?? 'Redis is unavailable'}; try later`);
  }

  async function readSince(projectId: string, epoch: string, seq: number): Promise<CommittedMessage[] | null> {
    const keys = keysOf(projectId);
    const entries = await run<[string, string, string][] | null>(SINCE, [keys.meta, keys.log], [epoch, String(seq)]);
    return entries === null ? null : parseLogEntries(entries);
  }

  /** Follows the project's channel (before its state is read, so that nothing committed meanwhile is missed). */
  async function subscribe(projectId: string): Promise<void> {
    if (follower.state(projectId)) return;
    const { channel } = keysOf(projectId);
    await subscriber.subscribe(channel, (text) => {
      const payload = parsePayload(text);
      if ('ended' in payload) follower.lose(projectId);
      else void follower.offer(projectId, payload.epoch, payload.messages);
    });
  }

  return {
    shared: true,
    ready: () => connecting,
    async ticket() {
      await available();
      return run<number>(TICKET, [ticketKey(keyPrefix)], []);
    },
    async load(projectId, snapshots, ticket): Promise<LoadedState> {
      await available();
      const keys = keysOf(projectId);
      await subscribe(projectId);
      const epoch = newEpoch();
      const args = [epoch, String(ticket), String(projectTtlMs)];
      for (const snapshot of snapshots) args.push(snapshot.workspaceId, unversionedJson(snapshot));
      const [joined, heldEpoch, seq, jsons] = await run<[number, string, string, string[]?]>(
        LOAD,
        stateKeys(keys),
        args,
      );
      const state: ProjectState =
        joined === 1
          ? { epoch: heldEpoch, seq: Number(seq), snapshots: parseSnapshots(jsons ?? []) }
          : { epoch, seq: 0, snapshots: snapshots.map((s) => ({ ...s, version: 0 })) };
      follower.follow(projectId, state);
      return { ...state, joined: joined === 1 };
    },
    async get(projectId) {
      const mirrored = follower.state(projectId);
      if (mirrored) return mirrored;
      await available();
      const keys = keysOf(projectId);
      const held = await run<[string, string, string[]] | null>(STATE, [keys.meta, keys.snapshots], []);
      return held === null ? null : { epoch: held[0], seq: Number(held[1]), snapshots: parseSnapshots(held[2]) };
    },
    async getWorkspace(projectId, workspaceId) {
      const mirrored = follower.snapshot(projectId, workspaceId);
      if (mirrored !== undefined) return mirrored;
      await available();
      const json = await client.hGet(keysOf(projectId).snapshots, workspaceId);
      return json === null ? null : parseSnapshots([json])[0]!;
    },
    async commit(projectId, epoch, changes) {
      await available();
      const keys = keysOf(projectId);
      const args = [epoch ?? '', String(replayLimit), String(tombstoneMs), String(projectTtlMs), keys.channel];
      for (const change of changes) args.push(...changeArgs(change));
      const [outcome, detail] = await run<[string, string]>(COMMIT, stateKeys(keys), args);
      if (outcome === 'ended') {
        // This instance serves an epoch that has ended: it must load the project again.
        const followed = follower.state(projectId);
        if (followed && followed.epoch === epoch) follower.lose(projectId);
        return [];
      }
      if (detail === '') return [];
      const payload = parsePayload(detail);
      if ('ended' in payload) return [];
      // Applied (and told to subscribers) before the commit resolves, as the memory store does.
      await follower.offer(projectId, payload.epoch, payload.messages);
      return payload.messages;
    },
    async readSince(projectId, epoch, seq) {
      await available();
      return readSince(projectId, epoch, seq);
    },
    async unload(projectId, reason = 'idle') {
      const keys = keysOf(projectId);
      follower.unfollow(projectId);
      await connecting;
      await subscriber.unsubscribe(keys.channel);
      if (reason === 'gone') {
        await available();
        await run<number>(DROP, [...stateKeys(keys), keys.lease], [keys.channel]);
      }
    },
    async lease(projectId, ms) {
      await available();
      return (await run<number>(LEASE, [keysOf(projectId).lease], [instanceId, String(ms)])) === 1;
    },
    health: () => (closed ? { ok: false, reason: 'the Redis store is closed' } : availability.health()),
    subscribe(listener) {
      commitListeners.add(listener);
      return () => {
        commitListeners.delete(listener);
      };
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => {
        statusListeners.delete(listener);
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      availability.stop();
      await connecting.catch(() => undefined);
      const closing = [subscriber.close()];
      if (ownsClient) closing.push(client.close());
      await Promise.allSettled(closing);
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

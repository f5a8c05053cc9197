// Real clients (`@livesnap/client` over `ws`) as a process of their own: what the chaos tests freeze with SIGSTOP, and
// the sample of real clients beside the lightweight receivers. Each is compared with its target through the public
// selectors, never through the store's internal shape.
import {
  createSnapshotClient,
  type SnapshotClient,
  type SnapshotClientOptions,
  type SnapshotClientState,
  selectWorkspaceList,
} from '@livesnap/client';
import { WebSocket } from 'ws';
import { atTarget, digestOf, type ProjectTarget } from './digest.js';
import { reply } from './ipc.js';

export type ClientTuning = Pick<SnapshotClientOptions, 'heartbeat' | 'reconnect' | 'connectTimeoutMs'>;

export interface ClientReport {
  readonly projectId: string;
  readonly status: SnapshotClientState['status'];
  readonly error: SnapshotClientState['error'];
  readonly epoch: string | null;
  readonly seq: number | null;
  readonly digest: string;
  readonly stats: SnapshotClientState['stats'];
  /** Every close code or client error it went through, in order. */
  readonly errors: (number | string)[];
}

type Command =
  | { type: 'connect'; url: string; projectIds: string[]; tuning: ClientTuning; id?: number }
  | { type: 'await'; targets: ProjectTarget[]; id?: number }
  | { type: 'report'; id?: number }
  | { type: 'close'; id?: number };

interface Entry {
  readonly projectId: string;
  readonly client: SnapshotClient;
  readonly errors: (number | string)[];
}

let entries: Entry[] = [];

const digestOfState = (state: SnapshotClientState) => digestOf(selectWorkspaceList(state));

function matches(entry: Entry, target: ProjectTarget | undefined): boolean {
  if (!target) return true;
  const state = entry.client.store.getState();
  return state.status === 'open' && atTarget(target, state.epoch, state.seq) && digestOfState(state) === target.digest;
}

function report(entry: Entry): ClientReport {
  const state = entry.client.store.getState();
  const { status, error, epoch, seq, stats } = state;
  return {
    projectId: entry.projectId,
    status,
    error,
    epoch,
    seq,
    digest: digestOfState(state),
    stats,
    errors: entry.errors,
  };
}

process.on('message', async (command: Command) => {
  switch (command.type) {
    case 'connect': {
      const made = command.projectIds.map((projectId) => {
        const errors: (number | string)[] = [];
        const client = createSnapshotClient({ url: command.url, projectId, WebSocket, ...command.tuning });
        client.store.subscribe((state, previous) => {
          if (state.error && state.error !== previous.error) errors.push(state.error.code);
        });
        return { projectId, client, errors };
      });
      entries.push(...made);
      await Promise.all(
        made.map(
          (entry) =>
            new Promise<void>((resolve) => {
              const done = (state: SnapshotClientState) => state.status === 'open' || state.status === 'closed';
              if (done(entry.client.store.getState())) return resolve();
              const stop = entry.client.store.subscribe((state) => {
                if (!done(state)) return;
                stop();
                resolve();
              });
            }),
        ),
      );
      return reply(command, { type: 'connected' });
    }
    case 'await': {
      const targets = new Map(command.targets.map((t) => [t.projectId, t]));
      const pending = new Set(entries.filter((e) => !matches(e, targets.get(e.projectId))));
      if (pending.size === 0) return reply(command, { type: 'converged', at: Date.now() });
      const stops: (() => void)[] = [];
      for (const entry of pending) {
        stops.push(
          entry.client.store.subscribe(() => {
            if (!pending.has(entry) || !matches(entry, targets.get(entry.projectId))) return;
            pending.delete(entry);
            if (pending.size > 0) return;
            for (const stop of stops) stop();
            reply(command, { type: 'converged', at: Date.now() });
          }),
        );
      }
      return;
    }
    case 'report':
      return reply(command, { type: 'report', clients: entries.map(report) });
    case 'close':
      for (const entry of entries) entry.client.close();
      entries = [];
      return reply(command, { type: 'closed' });
  }
});
process.send?.({ type: 'ready' });

// The parent's side of clients.worker.ts: a child process of receiving clients of one kind, connected, followed and
// closed over IPC.
import { type Child, startChild } from './child.js';
import type { ClientKind } from './clients.worker.js';

export type { ClientKind } from './clients.worker.js';

export interface Clients {
  /** The protocol version of the hello the clients got (null for socket.io, whose hello is ours but unversioned). */
  readonly protocol: number | null;
  /** Resolves with the instant every client had `messages` stream messages. */
  expect(messages: number): Promise<number>;
  /**
   * Resolves once the clients watch for `marker` (make the change after that: a frame that came first would be missed),
   * with `seen`, the instant every client had a frame containing it.
   */
  watch(marker: string): Promise<{ seen: Promise<number> }>;
  /** Frames and bytes received, per client (ws kinds). */
  stats(): Promise<{ frames: number; bytes: number }>;
  close(): Promise<void>;
}

let shared: Child | null = null;

/** Connects `count` clients of `kind` to `url` and resolves once every one has its hello. */
export async function connectClients(kind: ClientKind, url: string, count: number): Promise<Clients> {
  shared ??= startChild(new URL('./clients.worker.ts', import.meta.url));
  const child = shared;
  const { protocol } = await child.ask<{ protocol: number | null }>(
    { type: 'connect', kind, url, clients: count },
    'connected',
  );
  return {
    protocol,
    expect: async (messages) => (await child.ask<{ at: number }>({ type: 'expect', messages }, 'done')).at,
    async watch(marker) {
      const seen = child.next<{ at: number }>('seen').then((m) => m.at);
      // Handled by whoever awaits `seen`; a rejection before then must not be reported as unhandled.
      seen.catch(() => undefined);
      await child.ask({ type: 'watch', marker }, 'watching');
      return { seen };
    },
    stats: () => child.ask({ type: 'stats' }, 'stats'),
    close: async () => {
      await child.ask({ type: 'close' }, 'closed');
    },
  };
}

/** Ends the receivers' child process (at the end of the run). */
export function stopClients(): void {
  shared?.stop();
  shared = null;
}

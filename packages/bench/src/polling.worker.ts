// The polling rows' client, in a child process so that the demo's process (the server) measures only the server: a
// real `@livesnap/client` (push) or the old app's poller (the sidebar every 2 s, the board every 15 s). It counts the
// payload bytes it receives after its first state and, for each change the runner announces, when it became visible.
import { createSnapshotClient } from '@livesnap/client';
import { PROTOCOL_VERSION } from '@livesnap/protocol';
import { WebSocket } from 'ws';
import { instant } from './stats.js';

export type PollingCommand =
  | { type: 'push'; url: string; projectId: string }
  | { type: 'poll'; url: string; projectId: string; sidebarMs: number; boardMs: number }
  /** A change is about to be made at `at`: workspace `workspaceId` gets the name `name`. */
  | { type: 'changed'; workspaceId: string; name: string; at: number }
  | { type: 'report' };

let bytes = 0;
let stop: () => void = () => {};
/** Changes not yet visible, and how long the visible ones took. */
const pending = new Map<string, { workspaceId: string; at: number }>();
const staleness: number[] = [];

const report = (message: object) => process.send?.(message);

function seen(name: string, at: number) {
  const change = pending.get(name);
  if (!change) return;
  pending.delete(name);
  staleness.push(at - change.at);
}

function push(url: string, projectId: string) {
  // Counts every frame's payload from the first one on; the hello's bytes are reported apart and subtracted.
  class CountingWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols);
      this.on('message', (data: Buffer) => {
        bytes += data.length;
      });
    }
  }
  const client = createSnapshotClient({ url, projectId, WebSocket: CountingWebSocket });
  let helloBytes: number | null = null;
  client.store.subscribe((state) => {
    if (state.status !== 'open') return;
    if (helloBytes === null) {
      helloBytes = bytes;
      bytes = 0;
      report({ type: 'ready', helloBytes, protocol: PROTOCOL_VERSION });
    }
    const at = instant();
    for (const [name, { workspaceId }] of pending) if (state.workspaces.get(workspaceId)?.name === name) seen(name, at);
  });
  stop = () => client.close();
}

function poll(base: string, projectId: string, sidebarMs: number, boardMs: number) {
  let first = true;
  const read = async (path: string) => {
    const response = await fetch(`${base}/api/poll/${path}?projectId=${encodeURIComponent(projectId)}`);
    const body = await response.text();
    if (!response.ok) return report({ type: 'error', message: `${path}: ${response.status} ${body}` });
    const at = instant();
    bytes += Buffer.byteLength(body);
    for (const name of [...pending.keys()]) if (body.includes(JSON.stringify(name))) seen(name, at);
  };
  void Promise.all([read('sidebar'), read('board')]).then(() => {
    if (!first) return;
    first = false;
    bytes = 0;
    report({ type: 'ready', helloBytes: null, protocol: null });
  });
  const timers = [setInterval(() => void read('sidebar'), sidebarMs), setInterval(() => void read('board'), boardMs)];
  stop = () => timers.forEach(clearInterval);
}

process.on('disconnect', () => process.exit(0));

process.on('message', (command: PollingCommand) => {
  if (command.type === 'push') push(command.url, command.projectId);
  else if (command.type === 'poll') poll(command.url, command.projectId, command.sidebarMs, command.boardMs);
  else if (command.type === 'changed') pending.set(command.name, { workspaceId: command.workspaceId, at: command.at });
  else {
    stop();
    report({ type: 'report', bytes, staleness, unseen: pending.size });
  }
});

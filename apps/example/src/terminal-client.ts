// The example's terminal client: a live table of the project's workspaces, redrawn at most 10 times a second
// on a terminal, printed at most once a second elsewhere (a pipe, a log file).
import { createSnapshotClient, selectWorkspaceList } from '@livesnap/client';
import { WebSocket as WsWebSocket } from 'ws';
import { renderScreen } from './render.js';

export interface TerminalClient {
  close(): void;
}

export function startTerminalClient(url: string, projectId: string, output: NodeJS.WriteStream): TerminalClient {
  const interactive = output.isTTY === true;
  // Node's own WebSocket where it has one (Node 22 and later), as in a browser: no option, the client takes the
  // global one. Node 20 has none: `ws`.
  const client = createSnapshotClient({ url, projectId, ...(globalThis.WebSocket ? {} : { WebSocket: WsWebSocket }) });
  let previous = client.store.getState().workspaces;
  let pending: NodeJS.Timeout | null = null;
  const changed = new Set<string>();

  const draw = () => {
    pending = null;
    const state = client.store.getState();
    for (const [id, snapshot] of state.workspaces) if (previous.get(id) !== snapshot) changed.add(id);
    previous = state.workspaces;
    const lines = renderScreen(
      {
        url,
        status: state.status,
        error: state.error,
        epoch: state.epoch,
        seq: state.seq,
        messages: state.stats.messages,
        workspaces: selectWorkspaceList(state),
        changed,
      },
      interactive,
    );
    changed.clear();
    // Home, draw, clear what is left of the previous screen.
    if (interactive) output.write(`\x1b[H${lines.map((line) => `${line}\x1b[K`).join('\n')}\n\x1b[J`);
    else output.write(`${lines.join('\n')}\n\n`);
  };

  if (interactive) output.write('\x1b[2J');
  draw();
  const unsubscribe = client.store.subscribe(() => {
    pending ??= setTimeout(draw, interactive ? 100 : 1000);
  });
  return {
    close() {
      unsubscribe();
      if (pending) clearTimeout(pending);
      client.close();
    },
  };
}

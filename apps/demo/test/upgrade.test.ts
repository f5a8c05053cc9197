// The snapshot endpoint shares the HTTP server with the page's dev server: an upgrade on another path (Vite's HMR
// socket) is left to that path's own listener, and the snapshot endpoint keeps working beside it.
import { once } from 'node:events';
import { describe, expect, it, onTestFinished } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { connect, startTestServer } from './helpers.js';

describe('WebSocket upgrades on the demo server', () => {
  it('leaves an upgrade on another path to its own listener while /snapshots serves clients', async () => {
    const server = await startTestServer();
    // What Vite's HMR server does in middleware mode: its own `upgrade` listener on the same HTTP server.
    const hmr = new WebSocketServer({ noServer: true });
    onTestFinished(() => hmr.close());
    server.http.on('upgrade', (request, socket, head) => {
      if (request.url?.startsWith('/vite-hmr')) {
        hmr.handleUpgrade(request, socket, head, (ws) => ws.send('{"type":"connected"}'));
      }
    });

    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/vite-hmr?token=abc`, 'vite-hmr');
    onTestFinished(() => socket.close());
    const [message] = (await once(socket, 'message')) as [Buffer];
    expect(message.toString()).toBe('{"type":"connected"}');
    expect(socket.protocol).toBe('vite-hmr');

    const client = await connect(server, 'acme-web');
    expect(client.store.getState().workspaces.size).toBe(20);
  });
});

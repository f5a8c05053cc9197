// The one decorator every story runs under: a `MockSnapshotServer` (from `@livesnap/client/testing`), the real
// client on its in-process socket, the real provider and hooks, and the demo's live feed. A story is a script of that
// server (its `mockSocket` parameter); the `eventsPerSecond` arg runs simulated activity on it, and the toolbar's
// actions (mock-actions.ts) reach it over Storybook's channel.
import { createSnapshotClient, type SnapshotClient, type SnapshotClientOptions } from '@livesnap/client';
import { MockSnapshotServer, type MockSnapshotServerOptions, waitForState } from '@livesnap/client/testing';
import { SnapshotProvider } from '@livesnap/react';
import type { Decorator } from '@storybook/react-vite';
import { type ReactNode, useEffect, useState } from 'react';
import { addons } from 'storybook/preview-api';
import { FeedProvider, liveFeed } from './demo.js';
import { changeOne, isMockAction, MOCK_ACTION_EVENT, runMockAction } from './mock-actions.js';
import { makeWorkspaces } from './workspaces.js';

/** What a story does with its mock server. */
export interface MockSocketScript {
  /** The server: its options, and how many generated workspaces it holds at start (`workspaces.ts`; default 0). */
  server?: Omit<MockSnapshotServerOptions, 'workspaces'> & { workspaceCount?: number };
  /** The client's options beyond its socket (the project it asks for defaults to the server's). */
  client?: Partial<
    Pick<SnapshotClientOptions, 'projectId' | 'token' | 'reconnect' | 'connectTimeoutMs' | 'staleAfterMs'>
  >;
  /** Runs before the client connects: what the server does over the story's life. */
  script?: (story: ScriptContext) => void;
}

/** The story's server and client, and steps that stop when the story is left. */
export interface ScriptContext {
  readonly server: MockSnapshotServer;
  readonly client: SnapshotClient;
  /** Runs `step` once the client is first open. */
  whenOpen(step: () => void): void;
  /** Runs `step` after `ms`. */
  after(ms: number, step: () => void): void;
}

/** The args every story has (the controls panel shows them). */
export interface MockSocketArgs {
  /** Simulated changes per second on the mock server (0: none). */
  eventsPerSecond?: number;
}

export const MOCK_SOCKET_URL = 'ws://storybook.mock/snapshots';

export const withMockSocket: Decorator = (Story, context) => (
  <MockSocket
    key={context.id}
    setup={(context.parameters.mockSocket ?? {}) as MockSocketScript}
    eventsPerSecond={Number(context.args.eventsPerSecond ?? 0)}
  >
    <Story />
  </MockSocket>
);

interface Stage {
  server: MockSnapshotServer;
  client: SnapshotClient;
  script: MockSocketScript['script'];
}

function MockSocket(props: { setup: MockSocketScript; eventsPerSecond: number; children: ReactNode }) {
  const { setup, eventsPerSecond } = props;
  // Made once per story (the decorator keys it by story id): a control's change re-renders it, never re-runs the script.
  const [{ server, client, script }] = useState((): Stage => {
    const { workspaceCount = 0, ...options } = setup.server ?? {};
    const projectId = options.projectId ?? 'acme-web';
    const server = new MockSnapshotServer({
      ...options,
      projectId,
      workspaces: makeWorkspaces(projectId, workspaceCount),
    });
    const client = createSnapshotClient({
      projectId,
      ...setup.client,
      url: MOCK_SOCKET_URL,
      WebSocket: server.WebSocket,
      startClosed: true,
    });
    return { server, client, script: setup.script };
  });

  // The script, then the connection: a script may set the server up before the first attempt (withhold, refuse).
  useEffect(() => {
    let ended = false;
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const story: ScriptContext = {
      server,
      client,
      whenOpen: (step) => {
        void waitForState(client.store, (s) => s.status === 'open').then(() => ended || step());
      },
      after: (ms, step) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          step();
        }, ms);
        timers.add(timer);
      },
    };
    script?.(story);
    client.connect();
    return () => {
      ended = true;
      for (const timer of timers) clearTimeout(timer);
      client.close();
    };
  }, [server, client, script]);

  useEffect(() => {
    if (!(eventsPerSecond > 0)) return;
    const timer = setInterval(() => changeOne(server, Math.random), 1000 / eventsPerSecond);
    return () => clearInterval(timer);
  }, [server, eventsPerSecond]);

  useEffect(() => {
    const channel = addons.getChannel();
    const run = (action: unknown) => {
      if (isMockAction(action)) runMockAction(server, action, Math.random);
    };
    channel.on(MOCK_ACTION_EVENT, run);
    return () => channel.off(MOCK_ACTION_EVENT, run);
  }, [server]);

  return (
    <SnapshotProvider client={client}>
      <FeedProvider feed={liveFeed}>{props.children}</FeedProvider>
    </SnapshotProvider>
  );
}

// The connection's states as scripts of the mock server, shared by the stories that show them (the page, the
// devtools panel, the indicator). Each says what the server does; nothing sets React state by hand.
import type { MockSocketScript } from './mock-socket.js';

/** An ordinary project: 24 workspaces at every stage (21 shown; 3 archived). */
const PROJECT = { workspaceCount: 24 };

/** Backoff without jitter, slow enough to watch the countdown: 2 s, 3 s, 4.5 s, … up to 10 s. */
const WATCHABLE_BACKOFF = { minDelayMs: 2_000, maxDelayMs: 10_000, growFactor: 1.5, jitter: 0 };

export const scenarios = {
  connecting: {
    server: PROJECT,
    // No deadline within the story's life: the client keeps waiting for the hello.
    client: { connectTimeoutMs: 3_600_000 },
    script: ({ server }) => server.withholdHello(),
  },
  live: { server: PROJECT },
  reconnecting: {
    server: PROJECT,
    client: { reconnect: WATCHABLE_BACKOFF },
    script: ({ server, whenOpen }) =>
      whenOpen(() => {
        server.refuse('network-error');
        server.drop(1006);
      }),
  },
  gapHealed: {
    server: PROJECT,
    script: ({ server, whenOpen }) =>
      whenOpen(() => {
        const [first, second] = server.snapshots;
        server.loseNext(1);
        server.upsert({ ...first!, name: `${first!.name} (renamed, lost)` });
        server.upsert({ ...second!, name: `${second!.name} (renamed)` });
      }),
  },
  restart: {
    server: PROJECT,
    script: ({ server, whenOpen }) => whenOpen(() => server.restart()),
  },
  unauthorized: {
    server: { ...PROJECT, authorize: () => 401 },
    client: { token: 'expired-token', reconnect: { minDelayMs: 100, maxDelayMs: 200, jitter: 0 } },
  },
  forbidden: { server: { ...PROJECT, authorize: () => 403 }, client: { token: 'someone-elses-token' } },
  unknownProject: { server: PROJECT, client: { projectId: 'no-such-project' } },
  empty: { server: { workspaceCount: 0 } },
  large: { server: { workspaceCount: 2_000 } },
} satisfies Record<string, MockSocketScript>;

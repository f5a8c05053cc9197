import type { Meta, StoryObj } from '@storybook/react-vite';
import { DemoScreen, type DemoScreenProps } from '../src/demo-screen.js';
import type { LiveArgs } from '../src/live-meta.js';
import { scenarios } from '../src/scenarios.js';

/** The demo's screen (indicator, sidebar, board, devtools) through every state of the connection. */
const meta: Meta<LiveArgs<DemoScreenProps>> = {
  title: 'Connection states',
  component: DemoScreen,
  parameters: { layout: 'fullscreen' },
  args: { eventsPerSecond: 0, devtoolsOpen: true },
};
export default meta;

type Story = StoryObj<LiveArgs<DemoScreenProps>>;

/** The socket is open but the server withholds its hello: the client waits, connecting, with no data yet. */
export const Connecting: Story = { parameters: { mockSocket: scenarios.connecting } };

/** Open, with simulated activity: cards move between columns as agents work, ask and finish, and CI runs. */
export const Live: Story = { args: { eventsPerSecond: 2 }, parameters: { mockSocket: scenarios.live } };

/** The connection dropped and the server refuses new ones: the indicator counts down to each attempt (2 s, 3 s, 4.5 s, …). */
export const Reconnecting: Story = { parameters: { mockSocket: scenarios.reconnecting } };

/** A frame was lost: the next one skips a seq, the client asks for a resync and the full hello heals it. */
export const GapHealedByResync: Story = { parameters: { mockSocket: scenarios.gapHealed } };

/** The server restarted (close 1001, a new epoch): the client reconnects and takes the new epoch's full hello. */
export const ServerRestart: Story = { parameters: { mockSocket: scenarios.restart } };

/** Refused with 4401 (unauthorized) three times in a row, the token read again each time: the client stops. */
export const Unauthorized: Story = { parameters: { mockSocket: scenarios.unauthorized } };

/** Refused with 4403 (forbidden): retrying will not help, so the client stops at once. */
export const Forbidden: Story = { parameters: { mockSocket: scenarios.forbidden } };

/** Refused with 4404 (unknown project): the client stops and says which project. */
export const UnknownProject: Story = { parameters: { mockSocket: scenarios.unknownProject } };

/** An open connection to a project without workspaces: empty lists, live. */
export const EmptyProject: Story = { parameters: { mockSocket: scenarios.empty } };

/** 2,000 workspaces with simulated activity: the lists are virtualized and each change renders its own card. */
export const LargeProject: Story = { args: { eventsPerSecond: 20 }, parameters: { mockSocket: scenarios.large } };

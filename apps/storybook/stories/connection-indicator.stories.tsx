import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ComponentProps } from 'react';
import { ConnectionIndicator, FeedConnectionIndicator } from '../src/demo.js';
import { documented, type LiveArgs } from '../src/live-meta.js';
import { scenarios } from '../src/scenarios.js';

type Args = LiveArgs<ComponentProps<typeof ConnectionIndicator>>;

/** The connection at a glance, from the story's client through the demo's live feed. */
const meta: Meta<Args> = {
  title: 'Components/ConnectionIndicator',
  component: documented(ConnectionIndicator),
  args: { eventsPerSecond: 0 },
  argTypes: { connection: { control: false } },
  render: () => <FeedConnectionIndicator />,
};
export default meta;

type Story = StoryObj<Args>;

/** Live, with the epoch and seq; the seq moves with the simulated activity. */
export const Live: Story = { args: { eventsPerSecond: 2 }, parameters: { mockSocket: scenarios.live } };

/** Reconnecting: a countdown to the next attempt, then "data may be behind" once the client's isStale says so. */
export const Reconnecting: Story = { parameters: { mockSocket: scenarios.reconnecting } };

/** Stopped, with the close code and the server's reason. */
export const Stopped: Story = { parameters: { mockSocket: scenarios.unknownProject } };

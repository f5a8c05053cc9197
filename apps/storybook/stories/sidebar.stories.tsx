import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ComponentProps } from 'react';
import { fn } from 'storybook/test';
import { Sidebar } from '../src/demo.js';
import { fullHeight } from '../src/full-height.js';
import { documented, type LiveArgs } from '../src/live-meta.js';
import { scenarios } from '../src/scenarios.js';

type Args = LiveArgs<ComponentProps<typeof Sidebar>>;

/** The project's workspaces in list order (archived ones aside), each row reading its own workspace. */
const meta: Meta<Args> = {
  title: 'Components/Sidebar',
  component: documented(Sidebar),
  parameters: { layout: 'fullscreen' },
  args: { eventsPerSecond: 2, onAddWorkspace: fn(async () => {}) },
  decorators: [fullHeight(340)],
};
export default meta;

type Story = StoryObj<Args>;

/** 21 workspaces shown of 24, with simulated activity. */
export const Live: Story = { parameters: { mockSocket: scenarios.live } };

/** 1,750 workspaces shown of 2,000, virtualized: only the rows in view are mounted. */
export const LargeProject: Story = { args: { eventsPerSecond: 20 }, parameters: { mockSocket: scenarios.large } };

import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ComponentProps } from 'react';
import { fn } from 'storybook/test';
import { KanbanBoard } from '../src/demo.js';
import { fullHeight } from '../src/full-height.js';
import { documented, type LiveArgs } from '../src/live-meta.js';
import { scenarios } from '../src/scenarios.js';

type Args = LiveArgs<ComponentProps<typeof KanbanBoard>>;

/** The board: Working, Waiting and Done, each card reading its own workspace; cards move as the server changes them. */
const meta: Meta<Args> = {
  title: 'Components/KanbanBoard',
  component: documented(KanbanBoard),
  parameters: { layout: 'fullscreen' },
  args: { eventsPerSecond: 2, onAction: fn(async () => {}) },
  decorators: [fullHeight()],
};
export default meta;

type Story = StoryObj<Args>;

/** 21 cards over the three columns, with simulated activity. */
export const Live: Story = { parameters: { mockSocket: scenarios.live } };

/** Before the hello: empty columns. */
export const Connecting: Story = { args: { eventsPerSecond: 0 }, parameters: { mockSocket: scenarios.connecting } };

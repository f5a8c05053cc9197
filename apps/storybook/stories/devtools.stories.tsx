import { SnapshotDevtools, type SnapshotDevtoolsProps } from '@livesnap/devtools/production';
import type { Meta, StoryObj } from '@storybook/react-vite';
import type { LiveArgs } from '../src/live-meta.js';
import { scenarios } from '../src/scenarios.js';

type Args = LiveArgs<SnapshotDevtoolsProps>;

/** The devtools panel alone, on the story's client: status, counters, timeline, message log and workspaces. */
const meta: Meta<Args> = {
  title: 'Devtools/Panel',
  component: SnapshotDevtools,
  parameters: { layout: 'fullscreen' },
  args: { eventsPerSecond: 0, initialIsOpen: true, storageKey: 'livesnap-storybook-devtools-panel' },
  argTypes: { client: { control: false } },
};
export default meta;

type Story = StoryObj<Args>;

/** Live with simulated activity: the message log fills and the counters move. */
export const Live: Story = { args: { eventsPerSecond: 5 }, parameters: { mockSocket: scenarios.live } };

/** After a gap and its resync: gaps 1, resyncs 1, and the resync in the timeline. */
export const GapHealedByResync: Story = { parameters: { mockSocket: scenarios.gapHealed } };

/** Stopped after three 4401s: the timeline shows each refusal and its retry delay, then the stop. */
export const Unauthorized: Story = { parameters: { mockSocket: scenarios.unauthorized } };

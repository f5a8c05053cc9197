import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ComponentProps } from 'react';
import { fn } from 'storybook/test';
import { WorkspaceCard } from '../src/demo.js';
import { LiveWorkspaceCard } from '../src/live-card.js';
import { documented, type LiveArgs } from '../src/live-meta.js';

type Args = LiveArgs<ComponentProps<typeof WorkspaceCard>>;

/** One workspace on the board, read live from the mock server: a change on the server re-renders the card. */
const meta: Meta<Args> = {
  title: 'Components/WorkspaceCard',
  component: documented(WorkspaceCard),
  parameters: { mockSocket: { server: { workspaceCount: 8 } } },
  args: { eventsPerSecond: 0, onAction: fn(async () => {}) },
  argTypes: { workspace: { control: false } },
  render: ({ onAction }, { parameters }) => (
    <div style={{ width: 320, padding: 16 }}>
      <LiveWorkspaceCard workspaceId={parameters.workspaceId as string} onAction={onAction} />
    </div>
  ),
};
export default meta;

type Story = StoryObj<Args>;

/** An agent is working in it (uncommitted edits): on the Working column, its dot lit. */
export const AgentWorking: Story = { parameters: { workspaceId: 'ws-0001' } };

/** The agent waits for its plan to be approved. */
export const WaitingForApproval: Story = { parameters: { workspaceId: 'ws-0002' } };

/** A pull request whose CI failed. */
export const CiFailing: Story = { parameters: { workspaceId: 'ws-0004' } };

/** Merged: on the Done column, its pull request and CI passed. */
export const Merged: Story = { parameters: { workspaceId: 'ws-0007' } };

import { useSidebarWorkspaceIds } from '@livesnap/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { type ComponentProps, useState } from 'react';
import { fn } from 'storybook/test';
import { ProjectSwitcher } from '../src/demo.js';
import { documented, type LiveArgs } from '../src/live-meta.js';
import { scenarios } from '../src/scenarios.js';

type Args = LiveArgs<ComponentProps<typeof ProjectSwitcher>>;

/** Which project the page shows, each with its workspace count; the current project's count is the live one. */
const meta: Meta<Args> = {
  title: 'Components/ProjectSwitcher',
  component: documented(ProjectSwitcher),
  args: { eventsPerSecond: 0, onChange: fn() },
  argTypes: { projects: { control: false }, value: { control: false } },
  render: function Render({ onChange }) {
    const shown = useSidebarWorkspaceIds().length;
    const [value, setValue] = useState('acme-web');
    const projects = [
      { id: 'acme-web', name: 'acme-web', workspaceCount: shown },
      { id: 'acme-api', name: 'acme-api', workspaceCount: 24 },
      { id: 'monorepo', name: 'monorepo', workspaceCount: 2_000 },
    ];
    const change = (id: string) => {
      setValue(id);
      onChange?.(id);
    };
    return <ProjectSwitcher projects={projects} value={value} onChange={change} />;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** Three projects; acme-web's count (21) is what its live client holds. */
export const ThreeProjects: Story = { parameters: { mockSocket: scenarios.live } };

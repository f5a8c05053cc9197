// Every story: the demo's stylesheet, the mock-socket decorator (one place), the activity-rate control, and a docs
// page per component (its props from their types, each story's one-line description).
import type { Preview } from '@storybook/react-vite';
import '../../demo/web/components/demo.css';
import { withMockSocket } from '../src/mock-socket.js';
import './preview.css';

const preview: Preview = {
  decorators: [withMockSocket],
  tags: ['autodocs'],
  args: { eventsPerSecond: 0 },
  argTypes: {
    eventsPerSecond: {
      name: 'eventsPerSecond',
      description: 'Simulated changes per second on the mock server (0: none)',
      control: { type: 'range', min: 0, max: 50, step: 1 },
      table: { category: 'mock server' },
    },
  },
  parameters: {
    controls: { expanded: true },
    // Each story of a docs page in its own frame: each has its own mock server and client, and the devtools panel
    // floats over its own story.
    docs: { story: { inline: false, height: '480px' } },
  },
};

export default preview;

// A frame for components that fill their parent's height (the sidebar, the board): the story's full height, and a
// width when the component has none of its own.
import type { Decorator } from '@storybook/react-vite';

/** A decorator that gives the story the frame's height, as the demo's layout gives the component. */
export function fullHeight(width?: number): Decorator {
  return (Story) => (
    <div style={{ height: '100vh', display: 'flex', width }}>
      <Story />
    </div>
  );
}

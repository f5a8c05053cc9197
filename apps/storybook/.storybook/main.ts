// Storybook's configuration (written by hand: `storybook init` is interactive). Telemetry and version checks are off:
// these machines reach only the npm registry, and Storybook would wait on the internet.
import type { StorybookConfig } from '@storybook/react-vite';

const config: StorybookConfig = {
  framework: { name: '@storybook/react-vite', options: {} },
  stories: ['../stories/**/*.stories.tsx'],
  addons: ['@storybook/addon-docs'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
};

export default config;

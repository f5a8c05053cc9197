import { defineConfig } from 'vitest/config';

// Not a project of the root config: scripts/test.mjs runs it once, on the machine's Node, in a stage of its own.
export default defineConfig({
  root: import.meta.dirname,
  test: { name: '@livesnap/storybook', include: ['test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 240_000 },
});

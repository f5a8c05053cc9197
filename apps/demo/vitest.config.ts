import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: '@livesnap/demo',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts'],
    // Each test waits for events, never for time; the limit only stops a hang. The demo's tests run real git and
    // SQLite, and a walk through a workspace's life (17 steps, each with git commands) takes 5 to 6 s on a loaded
    // 2-core machine, past vitest's 5 s default.
    testTimeout: 30_000,
  },
});

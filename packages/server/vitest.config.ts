import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: '@livesnap/server',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});

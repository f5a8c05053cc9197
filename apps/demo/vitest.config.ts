import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: '@livesnap/demo',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts'],
  },
});

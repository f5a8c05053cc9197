import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: '@livesnap/redis',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: '@livesnap/client',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});

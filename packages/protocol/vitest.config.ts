import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: '@livesnap/protocol',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});

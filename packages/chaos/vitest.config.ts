import { defineConfig } from 'vitest/config';

// One file at a time: the tests measure a server process's memory and its clients' latency, which another test
// running beside them on a 2-core machine would distort.
export default defineConfig({
  test: {
    name: '@livesnap/chaos',
    include: ['test/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 60_000,
  },
});

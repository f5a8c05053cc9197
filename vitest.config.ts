import { defineConfig } from 'vitest/config';

// Every package and app is a project; globs are anchored here so that `vitest` works from any folder. The chaos tests
// are not: they run once, alone, in a stage of their own (scripts/test.mjs; `pnpm test:chaos` for the full sizes).
export default defineConfig({
  test: {
    projects: [
      `${import.meta.dirname}/packages/*`,
      `${import.meta.dirname}/apps/*`,
      `!${import.meta.dirname}/packages/chaos`,
    ],
  },
});

import { defineConfig } from 'vitest/config';

// Every package and app is a project; globs are anchored here so that `vitest` works from any folder. Left out, each
// run once, alone, on the machine's Node, in a stage of its own (scripts/test.mjs): the chaos tests (`pnpm test:chaos`
// for the full sizes) and Storybook's story test, which builds Storybook first.
export default defineConfig({
  test: {
    projects: [
      `${import.meta.dirname}/packages/*`,
      `${import.meta.dirname}/apps/*`,
      `${import.meta.dirname}/docs`,
      `!${import.meta.dirname}/packages/chaos`,
      `!${import.meta.dirname}/apps/storybook`,
    ],
  },
});

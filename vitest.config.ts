import { defineConfig } from 'vitest/config';

// Every package and app is a project; globs are anchored here so that `vitest` works from any folder. Storybook's
// story test is left out: it builds Storybook and runs once, on the machine's Node, as its own stage of scripts/test.mjs
// (`vitest run --config apps/storybook/vitest.config.ts`), not once per Node version with these.
export default defineConfig({
  test: {
    projects: [
      `${import.meta.dirname}/packages/*`,
      `${import.meta.dirname}/apps/*`,
      `!${import.meta.dirname}/apps/storybook`,
    ],
  },
});

import { defineConfig } from 'vitest/config';

// Every package and app is a project; globs are anchored here so that `vitest` works from any folder.
export default defineConfig({
  test: {
    projects: [`${import.meta.dirname}/packages/*`, `${import.meta.dirname}/apps/*`, `${import.meta.dirname}/docs`],
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: '@livesnap/devtools',
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    // jsdom, like @livesnap/react's tests: the DOM React's own tests run on.
    environment: 'jsdom',
    setupFiles: ['./test/setup.ts'],
    // The type tests (`*.test-d.tsx`) run as tests: each `expectTypeOf` that does not hold fails its test.
    typecheck: { enabled: true, include: ['test/**/*.test-d.tsx'], tsconfig: './tsconfig.test.json' },
  },
});

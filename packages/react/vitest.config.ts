import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: '@livesnap/react',
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    // jsdom: the DOM React's own tests run on, and the one whose hydration checks match a browser's.
    environment: 'jsdom',
    setupFiles: ['./test/setup.ts'],
    // The type tests (`*.test-d.tsx`) run as tests: each `expectTypeOf` that does not hold fails its test.
    typecheck: { enabled: true, include: ['test/**/*.test-d.tsx'], tsconfig: './tsconfig.test.json' },
  },
});

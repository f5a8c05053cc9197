// The web page's Vite config, read by the demo server (its dev server in middleware mode, and `vite build` for
// `--prod`) and by anything else that builds the page's components (Storybook).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  plugins: [react()],
  // Named up front so that the dev server's first page load does not discover them one by one and reload the page.
  optimizeDeps: {
    include: [
      'react',
      'react-dom/client',
      'react/jsx-dev-runtime',
      'react/jsx-runtime',
      '@tanstack/react-query',
      // Dependencies of the workspace packages, which pnpm does not hoist: reached through the package that has them.
      '@livesnap/react > zustand',
      '@livesnap/react > zustand/vanilla/shallow',
      '@livesnap/client > zustand/vanilla',
      '@livesnap/protocol > zod/mini',
      '@livesnap/client > idb-keyval',
    ],
  },
  build: { emptyOutDir: true, reportCompressedSize: false },
});

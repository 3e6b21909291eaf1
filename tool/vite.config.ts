import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * tool/ → public/app/. The server sends public/app/index.html as the launch response (with the
 * bootstrap JSON injected) and serves /app/assets/* with immutable caching, hence base /app/.
 */
export default defineConfig({
  root,
  base: '/app/',
  plugins: [preact()],
  build: {
    outDir: fileURLToPath(new URL('../public/app', import.meta.url)),
    emptyOutDir: true,
    // The CSP has no data: in font-src: every asset must be a file, never inlined.
    assetsInlineLimit: 0,
    target: 'es2022',
  },
});

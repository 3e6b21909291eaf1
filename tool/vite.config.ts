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
    // Terser (already a dev dependency) packs Chart.js and the shell some 7 % smaller than the
    // default minifier: what keeps the dashboards under the 100 KB budget (issue 17).
    minify: 'terser',
    terserOptions: { module: true, compress: { passes: 2 } },
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Left alone, the bundler cuts the code every page runs into dozens of sub-kilobyte
          // files (each its own request, each gzipped without the others' context): one file.
          groups: [{ name: 'index', tags: ['$initial'] }],
        },
      },
    },
  },
});

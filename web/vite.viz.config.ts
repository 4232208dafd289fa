import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * The chart sandbox runtime (ARCHITECTURE §5): React, Recharts and sucrase in one classic
 * script, web/dist/viz/runtime.js, loaded by web/public/viz-runtime.html. A classic script
 * because the sandboxed frame is cross-origin to everything and module scripts need CORS.
 */
export default defineConfig({
  root: webRoot,
  publicDir: false,
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist/viz',
    emptyOutDir: true,
    chunkSizeWarningLimit: 3000,
    lib: {
      entry: fileURLToPath(new URL('./src/viz-runtime/main.tsx', import.meta.url)),
      formats: ['iife'],
      name: 'InsightxVizRuntime',
      fileName: () => 'runtime.js',
    },
  },
});

import tailwindcss from '@tailwindcss/vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * The InsightX web app. `npm run build:web` writes it to web/dist, which the InsightX server
 * serves (one process, one port). The chart sandbox runtime is a separate IIFE build
 * (vite.viz.config.ts), because a sandboxed frame has an opaque origin and cannot load
 * module scripts without CORS.
 * In development, `npm run dev:web` proxies /api to a server started with `npm start`.
 */
export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [tailwindcss()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: { '/api': { target: process.env.INSIGHTX_URL ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});

import tailwindcss from '@tailwindcss/vite';
import { createReadStream, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * The InsightX web app. `npm run build:web` writes it to web/dist, which the InsightX server
 * serves (one process, one port). The chart sandbox runtime is a separate IIFE build
 * (vite.viz.config.ts), because a sandboxed frame has an opaque origin and cannot load
 * module scripts without CORS.
 * In development, `npm run dev:web` proxies /api to a server started with `npm start`.
 */
/** In development, serves the chart runtime from its last build (`npm run build:web` once). */
function serveBuiltVizRuntime(): Plugin {
  const runtime = fileURLToPath(new URL('./dist/viz/runtime.js', import.meta.url));
  return {
    name: 'insightx-viz-runtime-dev',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use('/viz/runtime.js', (_request, response) => {
        if (!existsSync(runtime)) {
          response.statusCode = 404;
          response.end('// run `npm run build:web` once to build the chart runtime');
          return;
        }
        response.setHeader('content-type', 'text/javascript');
        createReadStream(runtime).pipe(response);
      });
    },
  };
}

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [tailwindcss(), serveBuiltVizRuntime()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: { '/api': { target: process.env.INSIGHTX_URL ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});

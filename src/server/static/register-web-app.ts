import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { APP_PAGE_HEADERS, securityHeadersFor } from './security-headers.js';

const BUILD_HINT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>InsightX</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>InsightX is running</h1>
<p>The web app is not built yet. Build it with:</p>
<pre>npm run build:web</pre>
<p>then restart <code>insightx serve</code>. Meanwhile the API answers at <a href="/api/health">/api/health</a>
(described in <a href="/api/openapi.json">/api/openapi.json</a>), e.g.</p>
<pre>curl -N -X POST http://127.0.0.1:3000/api/threads/&lt;id&gt;/messages \\
  -H 'content-type: application/json' -d '{"content":"How many payments failed?"}'</pre>
</body></html>`;

/**
 * Serves the built web app (`web/dist`) with a single-page fallback to index.html; without a
 * build, `/` says how to make one. API paths never fall back to the page. Pages carry the
 * security headers of security-headers.ts (the chart runtime its own, stricter ones).
 */
export async function registerWebApp(app: FastifyInstance, webDistDir: string | undefined): Promise<void> {
  const index = webDistDir ? path.join(webDistDir, 'index.html') : undefined;
  if (webDistDir && index && existsSync(index)) {
    await app.register(fastifyStatic, {
      root: path.resolve(webDistDir),
      wildcard: false,
      // Also applied to the single-page fallback below (sendFile).
      setHeaders: (reply, filePath) => {
        const headers = securityHeadersFor(filePath);
        if (headers) reply.headers(headers);
      },
    });
    app.get('/*', (request, reply) => {
      // The decoded path (the router's), so `/%61pi/…` is an API path too.
      const decodedPath = (request.params as { '*': string })['*'];
      if (decodedPath === 'api' || decodedPath.startsWith('api/')) return reply.callNotFound();
      return reply.sendFile('index.html');
    });
    return;
  }
  app.get('/', (_request, reply) => reply.headers(APP_PAGE_HEADERS).type('text/html; charset=utf-8').send(BUILD_HINT_PAGE));
}

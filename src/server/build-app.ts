import Fastify, { type FastifyInstance } from 'fastify';
import { AppError } from '../core/app-error.js';
import type { AppDeps } from './app-deps.js';
import { installAuthentication } from './auth/authenticate.js';
import { installErrorHandler } from './http/error-handler.js';
import { installJsonBodyParser } from './http/json-body-parser.js';
import { installNulByteGuard } from './http/reject-nul-bytes.js';
import { openApiDocument } from './openapi/openapi-document.js';
import { registerDataRoutes } from './routes/data-routes.js';
import { registerDatasourceRoutes } from './routes/datasource-routes.js';
import { registerDatasourceUploadRoutes } from './routes/datasource-upload-routes.js';
import { registerFeedbackRoutes } from './routes/feedback-routes.js';
import { registerHealthRoutes } from './routes/health-routes.js';
import { registerMessageRoutes } from './routes/message-routes.js';
import { registerRunRoutes } from './routes/run-routes.js';
import { registerSqlToolRoutes } from './routes/sql-tool-routes.js';
import { registerSynonymRoutes } from './routes/synonym-routes.js';
import { registerTemplateRoutes } from './routes/template-routes.js';
import { registerThreadRoutes } from './routes/thread-routes.js';
import { registerThreadUsageRoutes } from './routes/thread-usage-routes.js';
import { registerWebApp } from './static/register-web-app.js';

export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * The HTTP app (ARCHITECTURE §2 "server"): routes, SSE, auth and errors, without listening.
 * Tests call `app.inject()`; main.ts calls `app.listen()`.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const bodyLimit = deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit,
    // SSE streams stay open until run-end: on close, connections are ended, not awaited.
    forceCloseConnections: true,
    return503OnClosing: true,
  });
  installErrorHandler(app, bodyLimit);
  installAuthentication(app, deps.store, deps.auth);
  installJsonBodyParser(app);
  installNulByteGuard(app);
  app.setNotFoundHandler((request, reply) => {
    const error = new AppError('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}.`);
    return reply.status(404).send(error.toJSON());
  });

  registerHealthRoutes(app, deps);
  const openApi = openApiDocument(deps.version ?? '0.0.0');
  app.get('/api/openapi.json', async () => openApi);
  registerThreadRoutes(app, deps);
  registerMessageRoutes(app, deps);
  registerThreadUsageRoutes(app, deps);
  registerRunRoutes(app, deps);
  registerDatasourceRoutes(app, deps);
  registerSynonymRoutes(app, deps);
  const uploadDir = deps.uploadDir;
  // In its own scope: the raw-file body parser it adds stays with the upload route, so JSON
  // routes answer other media types 415 instead of taking a stream they ignore.
  if (uploadDir) await app.register(async (scope) => registerDatasourceUploadRoutes(scope, { ...deps, uploadDir }));
  registerDataRoutes(app, deps);
  registerSqlToolRoutes(app, deps);
  registerTemplateRoutes(app, deps);
  registerFeedbackRoutes(app, deps);
  await registerWebApp(app, deps.webDistDir);
  return app;
}

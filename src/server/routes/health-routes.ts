import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';

/** `GET /api/health`: up, and whether the store answers. No token needed. */
export function registerHealthRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/api/health', async (_request, reply) => {
    const storeOk = await deps.store.db.query('SELECT 1').then(
      () => true,
      () => false,
    );
    return reply.status(storeOk ? 200 : 503).send({
      status: storeOk ? 'ok' : 'degraded',
      version: deps.version ?? '0.0.0',
      store: { kind: deps.store.db.kind, ok: storeOk },
      activeRuns: deps.runs.activeCount,
      localMode: Boolean(deps.auth.localWorkspaceId),
    });
  });
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../core/app-error.js';
import type { AppDeps } from '../app-deps.js';
import { parseInput } from '../http/parse-body.js';
import { parseLastEventId } from '../http/parse-last-event-id.js';
import { streamRunEvents } from '../sse/stream-run-events.js';

const IdParams = z.object({ id: z.string().min(1) });

/** A run: its state, its event stream (with resume), and cancelling it. */
export function registerRunRoutes(app: FastifyInstance, deps: AppDeps): void {
  const requireRun = async (workspaceId: string, id: string) => {
    const run = await deps.store.runs.get(workspaceId, id);
    if (!run) throw new AppError('NOT_FOUND', `No run ${id}.`);
    return run;
  };

  app.get('/api/runs/:id', async (request) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    return requireRun(request.auth.workspaceId, id);
  });

  app.get('/api/runs/:id/events', async (request, reply) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    const afterSeq = parseLastEventId(request.headers['last-event-id'], (request.query as { lastEventId?: unknown }).lastEventId);
    await requireRun(request.auth.workspaceId, id);
    await streamRunEvents(reply, { store: deps.store, bus: deps.bus, runId: id, afterSeq });
  });

  app.post('/api/runs/:id/cancel', async (request, reply) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    const run = await requireRun(request.auth.workspaceId, id);
    if (run.status !== 'running') return reply.status(200).send({ runId: id, status: run.status });
    const cancelling = deps.runs.cancel(id);
    return reply.status(202).send({ runId: id, status: cancelling ? 'cancelling' : 'running' });
  });
}

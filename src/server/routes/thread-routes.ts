import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../core/app-error.js';
import type { AppDeps } from '../app-deps.js';
import { parseInput } from '../http/parse-body.js';

const IdParams = z.object({ id: z.string().min(1) });
const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), offset: z.coerce.number().int().min(0).default(0) });
const CreateThread = z.object({ title: z.string().trim().min(1).max(200).optional(), datasource: z.string().min(1).optional() });
const UpdateThread = z
  .object({ title: z.string().trim().min(1).max(200).optional(), datasource: z.string().min(1).nullable().optional() })
  .refine((body) => body.title !== undefined || body.datasource !== undefined, 'give a title or a datasource to change');

/** Threads: list, create, get, rename, delete. */
export function registerThreadRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { store } = deps;
  const requireThread = async (workspaceId: string, id: string) => {
    const thread = await store.threads.get(workspaceId, id);
    if (!thread) throw new AppError('NOT_FOUND', `No thread ${id}.`);
    return thread;
  };

  app.get('/api/threads', async (request) => {
    const query = parseInput(ListQuery, request.query, 'query');
    return { threads: await store.threads.list(request.auth.workspaceId, query) };
  });

  app.post('/api/threads', async (request, reply) => {
    const body = parseInput(CreateThread, request.body);
    if (body.datasource) await deps.datasources.runKey(request.auth.workspaceId, body.datasource);
    const thread = await store.threads.create(request.auth.workspaceId, { title: body.title ?? 'New thread', datasource: body.datasource ?? null });
    return reply.status(201).send(thread);
  });

  app.get('/api/threads/:id', async (request) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    return requireThread(request.auth.workspaceId, id);
  });

  app.patch('/api/threads/:id', async (request) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    const body = parseInput(UpdateThread, request.body);
    if (body.datasource) await deps.datasources.runKey(request.auth.workspaceId, body.datasource);
    const thread = await store.threads.update(request.auth.workspaceId, id, body);
    if (!thread) throw new AppError('NOT_FOUND', `No thread ${id}.`);
    return thread;
  });

  app.delete('/api/threads/:id', async (request, reply) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    await requireThread(request.auth.workspaceId, id);
    // Stop the thread's runs first, so none keeps writing into a deleted thread.
    const running = (await store.runs.listByThread(request.auth.workspaceId, id)).filter((run) => run.status === 'running');
    for (const run of running) deps.runs.cancel(run.id);
    await Promise.all(running.map((run) => deps.runs.settled(run.id)));
    await store.threads.delete(request.auth.workspaceId, id);
    return reply.status(204).send();
  });
}

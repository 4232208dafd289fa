import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../core/app-error.js';
import type { AppDeps } from '../app-deps.js';
import { parseInput } from '../http/parse-body.js';
import { streamRunEvents } from '../sse/stream-run-events.js';

const IdParams = z.object({ id: z.string().min(1) });
const PostMessage = z.object({
  content: z.string().max(10_000, 'a question is at most 10,000 characters'),
  datasource: z.string().min(1).optional(),
});

/** True when the client asked for JSON rather than the event stream. */
function wantsJson(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.includes('application/json') && !accept.includes('text/event-stream');
}

/** A thread's messages, and asking a question (which starts a run). */
export function registerMessageRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/api/threads/:id/messages', async (request) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    if (!(await deps.store.threads.get(request.auth.workspaceId, id))) throw new AppError('NOT_FOUND', `No thread ${id}.`);
    const [messages, feedback] = await Promise.all([
      deps.store.messages.list(request.auth.workspaceId, id),
      deps.store.feedback.listByThread(request.auth.workspaceId, id),
    ]);
    const byMessage = new Map(feedback.map((entry) => [entry.messageId, { rating: entry.rating, correction: entry.correction }]));
    return { messages: messages.map((message) => ({ ...message, feedback: byMessage.get(message.id) ?? null })) };
  });

  app.post('/api/threads/:id/messages', async (request, reply) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    const body = parseInput(PostMessage, request.body);
    const { firstEvents, ...started } = await deps.runs.start({ workspaceId: request.auth.workspaceId, threadId: id, content: body.content, datasource: body.datasource });
    const eventsUrl = `/api/runs/${started.runId}/events`;
    if (wantsJson(request.headers.accept)) {
      return reply.status(202).header('location', eventsUrl).send({ ...started, eventsUrl });
    }
    await streamRunEvents(reply, {
      store: deps.store,
      bus: deps.bus,
      runId: started.runId,
      afterSeq: -1,
      headers: { 'x-run-id': started.runId, 'x-message-id': started.messageId },
      initialEvents: firstEvents,
    });
  });
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../core/app-error.js';
import type { AppDeps } from '../app-deps.js';
import { parseInput } from '../http/parse-body.js';

const IdParams = z.object({ id: z.string().min(1) });
const FeedbackBody = z.object({
  rating: z.enum(['up', 'down']),
  correction: z.string().trim().min(1).max(10_000).optional(),
});

/**
 * Feedback on an answer (up/down, optional corrected text). An "up" on an answer that ran
 * SQL teaches the question → SQL pair (learned_queries) for later questions.
 */
export function registerFeedbackRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.post('/api/messages/:id/feedback', async (request, reply) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    const body = parseInput(FeedbackBody, request.body);
    const workspaceId = request.auth.workspaceId;
    const message = await deps.store.messages.get(workspaceId, id);
    if (!message) throw new AppError('NOT_FOUND', `No message ${id}.`);
    if (message.role !== 'assistant') throw new AppError('INPUT_INVALID', 'Feedback goes on an answer (an assistant message), not on a question.');
    const feedback = await deps.store.feedback.upsert(workspaceId, { messageId: id, rating: body.rating, correction: body.correction ?? null });
    const sql = message.details.sql;
    if (body.rating === 'up' && sql && message.runId) {
      const run = await deps.store.runs.get(workspaceId, message.runId);
      if (run) await deps.store.learnedQueries.create(workspaceId, { datasource: run.datasource, question: run.question, sql, source: 'feedback' });
    }
    return reply.status(201).send(feedback);
  });
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../core/app-error.js';
import type { AppDeps } from '../app-deps.js';
import { parseInput } from '../http/parse-body.js';
import { CONTENT_TYPES, parseResultFormat } from '../results/result-formats.js';
import { resultCsvStream } from '../results/result-csv-stream.js';
import { resultJsonStream } from '../results/result-json-stream.js';
import { resultParquet } from '../results/result-parquet.js';

const IdParams = z.object({ resultId: z.string().min(1) });

/**
 * The full result behind a `data-ready` event, as JSON, CSV or Parquet. JSON and CSV stream
 * the rows from the store page by page as the client reads (back-pressure: a client that
 * stops reading stops the reading); the store holds at most `limits.resultMaxBytes` of rows.
 */
export function registerDataRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/api/data/:resultId', async (request, reply) => {
    const { resultId } = parseInput(IdParams, request.params, 'path');
    const format = parseResultFormat((request.query as { format?: unknown }).format);
    const header = await deps.store.results.getHeaderForWorkspace(request.auth.workspaceId, resultId);
    if (!header) throw new AppError('NOT_FOUND', `No result ${resultId}.`);
    const readPage = (offset: number, count: number) => deps.store.results.listRows(resultId, offset, count);
    reply.header('content-type', CONTENT_TYPES[format]);
    if (format !== 'json') reply.header('content-disposition', `attachment; filename="${resultId}.${format}"`);
    if (format === 'json') return reply.send(resultJsonStream(header, readPage));
    if (format === 'csv') return reply.send(resultCsvStream(header, readPage));
    // Parquet is written whole (its footer indexes every column chunk); the byte cap bounds it.
    const result = await deps.store.results.getForWorkspace(request.auth.workspaceId, resultId);
    if (!result) throw new AppError('NOT_FOUND', `No result ${resultId}.`);
    return reply.send(resultParquet(result));
  });
}

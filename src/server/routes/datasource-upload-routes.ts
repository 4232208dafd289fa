import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../core/app-error.js';
import type { AppDeps } from '../app-deps.js';
import { parseInput } from '../http/parse-body.js';

/** Files that become one table in an embedded DuckDB (as the data layer's `file` kind reads them). */
const UPLOAD_EXTENSIONS = new Set(['.csv', '.tsv', '.parquet', '.json', '.jsonl', '.ndjson']);
export const DEFAULT_UPLOAD_LIMIT_BYTES = 512 * 1024 * 1024;

const UploadQuery = z.object({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,62}$/, 'a datasource name is a letter, then letters, digits, _ or - (at most 63)'),
  filename: z.string().min(1).max(255),
});

/** Counts bytes through the pipe and stops past the limit. */
function byteLimit(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) callback(new AppError('HTTP_BODY_TOO_LARGE', `The file is larger than ${limit} bytes.`, { details: { limitBytes: limit } }));
      else callback(null, chunk);
    },
  });
}

/**
 * `POST /api/datasources/upload?name=&filename=` with the file as the raw body
 * (`Content-Type: application/octet-stream`): the file is streamed to
 * `<uploadDir>/<workspace>/<name><ext>` and registered as a `file` datasource of the workspace.
 */
export function registerDatasourceUploadRoutes(app: FastifyInstance, deps: AppDeps & { uploadDir: string }): void {
  const limit = deps.uploadLimitBytes ?? DEFAULT_UPLOAD_LIMIT_BYTES;
  // The body stays a stream: a large file never sits in memory.
  app.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));

  app.post('/api/datasources/upload', async (request, reply) => {
    const query = parseInput(UploadQuery, request.query, 'query');
    const extension = path.extname(query.filename).toLowerCase();
    if (!UPLOAD_EXTENSIONS.has(extension)) {
      throw new AppError('DATASOURCE_UNSUPPORTED', `"${query.filename}" is not a file InsightX reads as a table; upload .csv, .tsv, .parquet, .json or .jsonl.`);
    }
    const body = request.body as Readable | undefined;
    if (!body || typeof body.pipe !== 'function') {
      throw new AppError('INPUT_INVALID', 'Send the file as the request body with Content-Type: application/octet-stream.');
    }
    const folder = path.join(deps.uploadDir, request.auth.workspaceId);
    mkdirSync(folder, { recursive: true });
    const file = path.join(folder, `${query.name}${extension}`);
    if (await deps.store.datasources.getByName(request.auth.workspaceId, query.name)) {
      throw new AppError('INPUT_INVALID', `A datasource named "${query.name}" already exists in this workspace.`);
    }
    try {
      await pipeline(body, byteLimit(limit), createWriteStream(file));
      const registered = await deps.datasources.register(request.auth.workspaceId, { kind: 'file', name: query.name, path: file });
      return reply.status(201).send(registered);
    } catch (error) {
      rmSync(file, { force: true });
      throw error;
    }
  });
}

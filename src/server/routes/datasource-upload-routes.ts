import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../core/app-error.js';
import type { AppDeps } from '../app-deps.js';
import { processTempPrefix } from '../../data/process-temp-files.js';
import { tableNameFromPath } from '../../data/datasource-registry.js';
import { DatasourceName } from '../datasources/datasource-name.js';
import { parseInput } from '../http/parse-body.js';

/** Files that become one table in an embedded DuckDB (as the data layer's `file` kind reads them). */
const UPLOAD_EXTENSIONS = new Set(['.csv', '.tsv', '.parquet', '.json', '.jsonl', '.ndjson']);
export const DEFAULT_UPLOAD_LIMIT_BYTES = 512 * 1024 * 1024;

/** Prefix of uploads being written; the server's start removes those of dead processes. */
export const UPLOAD_TEMP_PREFIX = '.upload-';

const UploadQuery = z.object({
  name: DatasourceName,
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
 * (`Content-Type: application/octet-stream`). The name is reserved first (a second upload of
 * the same name fails at once, before writing); the body streams to a temporary file in the
 * workspace's upload folder, which is renamed to `<name>-<random><ext>` once complete (so no
 * reader ever sees half a file and no two uploads share one), then opened as a `file`
 * datasource of the workspace. Any failure removes the reservation and the file.
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
    const folder = deps.datasources.uploadFolder(request.auth.workspaceId);
    if (!folder) throw new AppError('NOT_FOUND', 'Uploads are off on this server.');
    mkdirSync(folder, { recursive: true });
    const unique = randomBytes(6).toString('hex');
    const file = path.join(folder, `${query.name}-${unique}${extension}`);
    const config = { kind: 'file' as const, name: query.name, path: file, table: tableNameFromPath(query.name) };
    const registered = await deps.datasources.register(request.auth.workspaceId, config, {
      async write(target) {
        const temporary = path.join(folder, `${processTempPrefix(UPLOAD_TEMP_PREFIX)}${unique}.part`);
        const out = createWriteStream(temporary, { flags: 'wx' });
        try {
          await pipeline(body, byteLimit(limit), out);
          renameSync(temporary, target);
        } finally {
          // A failed pipeline destroys the stream while its open may still be pending: wait for
          // it to close, or the file would appear after it was removed.
          if (!out.closed) await once(out, 'close').catch(() => undefined);
          rmSync(temporary, { force: true });
        }
      },
    });
    return reply.status(201).send(registered);
  });
}

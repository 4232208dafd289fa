import type { FastifyInstance } from 'fastify';
import { AppError } from '../../core/app-error.js';
import { findNulByte } from './find-nul-byte.js';

/** 400 INPUT_INVALID naming where the NUL character was. */
export function nulByteError(part: 'body' | 'query' | 'path', field: string): AppError {
  const shown = field.replaceAll('\u0000', '\\u0000');
  const where = field === '' ? `the ${part}` : `${part} field "${shown}"`;
  return new AppError('INPUT_INVALID', `The request ${part} is not valid: ${where} contains a NUL character (\\u0000); remove it and send again.`, {
    details: { fields: [shown] },
  });
}

/**
 * Query strings and path parameters arrive decoded (`%00` is a NUL); none may hold one. JSON
 * bodies are checked as they are parsed (json-body-parser.ts).
 */
export function installNulByteGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const inQuery = findNulByte(request.query);
    if (inQuery !== undefined) throw nulByteError('query', inQuery);
    const inPath = findNulByte(request.params);
    if (inPath !== undefined) throw nulByteError('path', inPath);
  });
}

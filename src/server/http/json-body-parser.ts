import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../core/app-error.js';
import { findNulByte } from './find-nul-byte.js';
import { nulByteError } from './reject-nul-bytes.js';

/**
 * How deep a request body may nest (objects and arrays). Real bodies nest a few levels; a
 * bound keeps every later walk (validation, JSON columns in the store) off the call stack's edge.
 */
export const MAX_JSON_DEPTH = 64;

const UTF8_CHARSETS = new Set(['utf-8', 'utf8']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

function charsetOf(contentType: string | undefined): string | undefined {
  return /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')?.[1]?.toLowerCase();
}

/** The deepest nesting in JSON text, counting brackets outside strings; stops past `limit`. */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c) index += 1; // backslash: skip the escaped character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (code === 0x5d || code === 0x7d) depth -= 1;
  }
  return false;
}

/**
 * The only body parser for JSON routes (routes that take files add their own in their scope):
 * the body must be UTF-8 (RFC 8259; a declared other charset is 415, undecodable bytes 400),
 * nest at most MAX_JSON_DEPTH levels, and hold no NUL character in any string or key (the store
 * cannot keep one, and a database driver may cut a statement short at it). Other media types
 * have no parser, so Fastify answers them 415 (error-handler.ts says which to send).
 */
export function installJsonBodyParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'ignore');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request: FastifyRequest, body: Buffer, done) => {
    const charset = charsetOf(request.headers['content-type']);
    if (charset !== undefined && !UTF8_CHARSETS.has(charset)) {
      done(new AppError('HTTP_UNSUPPORTED_MEDIA_TYPE', `JSON bodies must be UTF-8 (got charset=${charset.slice(0, 40)}); re-encode the body as UTF-8 and send Content-Type: application/json.`));
      return;
    }
    let text: string;
    try {
      text = utf8.decode(body);
    } catch {
      done(new AppError('HTTP_BODY_INVALID_JSON', 'The request body is not valid UTF-8 (Latin-1 or another encoding?); JSON must be sent as UTF-8.'));
      return;
    }
    if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
      done(new AppError('HTTP_BODY_TOO_DEEP', `The request body nests more than ${MAX_JSON_DEPTH} levels of objects or arrays; flatten it.`, { details: { maxDepth: MAX_JSON_DEPTH } }));
      return;
    }
    parseJson(request, text, (error, value) => {
      if (error) return done(error);
      const field = findNulByte(value);
      if (field !== undefined) return done(nulByteError('body', field));
      done(null, value);
    });
  });
}

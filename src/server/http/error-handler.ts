import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, isAppError } from '../../core/app-error.js';
import { boundedErrorBody } from './bounded-error-body.js';

/** Fastify's own errors mapped to our codes: bad input stays 4xx with a clear message. */
function fromFastifyError(error: FastifyError, bodyLimit: number): AppError | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('HTTP_BODY_INVALID_JSON', `The request body is not valid JSON: ${error.message}`);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('HTTP_BODY_TOO_LARGE', `The request body is larger than ${bodyLimit} bytes.`, { details: { limitBytes: bodyLimit } });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('HTTP_UNSUPPORTED_MEDIA_TYPE', 'This route takes a JSON body: send it with Content-Type: application/json (UTF-8).');
    default:
      break;
  }
  if (error instanceof SyntaxError && error.statusCode === 400) {
    return new AppError('HTTP_BODY_INVALID_JSON', `The request body is not valid JSON: ${error.message}`);
  }
  if (error.validation) return new AppError('INPUT_INVALID', error.message);
  return undefined;
}

/**
 * Every error answers `{code, message}` (STYLE.md "Errors") with the registry's status.
 * Unknown errors are 500 INTERNAL with a generic message; the detail goes to the log only.
 */
export function installErrorHandler(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = isAppError(error) ? error : fromFastifyError(error, bodyLimit);
    if (!known || known.code === 'INTERNAL' || known.category === 'system') {
      request.log.error({ err: error }, 'request failed');
    }
    if (!known || known.code === 'INTERNAL') {
      return reply.status(500).send({ code: 'INTERNAL', message: 'An unexpected error; the details are in the server log.' });
    }
    return reply.status(known.httpStatus).send(boundedErrorBody(known));
  });
}

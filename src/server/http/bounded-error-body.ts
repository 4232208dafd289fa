import type { AppError } from '../../core/app-error.js';

const MESSAGE_CHARS = 2_000;
const DETAIL_STRING_CHARS = 1_000;
const DETAILS_CHARS = 8_000;

const cut = (text: string, limit: number) => (text.length > limit ? `${text.slice(0, limit)}… (${text.length - limit} more characters)` : text);

/**
 * The JSON body of an error, bounded: an error about a very wide table carries SQL naming every
 * column (megabytes for 20,000 columns). The message and each detail string are cut, and
 * details still too large are left out; the full error goes to the server log.
 */
export function boundedErrorBody(error: AppError): ReturnType<AppError['toJSON']> {
  const body = error.toJSON();
  const bounded: ReturnType<AppError['toJSON']> = { code: body.code, message: cut(body.message, MESSAGE_CHARS) };
  if (body.details) {
    const details = Object.fromEntries(Object.entries(body.details).map(([key, value]) => [key, typeof value === 'string' ? cut(value, DETAIL_STRING_CHARS) : value]));
    if (JSON.stringify(details).length <= DETAILS_CHARS) bounded.details = details;
  }
  return bounded;
}

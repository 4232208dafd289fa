import type { KeyFailure } from './key-failure.js';

/**
 * Decides whether an HTTP answer means "this key cannot be used now" (so the next key should
 * take over) and why. Other failures (a bad request, a server error) are the request's fault,
 * not the key's, and go back to the SDK unchanged. Reads a clone, so the body stays readable.
 */
export async function classifyKeyFailure(response: Response): Promise<KeyFailure | undefined> {
  const { status } = response;
  if (![400, 401, 402, 403, 429, 529].includes(status)) return undefined;
  const body = await response.clone().text().catch(() => '');
  const message = errorMessageOf(body) ?? `HTTP ${status}`;
  const retryAfterMs = parseRetryAfter(response.headers);
  const withRetry = retryAfterMs === undefined ? {} : { retryAfterMs };
  // OpenAI answers an empty balance with 429 `insufficient_quota`; Anthropic with 400 "credit balance is too low".
  const quota = /insufficient_quota|credit balance|billing|quota/i.test(body);
  if (status === 400) return quota ? { reason: 'quota-exhausted', message, status } : undefined;
  if (status === 402 || (status === 429 && quota)) return { reason: 'quota-exhausted', message, status, ...withRetry };
  if (status === 429) return { reason: 'rate-limited', message, status, ...withRetry };
  if (status === 401) return { reason: 'unauthorized', message, status };
  if (status === 403) return { reason: 'forbidden', message, status };
  return { reason: 'overloaded', message, status, ...withRetry };
}

/** `retry-after-ms` (milliseconds, OpenAI) wins over `retry-after` (seconds or an HTTP date). */
export function parseRetryAfter(headers: Headers, now = Date.now()): number | undefined {
  const milliseconds = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** OpenAI `{error:{message}}`, Anthropic `{type:'error',error:{message}}`, or plain text. */
function errorMessageOf(body: string): string | undefined {
  if (!body) return undefined;
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    if (typeof parsed.error === 'string') return parsed.error;
    if (typeof parsed.error?.message === 'string') return parsed.error.message;
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON: fall through to the raw text
  }
  return body.slice(0, 300);
}

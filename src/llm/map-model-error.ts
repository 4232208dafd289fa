import { APICallError } from '@ai-sdk/provider';
import { AppError, toAppError } from '../core/app-error.js';

/**
 * Gives any error out of a model call its InsightX code: an AppError raised inside the call
 * (LLM_ALL_KEYS_EXHAUSTED from the key pool, LLM_STREAM_BROKEN) is found even when the SDK
 * wrapped it (RetryError, cause chains); a provider's HTTP error becomes LLM_CALL_FAILED with the
 * provider's words; an abort becomes RUN_CANCELLED.
 */
export function mapModelError(error: unknown, provider?: string): AppError {
  const inner = findAppError(error);
  if (inner) return inner;
  const apiError = findApiCallError(error);
  if (apiError) {
    const who = provider ?? 'The model provider';
    const status = apiError.statusCode === undefined ? '' : ` (HTTP ${apiError.statusCode})`;
    return new AppError('LLM_CALL_FAILED', `${who} refused the call${status}: ${apiError.message}`, {
      cause: error,
      retryable: apiError.isRetryable,
      details: { ...(provider ? { provider } : {}), ...(apiError.statusCode === undefined ? {} : { status: apiError.statusCode }), url: apiError.url },
    });
  }
  const mapped = toAppError(error);
  if (mapped.code !== 'INTERNAL') return mapped;
  return new AppError('LLM_CALL_FAILED', mapped.message, { cause: error, ...(provider ? { details: { provider } } : {}) });
}

function* causes(error: unknown): Generator<unknown> {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current !== undefined && current !== null && !seen.has(current)) {
    seen.add(current);
    yield current;
    const record = current as { lastError?: unknown; cause?: unknown };
    current = record.lastError ?? record.cause;
  }
}

function findAppError(error: unknown): AppError | undefined {
  for (const candidate of causes(error)) if (candidate instanceof AppError) return candidate;
  return undefined;
}

function findApiCallError(error: unknown): APICallError | undefined {
  for (const candidate of causes(error)) if (APICallError.isInstance(candidate)) return candidate;
  return undefined;
}

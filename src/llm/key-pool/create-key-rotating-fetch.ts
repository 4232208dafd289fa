import { AppError } from '../../core/app-error.js';
import { classifyKeyFailure } from './classify-key-failure.js';
import type { KeyFailure } from './key-failure.js';
import type { KeyPool } from './key-pool.js';

export type FetchFunction = typeof globalThis.fetch;

/** One hand-over from a failing key to the next, reported as a `key-rotated` event. */
export interface KeyRotation {
  provider: string;
  fromKey: number;
  toKey: number;
  reason: string;
}

export interface KeyRotatingFetchOptions {
  pool: KeyPool;
  /** Puts the key on the request: `Authorization: Bearer …` or Anthropic's `x-api-key`. */
  applyKey: (headers: Headers, key: string) => void;
  fetch?: FetchFunction;
  onRotate?: (rotation: KeyRotation) => void | Promise<void>;
  /** Told which key served the call, so token usage can be booked to it. */
  onKeyUsed?: (keyNumber: number) => void;
}

/**
 * A `fetch` for the SDK's provider factories that tries the pool's keys in turn. It works at
 * the HTTP level, so one mechanism covers generate and stream calls of every provider: a 429,
 * a quota or billing error, 401/403, Anthropic's 529 or a connection failure rests the key and
 * the same request goes out again with the next key. Anything else is returned to the SDK.
 * @throws AppError LLM_ALL_KEYS_EXHAUSTED with `details.keys = [{key, reason, message}]`.
 */
export function createKeyRotatingFetch(options: KeyRotatingFetchOptions): FetchFunction {
  const { pool, applyKey, onRotate, onKeyUsed } = options;
  const baseFetch = options.fetch ?? globalThis.fetch;

  return async (input, init) => {
    const failed: Array<{ key: number; failure: KeyFailure }> = [];
    let previous: { key: number; failure: KeyFailure } | undefined;
    for (const keyNumber of pool.candidates()) {
      if (previous) {
        await onRotate?.({ provider: pool.provider, fromKey: previous.key, toKey: keyNumber, reason: describeFailure(previous.failure) });
      }
      const headers = new Headers(init?.headers);
      applyKey(headers, pool.key(keyNumber));
      let failure: KeyFailure | undefined;
      try {
        const response = await baseFetch(input, { ...init, headers });
        failure = await classifyKeyFailure(response);
        if (!failure) {
          pool.markSuccess(keyNumber);
          onKeyUsed?.(keyNumber);
          return response;
        }
        await response.body?.cancel().catch(() => undefined);
      } catch (error) {
        if (isAbort(error, init?.signal)) throw error;
        failure = { reason: 'connection-failed', message: error instanceof Error ? connectionMessage(error) : String(error) };
      }
      pool.markFailure(keyNumber, failure);
      previous = { key: keyNumber, failure };
      failed.push(previous);
    }
    throw exhaustedError(pool, failed);
  };
}

function describeFailure(failure: KeyFailure): string {
  return failure.status ? `${failure.reason} (HTTP ${failure.status})` : failure.reason;
}

function isAbort(error: unknown, signal: AbortSignal | null | undefined): boolean {
  return Boolean(signal?.aborted) || (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'));
}

/** Node's fetch says only "fetch failed"; the useful words (ECONNREFUSED …) are in the cause. */
function connectionMessage(error: Error): string {
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

/**
 * Every key of the pool with its reason: the ones tried in this call, and the ones that were
 * already resting (with the reason they were set aside).
 */
function exhaustedError(pool: KeyPool, failed: Array<{ key: number; failure: KeyFailure }>): AppError {
  const keys = pool.status().map((status) => {
    const tried = failed.find((entry) => entry.key === status.number);
    const reason = tried ? tried.failure.reason : (status.lastError?.reason ?? 'resting');
    const message = tried ? tried.failure.message : status.lastError ? `resting since an earlier ${status.lastError.reason}: ${status.lastError.message}` : 'resting';
    return { key: status.number, reason, message, ...(tried?.failure.status ? { status: tried.failure.status } : {}) };
  });
  const summary = keys.map((entry) => `key ${entry.key}: ${entry.reason}`).join(', ');
  return new AppError('LLM_ALL_KEYS_EXHAUSTED', `Every ${pool.provider} API key failed (${summary}).`, {
    details: { provider: pool.provider, keys },
  });
}

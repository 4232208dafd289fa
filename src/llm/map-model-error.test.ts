import { APICallError } from '@ai-sdk/provider';
import { RetryError } from 'ai';
import { describe, expect, it } from 'vitest';
import { AppError } from '../core/app-error.js';
import { mapModelError } from './map-model-error.js';

const apiError = (statusCode: number, message: string) =>
  new APICallError({ message, url: 'http://127.0.0.1/v1/chat/completions', requestBodyValues: {}, statusCode, isRetryable: statusCode >= 500 });

describe('model errors get InsightX codes', () => {
  it('keeps an AppError raised inside the call, even wrapped by the SDK', () => {
    const exhausted = new AppError('LLM_ALL_KEYS_EXHAUSTED', 'Every bytez API key failed.');
    const wrapped = new RetryError({ message: 'Failed after 3 attempts', reason: 'maxRetriesExceeded', errors: [exhausted] });
    expect(mapModelError(wrapped)).toBe(exhausted);
  });

  it('turns a provider HTTP error into LLM_CALL_FAILED with the provider and status', () => {
    const error = mapModelError(apiError(404, 'The model `gpt-5-nano-x` does not exist'), 'openai');
    expect(error.code).toBe('LLM_CALL_FAILED');
    expect(error.message).toBe('openai refused the call (HTTP 404): The model `gpt-5-nano-x` does not exist');
    expect(error.details).toMatchObject({ provider: 'openai', status: 404 });
  });

  it('turns an abort into RUN_CANCELLED', () => {
    const abort = new DOMException('aborted', 'AbortError');
    expect(mapModelError(abort).code).toBe('RUN_CANCELLED');
  });
});

import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { FetchFunction } from './key-pool/create-key-rotating-fetch.js';
import type { ProviderKind } from './provider-presets.js';

export interface RemoteModelOptions {
  /** The provider's name in InsightX (`bytez`, `openai`, a custom name). */
  provider: string;
  kind: Exclude<ProviderKind, 'local'>;
  modelId: string;
  baseURL: string;
  /** OpenAI only: Responses API (default) or Chat Completions. */
  api?: 'responses' | 'chat';
  /** Sets each attempt's key (see createKeyRotatingFetch); without a pool, the plain fetch. */
  fetch: FetchFunction;
  /** Put on the request by the SDK; the key pool's fetch replaces it with the real key. */
  apiKey: string;
  /** OpenAI-compatible: send JSON schemas for structured outputs (else plain JSON mode). */
  structuredOutputs?: boolean;
}

/** A `LanguageModelV3` from the SDK's provider package for this kind of endpoint. */
export function createRemoteModel(options: RemoteModelOptions): LanguageModelV3 {
  const { provider, modelId, baseURL, fetch, apiKey } = options;
  switch (options.kind) {
    case 'openai': {
      const openai = createOpenAI({ baseURL, apiKey, fetch, name: provider });
      return options.api === 'chat' ? openai.chat(modelId) : openai.responses(modelId);
    }
    case 'anthropic':
      return createAnthropic({ baseURL, apiKey, fetch })(modelId);
    case 'openai-compatible':
      // includeUsage asks for the final usage chunk in streams (`stream_options.include_usage`).
      return createOpenAICompatible({ name: provider, baseURL, apiKey, fetch, includeUsage: true, supportsStructuredOutputs: options.structuredOutputs ?? false }).chatModel(modelId);
  }
}

/** How each kind of endpoint carries the key. */
export function applyKeyFor(kind: Exclude<ProviderKind, 'local'>): (headers: Headers, key: string) => void {
  if (kind === 'anthropic') {
    return (headers, key) => {
      headers.delete('authorization');
      headers.set('x-api-key', key);
    };
  }
  return (headers, key) => headers.set('authorization', `Bearer ${key}`);
}

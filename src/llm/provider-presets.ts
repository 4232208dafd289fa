import type { PresetProviderName } from '../core/provider-env.js';

/** Which SDK provider package speaks to an endpoint. */
export type ProviderKind = 'openai' | 'anthropic' | 'openai-compatible' | 'local';

export interface ProviderPreset {
  kind: ProviderKind;
  /** Default base URL; `providers.<name>.baseURL` or `--base-url` overrides it. */
  baseURL?: string;
  /** A key is needed to call it (local servers such as Ollama accept any). */
  keyRequired: boolean;
  /** The model used when `--provider` is given without `--model`. */
  defaultModel?: string;
  /**
   * OpenAI-compatible only: the server honours `response_format: json_schema` (structured
   * outputs for the router); others get plain JSON mode. `providers.<name>.structuredOutputs`
   * overrides it.
   */
  structuredOutputs?: boolean;
}

/**
 * The providers InsightX knows by name. Any other name in `providers` is a custom
 * OpenAI-compatible endpoint and must give its `baseURL`.
 */
export const PROVIDER_PRESETS: Record<PresetProviderName, ProviderPreset> = {
  openai: { kind: 'openai', baseURL: 'https://api.openai.com/v1', keyRequired: true, defaultModel: 'gpt-4.1-mini' },
  anthropic: { kind: 'anthropic', baseURL: 'https://api.anthropic.com/v1', keyRequired: true, defaultModel: 'claude-sonnet-4-5' },
  bytez: { kind: 'openai-compatible', baseURL: 'https://api.bytez.com/models/v2/openai/v1', keyRequired: true, defaultModel: 'Qwen/Qwen3-4B' },
  ollama: { kind: 'openai-compatible', baseURL: 'http://127.0.0.1:11434/v1', keyRequired: false, defaultModel: 'qwen2.5-coder:7b', structuredOutputs: true },
  vllm: { kind: 'openai-compatible', baseURL: 'http://127.0.0.1:8000/v1', keyRequired: false, structuredOutputs: true },
  openrouter: { kind: 'openai-compatible', baseURL: 'https://openrouter.ai/api/v1', keyRequired: true, defaultModel: 'openai/gpt-4.1-mini' },
  groq: { kind: 'openai-compatible', baseURL: 'https://api.groq.com/openai/v1', keyRequired: true, defaultModel: 'llama-3.3-70b-versatile' },
  lmstudio: { kind: 'openai-compatible', baseURL: 'http://127.0.0.1:1234/v1', keyRequired: false, structuredOutputs: true },
  local: { kind: 'local', keyRequired: false, defaultModel: 'analyst' },
};

/** The preset of a provider name, or undefined for a custom endpoint. */
export function getProviderPreset(name: string): ProviderPreset | undefined {
  return Object.hasOwn(PROVIDER_PRESETS, name) ? PROVIDER_PRESETS[name as PresetProviderName] : undefined;
}

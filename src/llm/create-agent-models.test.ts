import { MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../core/app-error.js';
import { InsightxConfig } from '../core/config.js';
import { applyModelOverrides } from './apply-model-overrides.js';
import { createAgentModels } from './create-agent-models.js';

const emit = () => undefined;

function configWith(raw: Record<string, unknown>) {
  return InsightxConfig.parse(raw);
}

function configError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isAppError(error) && error.code === 'CONFIG_INVALID') return error.message;
    throw error;
  }
  throw new Error('expected CONFIG_INVALID');
}

describe('agent models from configuration', () => {
  it('gives each agent the model of its tier', () => {
    const config = configWith({
      models: { tiers: { light: 'bytez:Qwen/Qwen3-4B', heavy: 'anthropic:claude-sonnet-4-5' } },
      providers: { bytez: { keys: ['k1'] }, anthropic: { keys: ['a1'] } },
    });
    const models = createAgentModels(config);
    expect(models.forAgent('sql', { emit })).toMatchObject({ id: 'bytez:Qwen/Qwen3-4B', provider: 'bytez', local: false });
    expect(models.forAgent('python', { emit })).toMatchObject({ id: 'anthropic:claude-sonnet-4-5', provider: 'anthropic', local: false });
    expect(models.forAgent('sql', { emit }).model.modelId).toBe('Qwen/Qwen3-4B');
  });

  it('uses the embedded analyst for local tiers (or the one given)', () => {
    const local = new MockLanguageModelV3();
    const resolved = createAgentModels(configWith({}), { localModel: local }).forAgent('router', { emit });
    expect(resolved).toMatchObject({ id: 'local:analyst', provider: 'local', local: true });
    expect(resolved.model).toBe(local);
    expect(createAgentModels(configWith({})).forAgent('router', { emit }).model.provider).toBe('local');
  });

  it('passes the configured price along', () => {
    const config = configWith({
      models: { tiers: { light: 'openai:gpt-4.1-mini', heavy: 'openai:gpt-4.1-mini' } },
      providers: { openai: { keys: ['sk-1'], prices: { 'gpt-4.1-mini': { inputPerMillion: 0.4, outputPerMillion: 1.6 } } } },
    });
    expect(createAgentModels(config).forAgent('sql', { emit }).price).toEqual({ inputPerMillion: 0.4, outputPerMillion: 1.6 });
  });

  it('says which variable to set when a provider that needs keys has none', () => {
    const config = configWith({ models: { tiers: { light: 'bytez:Qwen/Qwen3-4B', heavy: 'local:analyst' } } });
    expect(configError(() => createAgentModels(config))).toMatch(/models\.tiers\.light = "bytez:Qwen\/Qwen3-4B" needs an API key for bytez: set BYTEZ_API_KEYS=/);
  });

  it('accepts keyless local servers (Ollama, vLLM, LM Studio) without keys', () => {
    const config = configWith({ models: { tiers: { light: 'ollama:llama3.1', heavy: 'lmstudio:qwen' } } });
    expect(createAgentModels(config).forAgent('viz', { emit }).id).toBe('ollama:llama3.1');
  });

  it('names the known providers when a tier names an unknown one', () => {
    const config = configWith({ models: { tiers: { light: 'mistral:large', heavy: 'local:analyst' } } });
    const message = configError(() => createAgentModels(config));
    expect(message).toMatch(/"mistral" is not a known provider \(openai, anthropic, bytez, ollama, vllm, openrouter, groq, lmstudio, local\)/);
    expect(message).toMatch(/providers\.mistral\.baseURL/);
  });

  it('treats a named provider with a base URL as an OpenAI-compatible endpoint', () => {
    const config = configWith({
      models: { tiers: { light: 'my-proxy:some-model', heavy: 'local:analyst' } },
      providers: { 'my-proxy': { baseURL: 'http://127.0.0.1:9999/v1' } },
    });
    expect(createAgentModels(config).forAgent('sql', { emit }).provider).toBe('my-proxy');
  });

  it('refuses an API choice for providers other than openai', () => {
    const config = configWith({ models: { tiers: { light: 'groq:llama', heavy: 'local:analyst' } }, providers: { groq: { keys: ['g'], api: 'chat' } } });
    expect(configError(() => createAgentModels(config))).toMatch(/providers\.groq\.api: only the openai provider/);
  });

  it('rejects configuration mistakes with the setting named', () => {
    const result = InsightxConfig.safeParse({ providers: { bytez: { baseURL: 'not a url', keys: [''] } } });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(issues).toContain('providers.bytez.baseURL: baseURL must be an absolute URL such as http://127.0.0.1:11434/v1');
    expect(issues).toContain('providers.bytez.keys.0: an API key may not be empty');
  });
});

describe('command-line model overrides', () => {
  const base = configWith({});

  it('--provider --model --base-url set both tiers and the base URL', () => {
    const config = applyModelOverrides(base, { provider: 'bytez', model: 'Qwen/Qwen3-4B', baseURL: 'http://127.0.0.1:4010/v1' });
    expect(config.models.tiers).toEqual({ light: 'bytez:Qwen/Qwen3-4B', heavy: 'bytez:Qwen/Qwen3-4B' });
    expect(config.providers.bytez.baseURL).toBe('http://127.0.0.1:4010/v1');
  });

  it('--provider alone uses the preset default model', () => {
    expect(applyModelOverrides(base, { provider: 'openai' }).models.tiers.light).toBe('openai:gpt-4.1-mini');
  });

  it('a custom provider needs --model, and --base-url must be a URL', () => {
    expect(configError(() => applyModelOverrides(base, { provider: 'my-proxy' }))).toMatch(/--provider my-proxy needs --model/);
    expect(configError(() => applyModelOverrides(base, { provider: 'bytez', baseURL: 'localhost:4010' }))).toMatch(/--base-url "localhost:4010" is not an absolute http\(s\) URL/);
  });

  it('--base-url alone on the embedded model asks for a provider', () => {
    expect(configError(() => applyModelOverrides(base, { baseURL: 'http://127.0.0.1:4010/v1' }))).toMatch(/--base-url needs a remote --provider/);
  });

  it('changes nothing without flags', () => {
    expect(applyModelOverrides(base, {})).toBe(base);
  });
});

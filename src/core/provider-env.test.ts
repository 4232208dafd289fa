import { describe, expect, it } from 'vitest';
import { InsightxConfig } from './config.js';
import { applyProviderEnv, readProviderEnv, readProviderKeys } from './provider-env.js';

describe('provider settings from the environment', () => {
  it('reads a comma-separated key list', () => {
    expect(readProviderKeys({ BYTEZ_API_KEYS: 'k1, k2,k3' }, 'bytez')).toEqual(['k1', 'k2', 'k3']);
  });

  it('reads numbered keys in numeric order, well past 12', () => {
    const env = Object.fromEntries(Array.from({ length: 15 }, (_, index) => [`OPENAI_API_KEY_${15 - index}`, `sk-${15 - index}`]));
    expect(readProviderKeys(env, 'openai')).toEqual(Array.from({ length: 15 }, (_, index) => `sk-${index + 1}`));
  });

  it('puts the list first, then numbered keys, then the single key, without duplicates', () => {
    const env = { GROQ_API_KEYS: 'a,b', GROQ_API_KEY_1: 'c', GROQ_API_KEY: 'a' };
    expect(readProviderKeys(env, 'groq')).toEqual(['a', 'b', 'c']);
  });

  it('reads custom provider names with dashes as underscores', () => {
    expect(readProviderEnv({ MY_PROXY_API_KEY: 'k', MY_PROXY_BASE_URL: 'http://127.0.0.1:9000/v1' }, ['my-proxy'])).toEqual({
      providers: { 'my-proxy': { keys: ['k'], baseURL: 'http://127.0.0.1:9000/v1' } },
    });
  });

  it('names the variable when a base URL is not a URL', () => {
    expect(() => readProviderEnv({ BYTEZ_BASE_URL: 'api.bytez.com' })).toThrowError(/BYTEZ_BASE_URL: "api.bytez.com" is not an absolute URL/);
  });

  it('names the variable when a model tier is not provider:model', () => {
    expect(() => readProviderEnv({ INSIGHTX_MODEL_HEAVY: 'gpt-4.1' })).toThrowError(/INSIGHTX_MODEL_HEAVY: "gpt-4.1" is not provider:model/);
  });

  it('overrides the file: environment keys replace file keys, one tier keeps the other', () => {
    const raw = {
      providers: { bytez: { keys: ['file-key'], prices: { 'Qwen/Qwen3-4B': { inputPerMillion: 0.1, outputPerMillion: 0.2 } } } },
      models: { tiers: { light: 'local:analyst', heavy: 'openai:gpt-4.1' } },
    };
    const config = InsightxConfig.parse(applyProviderEnv(raw, { BYTEZ_API_KEYS: 'k1,k2', INSIGHTX_MODEL_LIGHT: 'bytez:Qwen/Qwen3-4B' }));
    expect(config.providers.bytez.keys).toEqual(['k1', 'k2']);
    expect(config.providers.bytez.prices).toBeDefined();
    expect(config.models.tiers).toEqual({ light: 'bytez:Qwen/Qwen3-4B', heavy: 'openai:gpt-4.1' });
  });

  it('leaves the configuration alone when nothing is set', () => {
    expect(readProviderEnv({ PATH: '/usr/bin' })).toEqual({});
  });
});

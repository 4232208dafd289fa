import { AppError } from '../core/app-error.js';
import type { InsightxConfig } from '../core/config.js';
import { getProviderPreset } from './provider-presets.js';

/** What `insightx ask --provider --model --base-url` asks for. */
export interface ModelOverrides {
  provider?: string;
  model?: string;
  baseURL?: string;
}

/**
 * A configuration where every tier uses the provider and model given on the command line, and
 * the provider's base URL is the one given. Without `--model`, a provider keeps the model the
 * configuration already gives it, or its preset's default model.
 * @throws AppError CONFIG_INVALID when a flag cannot be honoured (says which and why).
 */
export function applyModelOverrides(config: InsightxConfig, overrides: ModelOverrides): InsightxConfig {
  if (!overrides.provider && !overrides.model && !overrides.baseURL) return config;
  const currentProvider = config.models.tiers.light.split(':')[0];
  const provider = overrides.provider ?? currentProvider;
  if (overrides.baseURL !== undefined && getProviderPreset(provider)?.kind === 'local') {
    throw new AppError('CONFIG_INVALID', `--base-url needs a remote --provider (e.g. --provider ollama): the ${provider} model has no URL.`, {
      details: { setting: '--base-url', provider },
    });
  }
  if (!/^[a-z0-9-]+$/.test(provider)) {
    throw new AppError('CONFIG_INVALID', `--provider "${provider}": a provider name is lower-case letters, digits and dashes, e.g. bytez.`, {
      details: { setting: '--provider', value: provider },
    });
  }
  if (overrides.baseURL !== undefined && !isHttpUrl(overrides.baseURL)) {
    throw new AppError('CONFIG_INVALID', `--base-url "${overrides.baseURL}" is not an absolute http(s) URL, e.g. http://127.0.0.1:11434/v1.`, {
      details: { setting: '--base-url', value: overrides.baseURL },
    });
  }
  const configured = Object.values(config.models.tiers).find((ref) => ref.startsWith(`${provider}:`))?.slice(provider.length + 1);
  const model = overrides.model ?? configured ?? getProviderPreset(provider)?.defaultModel;
  if (!model) {
    throw new AppError('CONFIG_INVALID', `--provider ${provider} needs --model <id>: it has no default model.`, {
      details: { setting: '--model', provider },
    });
  }
  const ref = `${provider}:${model}`;
  const settings = { ...config.providers[provider], ...(overrides.baseURL ? { baseURL: overrides.baseURL } : {}) };
  return {
    ...config,
    models: { ...config.models, tiers: { light: ref, heavy: ref } },
    providers: { ...config.providers, [provider]: settings },
  };
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

import { AppError } from './app-error.js';

/**
 * LLM provider settings from the environment. `loadConfig` calls `applyProviderEnv` on the raw
 * file configuration before parsing it, so the environment overrides the file and the zod schema
 * validates both. No other module reads these variables.
 *
 * Per provider `<NAME>` (upper case, dashes as underscores, e.g. `BYTEZ`, `OPENAI`):
 * - `<NAME>_API_KEYS=k1,k2,…` — a list (commas, spaces or new lines);
 * - `<NAME>_API_KEY_1` … `<NAME>_API_KEY_N` — numbered keys, any N, in numeric order;
 * - `<NAME>_API_KEY` — one key;
 * - `<NAME>_BASE_URL` — overrides the preset's base URL.
 * And `INSIGHTX_MODEL_LIGHT` / `INSIGHTX_MODEL_HEAVY` = `provider:model` for the two tiers.
 */

/** The providers InsightX knows by name (src/llm/provider-presets.ts gives their settings). */
export const PRESET_PROVIDER_NAMES = ['openai', 'anthropic', 'bytez', 'ollama', 'vllm', 'openrouter', 'groq', 'lmstudio', 'local'] as const;
export type PresetProviderName = (typeof PRESET_PROVIDER_NAMES)[number];

export type Environment = Record<string, string | undefined>;

/** What the environment contributes: a partial configuration (only what was set). */
export interface ProviderEnvConfig {
  providers?: Record<string, { keys?: string[]; baseURL?: string }>;
  models?: { tiers?: { light?: string; heavy?: string } };
}

const MODEL_REF = /^[a-z0-9-]+:.+$/;

/** `bytez` → `BYTEZ`, `my-proxy` → `MY_PROXY`. */
export function providerEnvPrefix(provider: string): string {
  return provider.toUpperCase().replaceAll('-', '_');
}

/** Keys of one provider from the environment, in the order they will be tried (duplicates dropped). */
export function readProviderKeys(env: Environment, provider: string): string[] {
  const prefix = providerEnvPrefix(provider);
  const listed = splitKeys(env[`${prefix}_API_KEYS`]);
  const numbered = Object.entries(env)
    .map(([name, value]) => ({ match: new RegExp(`^${prefix}_API_KEY_(\\d+)$`).exec(name), value }))
    .filter((entry): entry is { match: RegExpExecArray; value: string } => entry.match !== null && Boolean(entry.value?.trim()))
    .sort((a, b) => Number(a.match[1]) - Number(b.match[1]))
    .map((entry) => entry.value.trim());
  const single = splitKeys(env[`${prefix}_API_KEY`]);
  return [...new Set([...listed, ...numbered, ...single])];
}

/**
 * Reads provider keys, base URLs and model tiers from the environment.
 * @param extraProviders custom provider names from the configuration file (beyond the presets).
 * @throws AppError CONFIG_INVALID naming the variable, what is wrong and what is expected.
 */
export function readProviderEnv(env: Environment, extraProviders: readonly string[] = []): ProviderEnvConfig {
  const result: ProviderEnvConfig = {};
  for (const provider of new Set([...PRESET_PROVIDER_NAMES, ...extraProviders])) {
    if (provider === 'local') continue;
    const keys = readProviderKeys(env, provider);
    const baseURLVariable = `${providerEnvPrefix(provider)}_BASE_URL`;
    const baseURL = env[baseURLVariable]?.trim();
    if (baseURL && !isAbsoluteUrl(baseURL)) {
      throw new AppError('CONFIG_INVALID', `${baseURLVariable}: "${baseURL}" is not an absolute URL; write it like http://127.0.0.1:11434/v1.`, {
        details: { setting: baseURLVariable, value: baseURL, expected: 'an absolute http(s) URL' },
      });
    }
    if (keys.length === 0 && !baseURL) continue;
    result.providers ??= {};
    result.providers[provider] = { ...(keys.length > 0 ? { keys } : {}), ...(baseURL ? { baseURL } : {}) };
  }
  for (const tier of ['light', 'heavy'] as const) {
    const variable = `INSIGHTX_MODEL_${tier.toUpperCase()}`;
    const value = env[variable]?.trim();
    if (!value) continue;
    if (!MODEL_REF.test(value)) {
      throw new AppError('CONFIG_INVALID', `${variable}: "${value}" is not provider:model; write it like openai:gpt-4.1-mini or bytez:Qwen/Qwen3-4B.`, {
        details: { setting: variable, value, expected: 'provider:model' },
      });
    }
    result.models ??= { tiers: {} };
    result.models.tiers![tier] = value;
  }
  return result;
}

/**
 * Merges the environment's provider settings over a raw (not yet parsed) configuration object:
 * environment keys and base URLs replace the file's for that provider; a tier set in the
 * environment replaces the file's tier (the other tier keeps its file value or default).
 */
export function applyProviderEnv(raw: Record<string, unknown>, env: Environment): Record<string, unknown> {
  const fileProviders = isRecord(raw.providers) ? raw.providers : {};
  const fromEnv = readProviderEnv(env, Object.keys(fileProviders));
  const merged: Record<string, unknown> = { ...raw };
  if (fromEnv.providers) {
    const providers: Record<string, unknown> = { ...fileProviders };
    for (const [name, settings] of Object.entries(fromEnv.providers)) {
      providers[name] = { ...(isRecord(providers[name]) ? providers[name] : {}), ...settings };
    }
    merged.providers = providers;
  }
  if (fromEnv.models?.tiers) {
    const models = isRecord(raw.models) ? raw.models : {};
    const tiers = isRecord(models.tiers) ? models.tiers : { light: 'local:analyst', heavy: 'local:analyst' };
    merged.models = { ...models, tiers: { ...tiers, ...fromEnv.models.tiers } };
  }
  return merged;
}

function splitKeys(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\s,]+/)
    .map((key) => key.trim())
    .filter((key) => key.length > 0);
}

function isAbsoluteUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import type { LanguageModelV3 } from '@ai-sdk/provider';
import { wrapLanguageModel } from 'ai';
import { AppError } from '../core/app-error.js';
import type { InsightxConfig, ModelPrice, ModelTier } from '../core/config.js';
import type { AgentName, EmitEvent } from '../core/events.js';
import { providerEnvPrefix } from '../core/provider-env.js';
import type { AgentModels, ModelRunContext, ResolvedModel } from './agent-models.js';
import { createStreamIntegrityMiddleware } from './create-stream-integrity-middleware.js';
import { decideFastPath, type FastPathDecision } from './fast-path/decide-fast-path.js';
import { applyKeyFor, createRemoteModel } from './create-remote-model.js';
import { createKeyRotatingFetch, type FetchFunction } from './key-pool/create-key-rotating-fetch.js';
import type { KeyPool } from './key-pool/key-pool.js';
import { createLocalAnalystModel } from './local/local-analyst-model.js';
import { createKeyPools, type KeyPools } from './key-pool/key-pools.js';
import { getProviderPreset, PROVIDER_PRESETS, type ProviderKind } from './provider-presets.js';
import { createUsageMiddleware } from './usage/create-usage-middleware.js';

export interface CreateAgentModelsDeps {
  /** Shared key pools (usage and health survive across runs); built from the config when absent. */
  keyPools?: KeyPools;
  /** The HTTP fetch under the key pool (tests pass one; the default is the global fetch). */
  fetch?: FetchFunction;
  /** The embedded analyst model for tiers set to `local:…`; default: `createLocalAnalystModel()`. */
  localModel?: LanguageModelV3 | ((agent: AgentName) => LanguageModelV3);
}

/** One tier's model, checked against the configuration once, at start-up. */
interface TierModel {
  ref: string;
  provider: string;
  modelId: string;
  kind: ProviderKind;
  baseURL?: string;
  api?: 'responses' | 'chat';
  price?: ModelPrice;
  pool?: KeyPool;
  structuredOutputs?: boolean;
}

/**
 * The provider registry: agent → tier → `provider:model` → an AI SDK `LanguageModelV3` whose
 * HTTP calls go through the provider's key pool (rotation reported as `key-rotated` events into
 * the run), whose usage is filled in by estimate when the provider reports none (and booked to
 * the key that served it), and whose broken streams end in an `LLM_STREAM_BROKEN` error part.
 * @throws AppError CONFIG_INVALID when a tier names an unknown provider or one without keys.
 */
export function createAgentModels(config: InsightxConfig, deps: CreateAgentModelsDeps = {}): AgentModels {
  const pools = deps.keyPools ?? createKeyPools(config);
  const tiers: Record<ModelTier, TierModel> = {
    light: resolveTier(config, 'light', pools),
    heavy: resolveTier(config, 'heavy', pools),
  };

  // One decision per run and question (a run's emit identifies the run), so every agent of a
  // run agrees and the run says once that the fast path was taken.
  const decisions = new WeakMap<EmitEvent, Map<string, FastPathDecision>>();
  const fastPathFor = (agent: AgentName, run: ModelRunContext): FastPathDecision | undefined => {
    if (!(run.fastPath ?? config.fastPath) || !run.question || !run.dna) return undefined;
    const byQuestion = decisions.get(run.emit) ?? new Map<string, FastPathDecision>();
    decisions.set(run.emit, byQuestion);
    let decision = byQuestion.get(run.question);
    if (!decision) {
      decision = decideFastPath({ question: run.question, dna: run.dna, history: run.history, threshold: config.fastPathConfidence });
      byQuestion.set(run.question, decision);
      if (decision.take) void Promise.resolve(run.emit({ type: 'thought-delta', agent, delta: `${decision.reason}\n` })).catch(() => undefined);
    }
    return decision;
  };

  return {
    forAgent(agent: AgentName, run: ModelRunContext): ResolvedModel {
      const tier = tiers[config.models.agents[agent] ?? 'light'];
      if (tier.kind === 'local') {
        return { id: tier.ref, provider: tier.provider, model: localModelFor(deps, agent), local: true };
      }
      if (fastPathFor(agent, run)?.take) {
        return { id: 'local:analyst', provider: 'local', model: localModelFor(deps, agent), local: true, fastPath: true };
      }
      let keyNumber: number | undefined;
      const fetch = tier.pool
        ? createKeyRotatingFetch({
            pool: tier.pool,
            applyKey: applyKeyFor(tier.kind),
            fetch: deps.fetch,
            onRotate: (rotation) => run.emit({ type: 'key-rotated', ...rotation }),
            onKeyUsed: (number) => {
              keyNumber = number;
            },
          })
        : (deps.fetch ?? globalThis.fetch);
      const remote = createRemoteModel({
        provider: tier.provider,
        kind: tier.kind,
        modelId: tier.modelId,
        baseURL: tier.baseURL!,
        api: tier.api,
        fetch,
        // The key pool's fetch puts the real key on each attempt; keyless local servers ignore it.
        apiKey: 'insightx-key-pool',
        structuredOutputs: tier.structuredOutputs,
      });
      const model = wrapLanguageModel({
        model: remote,
        middleware: [
          createUsageMiddleware({
            agent,
            modelId: tier.ref,
            price: tier.price,
            onUsage: (usage) => {
              if (tier.pool && keyNumber !== undefined) tier.pool.recordUsage(keyNumber, usage);
            },
          }),
          createStreamIntegrityMiddleware(tier.provider),
        ],
      });
      return { id: tier.ref, provider: tier.provider, model, local: false, ...(tier.price ? { price: tier.price } : {}) };
    },
  };
}

function localModelFor(deps: CreateAgentModelsDeps, agent: AgentName): LanguageModelV3 {
  if (!deps.localModel) return createLocalAnalystModel();
  return typeof deps.localModel === 'function' ? deps.localModel(agent) : deps.localModel;
}

function resolveTier(config: InsightxConfig, tier: ModelTier, pools: KeyPools): TierModel {
  const ref = config.models.tiers[tier];
  const separator = ref.indexOf(':');
  const provider = ref.slice(0, separator);
  const modelId = ref.slice(separator + 1);
  const settings = config.providers?.[provider];
  const preset = getProviderPreset(provider);
  const setting = `models.tiers.${tier}`;
  if (!preset && !settings?.baseURL) {
    throw new AppError(
      'CONFIG_INVALID',
      `${setting} = "${ref}": "${provider}" is not a known provider (${Object.keys(PROVIDER_PRESETS).join(', ')}). ` +
        `For your own OpenAI-compatible endpoint add providers.${provider}.baseURL to insightx.config.json or set ${providerEnvPrefix(provider)}_BASE_URL.`,
      { details: { setting, value: ref, allowed: Object.keys(PROVIDER_PRESETS) } },
    );
  }
  const kind = preset?.kind ?? 'openai-compatible';
  if (kind === 'local') return { ref, provider, modelId, kind };
  const pool = pools.get(provider);
  if ((preset?.keyRequired ?? false) && !pool) {
    const prefix = providerEnvPrefix(provider);
    throw new AppError(
      'CONFIG_INVALID',
      `${setting} = "${ref}" needs an API key for ${provider}: set ${prefix}_API_KEYS=key1,key2 (or ${prefix}_API_KEY_1 … ${prefix}_API_KEY_N, or ${prefix}_API_KEY), or providers.${provider}.keys in insightx.config.json.`,
      { details: { setting, value: ref, expected: `${prefix}_API_KEYS` } },
    );
  }
  if (settings?.api && kind !== 'openai') {
    throw new AppError('CONFIG_INVALID', `providers.${provider}.api: only the openai provider has a choice of API ("responses" or "chat"); remove it for ${provider}.`, {
      details: { setting: `providers.${provider}.api`, value: settings.api },
    });
  }
  return {
    ref,
    provider,
    modelId,
    kind,
    baseURL: settings?.baseURL ?? preset?.baseURL,
    api: settings?.api,
    price: settings?.prices?.[modelId],
    pool,
    structuredOutputs: settings?.structuredOutputs ?? preset?.structuredOutputs,
  };
}

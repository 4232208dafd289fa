import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { AgentName, EmitEvent } from '../core/events.js';

/** The model an agent runs on for one run. */
export interface ResolvedModel {
  /** `provider:model`, e.g. `local:analyst`, `openai:gpt-4.1-mini`. */
  id: string;
  provider: string;
  model: LanguageModelV3;
  /** True for the embedded analyst (no network, no keys, no cost). */
  local: boolean;
}

/** Per-run context a model needs: where to report key rotation, and cancellation. */
export interface ModelRunContext {
  emit: EmitEvent;
  signal?: AbortSignal;
}

/**
 * Which model each agent uses (ARCHITECTURE §3 "Model"): agent → tier → `provider:model`.
 * Built once in the composition root; `forAgent` binds the model to one run so key rotation
 * is reported into that run's event stream.
 */
export interface AgentModels {
  forAgent(agent: AgentName, run: ModelRunContext): ResolvedModel;
}

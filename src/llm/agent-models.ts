import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { ModelPrice } from '../core/config.js';
import type { DataDna } from '../core/dna.js';
import type { AgentName, EmitEvent } from '../core/events.js';

/** The model an agent runs on for one run. */
export interface ResolvedModel {
  /** `provider:model`, e.g. `local:analyst`, `openai:gpt-4.1-mini`. */
  id: string;
  provider: string;
  model: LanguageModelV3;
  /** True for the embedded analyst (no network, no keys, no cost). */
  local: boolean;
  /** USD per million tokens from `providers.<name>.prices.<model>`, when configured (for `usage.costUsd`). */
  price?: ModelPrice;
  /** True when the embedded analyst answers in place of the configured remote model (the fast path). */
  fastPath?: boolean;
}

/** Per-run context a model needs: where to report key rotation, and cancellation. */
export interface ModelRunContext {
  emit: EmitEvent;
  signal?: AbortSignal;
  /**
   * For the fast path (the embedded analyst answers without a remote call when its parse of the
   * question is confident): the run's question, Data DNA and earlier turns, when known.
   */
  question?: string;
  dna?: DataDna;
  history?: ReadonlyArray<{ question: string; sql: string | null }>;
  /** The run's fast-path override (`--no-fast-path` → false); the configuration decides otherwise. */
  fastPath?: boolean;
}

/**
 * Which model each agent uses (ARCHITECTURE §3 "Model"): agent → tier → `provider:model`.
 * Built once in the composition root; `forAgent` binds the model to one run so key rotation
 * is reported into that run's event stream.
 */
export interface AgentModels {
  forAgent(agent: AgentName, run: ModelRunContext): ResolvedModel;
}

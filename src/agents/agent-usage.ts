import type { LanguageModelUsage } from 'ai';
import type { AgentName } from '../core/events.js';
import type { ResolvedModel } from '../llm/agent-models.js';
import { computeCost } from '../llm/usage/compute-cost.js';
import type { RunState } from './run-state.js';

/** True when a step's token counts are estimates (the embedded model counts chars/4). */
function isEstimated(usage: LanguageModelUsage): boolean {
  const raw = usage.raw as { estimated?: unknown } | undefined;
  return raw?.estimated === true || usage.inputTokens === undefined || usage.outputTokens === undefined;
}

/**
 * Emits one `usage` event for an agent's call (all its steps) and adds it to the run's total.
 * Cost is 0 for the embedded model, and from the configured price for remote ones (none: no cost).
 */
export async function reportAgentUsage(state: RunState, agent: AgentName, model: ResolvedModel, steps: LanguageModelUsage[]): Promise<void> {
  const inputTokens = steps.reduce((sum, usage) => sum + (usage.inputTokens ?? 0), 0);
  const outputTokens = steps.reduce((sum, usage) => sum + (usage.outputTokens ?? 0), 0);
  const costUsd = model.local ? 0 : computeCost(model.price, { inputTokens, outputTokens });
  state.usage.inputTokens += inputTokens;
  state.usage.outputTokens += outputTokens;
  state.usage.costUsd += costUsd ?? 0;
  state.usage.calls += steps.length;
  await state.emit({
    type: 'usage',
    agent,
    model: model.id,
    inputTokens,
    outputTokens,
    estimated: steps.some(isEstimated),
    ...(costUsd === undefined ? {} : { costUsd }),
  });
}

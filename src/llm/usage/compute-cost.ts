import type { ModelPrice } from '../../core/config.js';

/** USD for one call from a price in USD per million tokens; undefined when no price is configured. */
export function computeCost(price: ModelPrice | undefined, tokens: { inputTokens: number; outputTokens: number }): number | undefined {
  if (!price) return undefined;
  return (tokens.inputTokens * price.inputPerMillion + tokens.outputTokens * price.outputPerMillion) / 1_000_000;
}

import type { LanguageModelV3Middleware, LanguageModelV3StreamPart, LanguageModelV3Usage } from '@ai-sdk/provider';
import type { ModelPrice } from '../../core/config.js';
import type { AgentName, EmitEvent, RunEventOf } from '../../core/events.js';
import { computeCost } from './compute-cost.js';
import { estimateContentTokens, estimatePromptTokens, estimateTokens } from './estimate-tokens.js';

export type UsageEvent = RunEventOf<'usage'>;

export interface UsageMiddlewareOptions {
  agent: AgentName;
  /** `provider:model`, as in the `usage` event. */
  modelId: string;
  price?: ModelPrice;
  /**
   * Emits a `usage` event per model call. Leave it out when the caller reports usage itself
   * (the agent pipeline sums an agent's steps into one event; src/agents/agent-usage.ts).
   */
  emit?: EmitEvent;
  /** Told about every call (e.g. to book tokens to the key that served it). */
  onUsage?: (usage: UsageEvent) => void;
}

/**
 * Token accounting for one model: when the provider reports no token counts, fills them in with
 * an estimate and marks the usage `raw.estimated` (the convention the pipeline and the embedded
 * model share), so every consumer of the SDK's usage sees numbers; tells `onUsage` (and `emit`)
 * the call's tokens and cost from the configured price.
 */
export function createUsageMiddleware(options: UsageMiddlewareOptions): LanguageModelV3Middleware {
  const account = async (usage: LanguageModelV3Usage | undefined, estimateInput: () => number, estimateOutput: () => number): Promise<LanguageModelV3Usage> => {
    const reportedInput = usage?.inputTokens.total;
    const reportedOutput = usage?.outputTokens.total;
    const estimated = reportedInput === undefined || reportedOutput === undefined;
    const inputTokens = reportedInput ?? estimateInput();
    const outputTokens = reportedOutput ?? estimateOutput();
    const costUsd = computeCost(options.price, { inputTokens, outputTokens });
    const event: UsageEvent = {
      type: 'usage',
      agent: options.agent,
      model: options.modelId,
      inputTokens,
      outputTokens,
      estimated,
      ...(costUsd === undefined ? {} : { costUsd }),
    };
    options.onUsage?.(event);
    await options.emit?.(event);
    if (!estimated && usage) return usage;
    return {
      inputTokens: { ...usage?.inputTokens, total: inputTokens, noCache: usage?.inputTokens.noCache ?? inputTokens, cacheRead: usage?.inputTokens.cacheRead, cacheWrite: usage?.inputTokens.cacheWrite },
      outputTokens: { ...usage?.outputTokens, total: outputTokens, text: usage?.outputTokens.text ?? outputTokens, reasoning: usage?.outputTokens.reasoning },
      raw: { ...(usage?.raw ?? {}), estimated: true },
    };
  };

  return {
    specificationVersion: 'v3',
    wrapGenerate: async ({ doGenerate, params }) => {
      const result = await doGenerate();
      const usage = await account(result.usage, () => estimatePromptTokens(params), () => estimateContentTokens(result.content));
      return { ...result, usage };
    },
    wrapStream: async ({ doStream, params }) => {
      const { stream, ...rest } = await doStream();
      let written = '';
      const counted = stream.pipeThrough(
        new TransformStream<LanguageModelV3StreamPart, LanguageModelV3StreamPart>({
          async transform(part, controller) {
            if (part.type === 'text-delta' || part.type === 'reasoning-delta' || part.type === 'tool-input-delta') written += part.delta;
            if (part.type === 'finish') {
              const usage = await account(part.usage, () => estimatePromptTokens(params), () => estimateTokens(written));
              controller.enqueue({ ...part, usage });
              return;
            }
            controller.enqueue(part);
          },
        }),
      );
      return { stream: counted, ...rest };
    },
  };
}

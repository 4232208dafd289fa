import { streamText, type LanguageModelUsage, type ModelMessage, type StopCondition, type ToolSet } from 'ai';
import { AppError } from '../core/app-error.js';
import type { AgentName } from '../core/events.js';
import { mapModelError } from '../llm/map-model-error.js';
import { reportAgentUsage } from './agent-usage.js';
import type { RunState } from './run-state.js';

export interface StreamAgentOptions {
  messages: ModelMessage[];
  tools?: ToolSet;
  stopWhen?: StopCondition<ToolSet> | StopCondition<ToolSet>[];
  /** Each piece of text the model writes, as it arrives. */
  onText?: (delta: string) => void | Promise<void>;
  /** Runs when the stream has ended, before the `usage` event (e.g. to close streamed code). */
  onEnd?: () => void | Promise<void>;
}

/**
 * Runs one agent as an AI SDK `streamText` call: announces it (`agent-start`), streams its
 * text to `onText`, lets the SDK run its tools, reports its usage, and turns stream errors
 * and aborts into thrown errors. Returns the agent's whole text (all steps).
 */
export async function streamAgent(state: RunState, agent: AgentName, options: StreamAgentOptions): Promise<string> {
  const resolved = state.deps.models.forAgent(agent, {
    emit: state.emit,
    signal: state.signal,
    // The fast path (src/llm/fast-path/) needs the question and the DNA to judge the embedded analyst's confidence.
    question: state.request.question,
    dna: state.dna ?? undefined,
    history: state.request.history,
    fastPath: state.request.fastPath,
  });
  await state.emit({ type: 'agent-start', agent, model: resolved.id });
  const stream = streamText({
    model: resolved.model,
    system: state.prompts[agent],
    messages: options.messages,
    tools: options.tools,
    stopWhen: options.stopWhen,
    abortSignal: state.signal,
    // Stream errors arrive as `error` parts below and end the run with their code; without this
    // the SDK would also print each one to the console.
    onError: () => {},
  });
  const steps: LanguageModelUsage[] = [];
  let text = '';
  for await (const part of stream.fullStream) {
    switch (part.type) {
      case 'text-delta':
        text += part.text;
        await options.onText?.(part.text);
        break;
      case 'finish-step':
        steps.push(part.usage);
        break;
      case 'error':
        // Key exhaustion, broken streams and provider HTTP errors get their LLM_* codes.
        throw mapModelError(part.error, resolved.provider);
      case 'abort':
        throw new AppError('RUN_CANCELLED', 'The run was cancelled.');
      default:
        break;
    }
  }
  try {
    await options.onEnd?.();
  } finally {
    await reportAgentUsage(state, agent, resolved, steps);
  }
  return text;
}

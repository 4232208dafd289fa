import { toAppError } from '../core/app-error.js';
import type { AgentName, EmitEvent } from '../core/events.js';

/** Who is calling a tool, and where its `tool-call` / `tool-result` events go. */
export interface ToolReportContext {
  agent: AgentName;
  emit: EmitEvent;
}

/**
 * Runs one tool call between a `tool-call` and a `tool-result` event, so the events of a
 * call always bracket the events the tool emits itself (`sql-attempt`, `data-ready`).
 * Failures are reported and rethrown: the AI SDK hands them to the model as tool errors.
 */
export async function runReported<T>(
  context: ToolReportContext,
  call: { toolName: string; toolCallId: string; input: unknown },
  execute: () => Promise<T>,
  summarize: (output: T) => string,
): Promise<T> {
  await context.emit({ type: 'tool-call', agent: context.agent, toolCallId: call.toolCallId, toolName: call.toolName, input: call.input });
  try {
    const output = await execute();
    await context.emit({
      type: 'tool-result',
      agent: context.agent,
      toolCallId: call.toolCallId,
      toolName: call.toolName,
      ok: true,
      summary: summarize(output),
    });
    return output;
  } catch (error) {
    const appError = toAppError(error);
    await context.emit({
      type: 'tool-result',
      agent: context.agent,
      toolCallId: call.toolCallId,
      toolName: call.toolName,
      ok: false,
      summary: appError.message.split('\n')[0] ?? appError.code,
      errorCode: appError.code,
    });
    throw error;
  }
}

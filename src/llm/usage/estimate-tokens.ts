import type { LanguageModelV3CallOptions, LanguageModelV3Content } from '@ai-sdk/provider';

/**
 * A rough token count (about four characters per token for English and SQL), used only when a
 * provider reports no usage; such counts are flagged `estimated` in `usage` events.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** What the model reads: the messages and the tool definitions (they are sent on every call). */
export function estimatePromptTokens(params: Pick<LanguageModelV3CallOptions, 'prompt' | 'tools'>): number {
  const prompt = params.prompt
    .map((message) => (typeof message.content === 'string' ? message.content : JSON.stringify(message.content)))
    .join('\n');
  return estimateTokens(prompt + (params.tools ? JSON.stringify(params.tools) : ''));
}

/** What the model wrote: text, reasoning and tool-call arguments. */
export function estimateContentTokens(content: readonly LanguageModelV3Content[]): number {
  let text = '';
  for (const part of content) {
    if (part.type === 'text' || part.type === 'reasoning') text += part.text;
    else if (part.type === 'tool-call') text += part.toolName + part.input;
  }
  return estimateTokens(text);
}

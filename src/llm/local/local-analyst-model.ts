import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3FinishReason,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
} from '@ai-sdk/provider';
import type { LocalTurn } from './local-turn.js';
import { playRole } from './play-role.js';
import { readConversation } from './read-conversation.js';

/** Token counts are estimated the usual way for English and JSON: about four characters a token. */
const CHARS_PER_TOKEN = 4;

function estimateUsage(options: LanguageModelV3CallOptions, turn: LocalTurn): LanguageModelV3Usage {
  const inputChars = JSON.stringify(options.prompt).length + JSON.stringify(options.tools ?? []).length;
  const outputChars = turn.text.length + turn.toolCalls.reduce((sum, call) => sum + JSON.stringify(call.input).length, 0);
  const input = Math.ceil(inputChars / CHARS_PER_TOKEN);
  const output = Math.ceil(outputChars / CHARS_PER_TOKEN);
  return {
    inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: output, text: output, reasoning: 0 },
    raw: { estimated: true },
  };
}

function finishReason(turn: LocalTurn): LanguageModelV3FinishReason {
  return turn.toolCalls.length > 0 ? { unified: 'tool-calls', raw: 'tool_calls' } : { unified: 'stop', raw: 'stop' };
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new DOMException('The operation was aborted.', 'AbortError');
}

/** One call: read the conversation, play the role, number the tool calls after those already made. */
function answer(options: LanguageModelV3CallOptions) {
  throwIfAborted(options.abortSignal);
  const conversation = readConversation(options);
  const turn = playRole(conversation);
  const toolCalls = turn.toolCalls.map((call, index) => ({
    type: 'tool-call' as const,
    toolCallId: `call_${conversation.toolCallCount + index + 1}`,
    toolName: call.toolName,
    input: JSON.stringify(call.input),
  }));
  return { turn, toolCalls, usage: estimateUsage(options, turn) };
}

/** Characters per streamed piece: a few words, as a remote model streams them. */
const CHUNK_CHARS = 32;

/** Text in pieces of a few words (ending at whitespace), so long chart code is not one delta per word. */
function chunks(text: string): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const word of text.match(/\S+\s*|\s+/g) ?? []) {
    current += word;
    if (current.length >= CHUNK_CHARS || word.includes('\n')) {
      pieces.push(current);
      current = '';
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

/**
 * The embedded analyst model (provider `local`, model `analyst`): a `LanguageModelV3` backed
 * by the deterministic engine of src/analyst. It reads the conversation like a remote model
 * (its role from the system prompt, the question, the tool results carrying the Data DNA and
 * the query results) and answers with the same tool calls and text. Same input, same output.
 * Usage is chars/4, flagged `raw.estimated`.
 */
export function createLocalAnalystModel(): LanguageModelV3 {
  return {
    specificationVersion: 'v3',
    provider: 'local',
    modelId: 'analyst',
    supportedUrls: {},
    async doGenerate(options) {
      const { turn, toolCalls, usage } = answer(options);
      const content: LanguageModelV3Content[] = [];
      if (turn.text) content.push({ type: 'text', text: turn.text });
      content.push(...toolCalls);
      return { content, finishReason: finishReason(turn), usage, warnings: [], response: { modelId: 'analyst' } };
    },
    async doStream(options) {
      const { turn, toolCalls, usage } = answer(options);
      const parts: LanguageModelV3StreamPart[] = [{ type: 'stream-start', warnings: [] }, { type: 'response-metadata', modelId: 'analyst' }];
      if (turn.text) {
        parts.push({ type: 'text-start', id: 'text_1' });
        for (const delta of chunks(turn.text)) parts.push({ type: 'text-delta', id: 'text_1', delta });
        parts.push({ type: 'text-end', id: 'text_1' });
      }
      for (const call of toolCalls) {
        parts.push({ type: 'tool-input-start', id: call.toolCallId, toolName: call.toolName });
        parts.push({ type: 'tool-input-delta', id: call.toolCallId, delta: call.input });
        parts.push({ type: 'tool-input-end', id: call.toolCallId });
        parts.push(call);
      }
      parts.push({ type: 'finish', finishReason: finishReason(turn), usage });
      const stream = new ReadableStream<LanguageModelV3StreamPart>({
        start(controller) {
          for (const part of parts) controller.enqueue(part);
          controller.close();
        },
      });
      return { stream };
    },
  };
}

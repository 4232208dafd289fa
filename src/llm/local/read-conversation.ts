import type { LanguageModelV3CallOptions, LanguageModelV3Prompt, LanguageModelV3ToolResultOutput } from '@ai-sdk/provider';
import { AGENT_NAMES, type AgentName } from '../../core/events.js';

/** One tool call the conversation already holds, with its result when it has one. */
export interface SeenToolCall {
  toolCallId: string;
  toolName: string;
  input: unknown;
  /** `undefined` while no result is in the conversation. */
  outcome?: { ok: true; value: unknown } | { ok: false; message: string };
}

/** What the embedded model understands of the call it is given. */
export interface Conversation {
  /** The agent the system prompt makes it ("You are the sql agent …"); null when none is named. */
  role: AgentName | null;
  /** The current question: the first text part of the last user message. */
  question: string;
  /** Every text part of the last user message after the question (context blocks). */
  context: string[];
  /** Earlier turns: their questions and the SQL the assistant showed for them. */
  history: { question: string; sql: string | null }[];
  /** Tool calls made since the last user message, in order. */
  toolCalls: SeenToolCall[];
  /** Every tool-call id in the whole prompt (new ids must not repeat them). */
  toolCallCount: number;
  /** Names of the tools offered in this call. */
  toolNames: string[];
  /** True when the caller asked for JSON (structured output). */
  wantsJson: boolean;
}

function textOf(output: LanguageModelV3ToolResultOutput): SeenToolCall['outcome'] {
  switch (output.type) {
    case 'json':
      return { ok: true, value: output.value };
    case 'text':
      return { ok: true, value: output.value };
    case 'error-text':
      return { ok: false, message: output.value };
    case 'error-json':
      return { ok: false, message: typeof output.value === 'string' ? output.value : JSON.stringify(output.value) };
    case 'execution-denied':
      return { ok: false, message: output.reason ?? 'The tool call was denied.' };
    default:
      return { ok: true, value: output.value };
  }
}

function detectRole(system: string): AgentName | null {
  const match = /you are the (\w+) agent/i.exec(system);
  const name = match?.[1]?.toLowerCase();
  return name && (AGENT_NAMES as readonly string[]).includes(name) ? (name as AgentName) : null;
}

const SQL_FENCE = /```sql\s*\n([\s\S]*?)```/i;

/** Reads a `LanguageModelV3` call the way the embedded analyst needs it. */
export function readConversation(options: LanguageModelV3CallOptions): Conversation {
  const prompt: LanguageModelV3Prompt = options.prompt;
  const system = prompt.filter((message) => message.role === 'system').map((message) => message.content).join('\n');
  const lastUser = prompt.map((message) => message.role).lastIndexOf('user');

  const history: Conversation['history'] = [];
  let pendingQuestion: string | null = null;
  let toolCallCount = 0;
  prompt.forEach((message, index) => {
    if (message.role === 'user' && index < lastUser) {
      const first = message.content.find((part) => part.type === 'text');
      if (pendingQuestion !== null) history.push({ question: pendingQuestion, sql: null });
      pendingQuestion = first?.type === 'text' ? first.text.trim() : null;
    }
    if (message.role === 'assistant') {
      for (const part of message.content) if (part.type === 'tool-call') toolCallCount += 1;
      if (index < lastUser && pendingQuestion !== null) {
        const text = message.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');
        history.push({ question: pendingQuestion, sql: SQL_FENCE.exec(text)?.[1]?.trim() ?? null });
        pendingQuestion = null;
      }
    }
  });
  if (pendingQuestion !== null) history.push({ question: pendingQuestion, sql: null });

  const lastUserMessage = lastUser >= 0 ? prompt[lastUser] : undefined;
  const userTexts =
    lastUserMessage?.role === 'user' ? lastUserMessage.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])) : [];
  const toolCalls: SeenToolCall[] = [];
  const byId = new Map<string, SeenToolCall>();
  for (const message of prompt.slice(lastUser + 1)) {
    if (message.role === 'assistant') {
      for (const part of message.content) {
        if (part.type !== 'tool-call') continue;
        const call: SeenToolCall = { toolCallId: part.toolCallId, toolName: part.toolName, input: part.input };
        toolCalls.push(call);
        byId.set(call.toolCallId, call);
      }
    }
    if (message.role === 'tool') {
      for (const part of message.content) {
        if (part.type !== 'tool-result') continue;
        const call = byId.get(part.toolCallId);
        if (call) call.outcome = textOf(part.output);
      }
    }
  }

  return {
    role: detectRole(system),
    question: (userTexts[0] ?? '').trim(),
    context: userTexts.slice(1),
    history,
    toolCalls,
    toolCallCount,
    toolNames: (options.tools ?? []).map((tool) => tool.name),
    wantsJson: options.responseFormat?.type === 'json',
  };
}

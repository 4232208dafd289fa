import type { ServerResponse } from 'node:http';
import {
  argumentsText,
  sendJson,
  splitIntoPieces,
  startFakeServer,
  textOf,
  usageOf,
  writeEvents,
  type FakeModelRequest,
  type FakeServer,
  type FakeServerOptions,
  type FakeTurn,
  type ProtocolHandler,
} from './fake-llm-script.js';

/**
 * A fake OpenAI API on 127.0.0.1 (tests only): Chat Completions (`/v1/chat/completions`, also
 * what OpenAI-compatible servers such as Bytez, Ollama or vLLM speak) and Responses
 * (`/v1/responses`), streaming and not, with tool calls whose arguments arrive split across
 * deltas, usage chunks, and errors in OpenAI's shape with `retry-after`.
 */
export function startFakeOpenAIServer(options: FakeServerOptions = {}): Promise<FakeServer> {
  return startFakeServer(openaiProtocol, options);
}

const CREATED = 1_763_700_000;
const MODEL_FALLBACK = 'gpt-4.1-mini';

const openaiProtocol: ProtocolHandler = {
  matches: (path) => (path.endsWith('/chat/completions') ? 'chat' : path.endsWith('/responses') ? 'responses' : undefined),
  keyOf: (request) => /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1],
  normalise: (api, body) => (api === 'chat' ? normaliseChat(body) : normaliseResponses(body)),
  refuse: (response, failure, retryAfterSeconds) => {
    const retry: Record<string, string> = retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds), 'retry-after-ms': String(retryAfterSeconds * 1000) };
    const error = (status: number, message: string, type: string, code: string | null, headers: Record<string, string> = {}): void =>
      sendJson(response, status, { error: { message, type, param: null, code } }, headers);
    switch (failure) {
      case 'rate-limit':
        return error(429, 'Rate limit reached for requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.', 'requests', 'rate_limit_exceeded', {
          'x-ratelimit-limit-requests': '3',
          'x-ratelimit-remaining-requests': '0',
          ...retry,
        });
      case 'quota':
      case 'credit-balance':
        return error(429, 'You exceeded your current quota, please check your plan and billing details.', 'insufficient_quota', 'insufficient_quota');
      case 'unauthorized':
        return error(401, 'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.', 'invalid_request_error', 'invalid_api_key');
      case 'forbidden':
        return error(403, 'Country, region, or territory not supported', 'request_forbidden', 'unsupported_country_region_territory');
      case 'overloaded':
        return error(503, 'The engine is currently overloaded, please try again later', 'server_error', null, retry);
    }
  },
  answer: (response, request, turn) => (request.api === 'chat' ? answerChat(response, request, turn) : answerResponses(response, request, turn)),
};

function normaliseChat(body: Record<string, unknown>): ReturnType<ProtocolHandler['normalise']> {
  const messages = (body.messages as Array<Record<string, unknown>>) ?? [];
  return {
    model: String(body.model ?? MODEL_FALLBACK),
    stream: body.stream === true,
    system: messages.filter((message) => message.role === 'system' || message.role === 'developer').map((message) => textOf(message.content)).join('\n'),
    messages: messages
      .filter((message) => message.role !== 'system' && message.role !== 'developer')
      .map((message) => ({
        role: String(message.role),
        text: textOf(message.content) + ((message.tool_calls as Array<{ function: { name: string; arguments: string } }>) ?? []).map((call) => `${call.function.name}(${call.function.arguments})`).join(''),
      })),
    toolNames: ((body.tools as Array<{ function: { name: string } }>) ?? []).map((tool) => tool.function.name),
  };
}

function normaliseResponses(body: Record<string, unknown>): ReturnType<ProtocolHandler['normalise']> {
  const input = typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : ((body.input as Array<Record<string, unknown>>) ?? []);
  const isSystem = (item: Record<string, unknown>): boolean => item.role === 'system' || item.role === 'developer';
  return {
    model: String(body.model ?? MODEL_FALLBACK),
    stream: body.stream === true,
    system: [typeof body.instructions === 'string' ? body.instructions : '', ...input.filter(isSystem).map((item) => textOf(item.content))].filter(Boolean).join('\n'),
    messages: input
      .filter((item) => !isSystem(item))
      .map((item) => {
        if (item.type === 'function_call') return { role: 'assistant', text: `${String(item.name)}(${String(item.arguments)})` };
        if (item.type === 'function_call_output') return { role: 'tool', text: typeof item.output === 'string' ? item.output : JSON.stringify(item.output) };
        return { role: String(item.role), text: textOf(item.content) };
      }),
    toolNames: ((body.tools as Array<{ name?: string }>) ?? []).map((tool) => String(tool.name)),
  };
}

function callId(turn: FakeTurn, index: number): string {
  return turn.toolCalls?.[index]?.id ?? `call_${index + 1}_${Math.random().toString(36).slice(2, 10)}`;
}

async function answerChat(response: ServerResponse, request: FakeModelRequest, turn: FakeTurn): Promise<void> {
  const id = 'chatcmpl-fake1';
  const usage = usageOf(request, turn);
  const wireUsage = usage && { prompt_tokens: usage.inputTokens, completion_tokens: usage.outputTokens, total_tokens: usage.inputTokens + usage.outputTokens };
  const calls = (turn.toolCalls ?? []).map((call, index) => ({ id: callId(turn, index), type: 'function', function: { name: call.name, arguments: argumentsText(call) } }));
  const finishReason = calls.length > 0 ? 'tool_calls' : 'stop';
  if (!request.stream) {
    sendJson(response, 200, {
      id,
      object: 'chat.completion',
      created: CREATED,
      model: request.model,
      choices: [{ index: 0, message: { role: 'assistant', content: turn.text ?? null, refusal: null, ...(calls.length > 0 ? { tool_calls: calls } : {}) }, logprobs: null, finish_reason: finishReason }],
      ...(wireUsage ? { usage: wireUsage } : {}),
    });
    return;
  }
  const chunk = (delta: Record<string, unknown>, finish: string | null = null): { data: string } => ({
    data: JSON.stringify({ id, object: 'chat.completion.chunk', created: CREATED, model: request.model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] }),
  });
  const events = [chunk({ role: 'assistant', content: '', refusal: null })];
  for (const piece of turn.text ? splitIntoPieces(turn.text) : []) events.push(chunk({ content: piece }));
  calls.forEach((call, index) => {
    events.push(chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }] }));
    for (const piece of splitIntoPieces(call.function.arguments)) events.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
  });
  if (!turn.truncate) {
    events.push(chunk({}, finishReason));
    if (wireUsage) events.push({ data: JSON.stringify({ id, object: 'chat.completion.chunk', created: CREATED, model: request.model, choices: [], usage: wireUsage }) });
    events.push({ data: '[DONE]' });
  }
  await writeEvents(response, events, turn);
}

async function answerResponses(response: ServerResponse, request: FakeModelRequest, turn: FakeTurn): Promise<void> {
  const usage = usageOf(request, turn);
  const wireUsage = usage && {
    input_tokens: usage.inputTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
  const messageItem = turn.text
    ? { type: 'message', id: 'msg_fake1', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: turn.text, annotations: [], logprobs: [] }] }
    : undefined;
  const callItems = (turn.toolCalls ?? []).map((call, index) => ({
    type: 'function_call',
    id: `fc_fake${index + 1}`,
    call_id: callId(turn, index),
    name: call.name,
    arguments: argumentsText(call),
    status: 'completed',
  }));
  const output = [...(messageItem ? [messageItem] : []), ...callItems];
  const base = { id: 'resp_fake1', object: 'response', created_at: CREATED, model: request.model, error: null, incomplete_details: null, tools: [], parallel_tool_calls: true };
  if (!request.stream) {
    sendJson(response, 200, { ...base, status: 'completed', output, ...(wireUsage ? { usage: wireUsage } : {}) });
    return;
  }
  let sequence = 0;
  const event = (type: string, payload: Record<string, unknown>): { event: string; data: string } => ({
    event: type,
    data: JSON.stringify({ type, sequence_number: sequence++, ...payload }),
  });
  const events = [
    event('response.created', { response: { ...base, status: 'in_progress', output: [] } }),
    event('response.in_progress', { response: { ...base, status: 'in_progress', output: [] } }),
  ];
  let outputIndex = 0;
  if (messageItem) {
    const itemId = messageItem.id;
    events.push(event('response.output_item.added', { output_index: outputIndex, item: { ...messageItem, status: 'in_progress', content: [] } }));
    events.push(event('response.content_part.added', { item_id: itemId, output_index: outputIndex, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } }));
    for (const piece of splitIntoPieces(turn.text ?? '')) {
      events.push(event('response.output_text.delta', { item_id: itemId, output_index: outputIndex, content_index: 0, delta: piece, logprobs: [] }));
    }
    events.push(event('response.output_text.done', { item_id: itemId, output_index: outputIndex, content_index: 0, text: turn.text, logprobs: [] }));
    events.push(event('response.content_part.done', { item_id: itemId, output_index: outputIndex, content_index: 0, part: messageItem.content[0] }));
    events.push(event('response.output_item.done', { output_index: outputIndex, item: messageItem }));
    outputIndex += 1;
  }
  for (const item of callItems) {
    events.push(event('response.output_item.added', { output_index: outputIndex, item: { ...item, arguments: '', status: 'in_progress' } }));
    for (const piece of splitIntoPieces(item.arguments)) {
      events.push(event('response.function_call_arguments.delta', { item_id: item.id, output_index: outputIndex, delta: piece }));
    }
    events.push(event('response.function_call_arguments.done', { item_id: item.id, output_index: outputIndex, arguments: item.arguments }));
    events.push(event('response.output_item.done', { output_index: outputIndex, item }));
    outputIndex += 1;
  }
  if (!turn.truncate) events.push(event('response.completed', { response: { ...base, status: 'completed', output, usage: wireUsage } }));
  await writeEvents(response, events, turn);
}

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
 * A fake Anthropic Messages API on 127.0.0.1 (tests only): `/v1/messages`, streaming
 * (`message_start`, `content_block_start`, `ping`, `content_block_delta` with `text_delta` and
 * `input_json_delta`, `content_block_stop`, `message_delta`, `message_stop`) and not, with
 * errors in Anthropic's `{type:'error', error:{type, message}}` shape and `retry-after`.
 */
export function startFakeAnthropicServer(options: FakeServerOptions = {}): Promise<FakeServer> {
  return startFakeServer(anthropicProtocol, options);
}

const anthropicProtocol: ProtocolHandler = {
  matches: (path) => (path.endsWith('/messages') ? 'anthropic' : undefined),
  keyOf: (request) => {
    const header = request.headers['x-api-key'];
    return Array.isArray(header) ? header[0] : header;
  },
  normalise: (_api, body) => {
    const system = Array.isArray(body.system) ? textOf(body.system) : typeof body.system === 'string' ? body.system : '';
    const messages = (body.messages as Array<{ role: string; content: unknown }>) ?? [];
    return {
      model: String(body.model ?? 'claude-sonnet-4-5'),
      stream: body.stream === true,
      system,
      messages: messages.map((message) => {
        const isToolResult = Array.isArray(message.content) && message.content.some((part: { type?: string }) => part.type === 'tool_result');
        return { role: isToolResult ? 'tool' : message.role, text: textOf(message.content) };
      }),
      toolNames: ((body.tools as Array<{ name: string }>) ?? []).map((tool) => tool.name),
    };
  },
  refuse: (response, failure, retryAfterSeconds) => {
    const retry: Record<string, string> = retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) };
    const error = (status: number, type: string, message: string, headers: Record<string, string> = {}): void =>
      sendJson(response, status, { type: 'error', error: { type, message }, request_id: 'req_fake1' }, { 'request-id': 'req_fake1', ...headers });
    switch (failure) {
      case 'rate-limit':
        return error(429, 'rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit.', retry);
      case 'quota':
      case 'credit-balance':
        return error(400, 'invalid_request_error', 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.');
      case 'unauthorized':
        return error(401, 'authentication_error', 'invalid x-api-key');
      case 'forbidden':
        return error(403, 'permission_error', 'Your API key does not have permission to use the specified resource.');
      case 'overloaded':
        return error(529, 'overloaded_error', 'Overloaded', retry);
    }
  },
  answer: (response, request, turn) => answerMessages(response, request, turn),
};

function toolUseId(turn: FakeTurn, index: number): string {
  return turn.toolCalls?.[index]?.id ?? `toolu_${index + 1}${Math.random().toString(36).slice(2, 12)}`;
}

async function answerMessages(response: ServerResponse, request: FakeModelRequest, turn: FakeTurn): Promise<void> {
  const usage = usageOf(request, turn) ?? { inputTokens: 0, outputTokens: 0 };
  const calls = (turn.toolCalls ?? []).map((call, index) => ({ id: toolUseId(turn, index), name: call.name, json: argumentsText(call) }));
  const stopReason = calls.length > 0 ? 'tool_use' : 'end_turn';
  const message = { id: 'msg_fake1', type: 'message', role: 'assistant', model: request.model, stop_sequence: null };
  if (!request.stream) {
    const content = [
      ...(turn.text ? [{ type: 'text', text: turn.text }] : []),
      // A non-streamed answer carries parsed input; malformed arguments cannot be sent this way.
      ...calls.map((call) => ({ type: 'tool_use', id: call.id, name: call.name, input: safeParse(call.json) })),
    ];
    sendJson(response, 200, { ...message, content, stop_reason: stopReason, usage: { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens } });
    return;
  }
  const event = (type: string, payload: Record<string, unknown> = {}): { event: string; data: string } => ({ event: type, data: JSON.stringify({ type, ...payload }) });
  const events = [
    event('message_start', { message: { ...message, content: [], stop_reason: null, usage: { input_tokens: usage.inputTokens, output_tokens: 1 } } }),
  ];
  let index = 0;
  if (turn.text) {
    events.push(event('content_block_start', { index, content_block: { type: 'text', text: '' } }));
    events.push(event('ping'));
    for (const piece of splitIntoPieces(turn.text)) events.push(event('content_block_delta', { index, delta: { type: 'text_delta', text: piece } }));
    events.push(event('content_block_stop', { index }));
    index += 1;
  }
  for (const call of calls) {
    events.push(event('content_block_start', { index, content_block: { type: 'tool_use', id: call.id, name: call.name, input: {} } }));
    for (const piece of splitIntoPieces(call.json)) events.push(event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: piece } }));
    events.push(event('content_block_stop', { index }));
    index += 1;
  }
  if (!turn.truncate) {
    events.push(event('message_delta', { delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: usage.outputTokens } }));
    events.push(event('message_stop'));
  }
  await writeEvents(response, events, turn);
}

function safeParse(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return {};
  }
}

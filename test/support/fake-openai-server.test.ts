import { afterEach, describe, expect, it } from 'vitest';
import type { FakeServer } from './fake-llm-script.js';
import { startFakeOpenAIServer } from './fake-openai-server.js';

/** The SSE `data:` payloads of a response body. */
async function sseData(response: Response): Promise<string[]> {
  const text = await response.text();
  return text
    .split('\n\n')
    .map((block) => block.split('\n').find((line) => line.startsWith('data: '))?.slice(6))
    .filter((data): data is string => data !== undefined);
}

const post = (server: FakeServer, path: string, body: unknown, key = 'sk-test') =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('fake OpenAI server', () => {
  let server: FakeServer;
  afterEach(() => server.close());

  it('streams Chat Completions tool calls split across deltas, then finish, usage and [DONE]', async () => {
    server = await startFakeOpenAIServer({ script: [{ toolCalls: [{ name: 'run_sql', arguments: { sql: 'SELECT 1' }, id: 'call_1' }], usage: { inputTokens: 12, outputTokens: 5 } }] });
    const data = await sseData(await post(server, '/chat/completions', { model: 'm', stream: true, messages: [{ role: 'user', content: 'hi' }] }));
    expect(data.at(-1)).toBe('[DONE]');
    const chunks = data.slice(0, -1).map((entry) => JSON.parse(entry));
    const argumentPieces = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []).map((call: { function: { arguments: string } }) => call.function.arguments);
    expect(argumentPieces.filter(Boolean).length).toBeGreaterThan(1);
    expect(argumentPieces.join('')).toBe('{"sql":"SELECT 1"}');
    expect(chunks.find((chunk) => chunk.choices[0]?.finish_reason)?.choices[0].finish_reason).toBe('tool_calls');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 } });
  });

  it('answers the Responses API with output items, and streams its events up to response.completed', async () => {
    server = await startFakeOpenAIServer({ script: [{ text: 'Forty-two.' }, { text: 'Forty-two.' }] });
    const json = await (await post(server, '/responses', { model: 'm', input: [{ role: 'user', content: 'hi' }] })).json();
    expect(json).toMatchObject({ object: 'response', status: 'completed', output: [{ type: 'message', content: [{ type: 'output_text', text: 'Forty-two.' }] }] });
    const events = (await sseData(await post(server, '/responses', { model: 'm', stream: true, input: 'hi' }))).map((entry) => JSON.parse(entry).type);
    expect(events[0]).toBe('response.created');
    expect(events).toContain('response.output_text.delta');
    expect(events.at(-1)).toBe('response.completed');
  });

  it('refuses chosen keys in OpenAI error shape, with retry-after', async () => {
    server = await startFakeOpenAIServer({ keyFailures: { 'sk-1': 'rate-limit', 'sk-2': 'quota' }, retryAfterSeconds: 7 });
    const limited = await post(server, '/chat/completions', { model: 'm', messages: [] }, 'sk-1');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limit_exceeded', type: 'requests' } });
    const quota = await post(server, '/chat/completions', { model: 'm', messages: [] }, 'sk-2');
    expect(await quota.json()).toMatchObject({ error: { code: 'insufficient_quota', type: 'insufficient_quota' } });
    expect((await post(server, '/chat/completions', { model: 'm', messages: [] }, 'sk-3')).status).toBe(200);
    expect(server.requests.map((request) => request.key)).toEqual(['sk-1', 'sk-2', 'sk-3']);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { startFakeAnthropicServer } from './fake-anthropic-server.js';
import type { FakeServer } from './fake-llm-script.js';

const post = (server: FakeServer, body: unknown, key = 'sk-ant-test') =>
  fetch(`${server.url}/messages`, { method: 'POST', headers: { 'x-api-key': key, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('fake Anthropic server', () => {
  let server: FakeServer;
  afterEach(() => server.close());

  it('streams the Messages event sequence with input_json_delta pieces', async () => {
    server = await startFakeAnthropicServer({ script: [{ text: 'Let me look.', toolCalls: [{ name: 'read_data_dna', arguments: { table: 'payments' } }] }] });
    const text = await (await post(server, { model: 'claude', stream: true, max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] })).text();
    const events = text.split('\n\n').filter(Boolean).map((block) => block.split('\n')[0].replace('event: ', ''));
    expect(events[0]).toBe('message_start');
    expect(events.slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect(events).toEqual(expect.arrayContaining(['content_block_start', 'content_block_delta', 'content_block_stop', 'ping']));
    const pieces = [...text.matchAll(/"partial_json":("(?:[^"\\]|\\.)*")/g)].map((match) => JSON.parse(match[1]) as string);
    expect(pieces.length).toBeGreaterThan(1);
    expect(JSON.parse(pieces.join(''))).toEqual({ table: 'payments' });
  });

  it('refuses keys in Anthropic error shape: 429 with retry-after, 529 overloaded, 400 credit balance', async () => {
    server = await startFakeAnthropicServer({ keyFailures: { a: 'rate-limit', b: 'overloaded', c: 'credit-balance' }, retryAfterSeconds: 3 });
    const limited = await post(server, { model: 'claude', messages: [] }, 'a');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(await limited.json()).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    expect((await post(server, { model: 'claude', messages: [] }, 'b')).status).toBe(529);
    const credit = await post(server, { model: 'claude', messages: [] }, 'c');
    expect(credit.status).toBe(400);
    expect(await credit.json()).toMatchObject({ error: { type: 'invalid_request_error', message: expect.stringContaining('credit balance') } });
  });
});

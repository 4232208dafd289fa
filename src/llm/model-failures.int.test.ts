import { generateText, Output, stepCountIs, streamText, tool } from 'ai';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startFakeAnthropicServer } from '../../test/support/fake-anthropic-server.js';
import type { FakeServer, FakeServerOptions } from '../../test/support/fake-llm-script.js';
import { startFakeOpenAIServer } from '../../test/support/fake-openai-server.js';
import { isAppError } from '../core/app-error.js';
import { InsightxConfig } from '../core/config.js';
import type { RunEventPayload } from '../core/events.js';
import { createAgentModels } from './create-agent-models.js';

(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;

const PROVIDERS = [
  { label: 'OpenAI-compatible (bytez preset)', provider: 'bytez', start: startFakeOpenAIServer, settings: {} },
  { label: 'OpenAI Responses API', provider: 'openai', start: startFakeOpenAIServer, settings: { api: 'responses' as const } },
  { label: 'OpenAI Chat Completions', provider: 'openai', start: startFakeOpenAIServer, settings: { api: 'chat' as const } },
  { label: 'Anthropic Messages', provider: 'anthropic', start: startFakeAnthropicServer, settings: {} },
];

const runSql = tool({
  description: 'Runs one read-only SQL query.',
  inputSchema: z.object({ sql: z.string() }),
  execute: async ({ sql }) => ({ columns: ['n'], rows: [[sql.length]] }),
});

describe.each(PROVIDERS)('model failures on $label', ({ provider, start, settings }) => {
  let server: FakeServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function setUp(options: FakeServerOptions, prices?: Record<string, { inputPerMillion: number; outputPerMillion: number }>) {
    server = await start(options);
    const config = InsightxConfig.parse({
      models: { tiers: { light: `${provider}:test-model`, heavy: `${provider}:test-model` } },
      providers: { [provider]: { baseURL: server.url, keys: ['sk-only-key-1'], ...settings, ...(prices ? { prices } : {}) } },
    });
    const events: RunEventPayload[] = [];
    const resolved = createAgentModels(config).forAgent('sql', { emit: (event) => void events.push(event) });
    return { events, resolved, model: resolved.model, server };
  }

  async function streamErrors(result: ReturnType<typeof streamText>): Promise<unknown[]> {
    const errors: unknown[] = [];
    for await (const part of result.fullStream) if (part.type === 'error') errors.push(part.error);
    return errors;
  }

  it('a stream whose connection drops mid-answer ends with LLM_STREAM_BROKEN', async () => {
    const { model } = await setUp({ script: [{ text: 'The failure rate is 4.2 percent across all payments.', dropAfterEvents: 3 }] });
    const errors = await streamErrors(streamText({ model, prompt: 'failure rate?', maxOutputTokens: 200, onError: () => undefined }));
    expect(errors.map((error) => isAppError(error) && error.code)).toEqual(['LLM_STREAM_BROKEN']);
  });

  it('a stream that stops before its final event ends with LLM_STREAM_BROKEN', async () => {
    const { model } = await setUp({ script: [{ text: 'The failure rate is 4.2 percent.', truncate: true }] });
    const errors = await streamErrors(streamText({ model, prompt: 'failure rate?', maxOutputTokens: 200, onError: () => undefined }));
    expect(errors.map((error) => isAppError(error) && error.code)).toEqual(['LLM_STREAM_BROKEN']);
  });

  it('malformed tool arguments go back to the model as a tool error, and the model fixes its call', async () => {
    const { model, server } = await setUp({
      script: [
        { toolCalls: [{ name: 'run_sql', arguments: '{"sql": "SELECT count(*) FROM payments' }] },
        { toolCalls: [{ name: 'run_sql', arguments: { sql: 'SELECT count(*) FROM payments' } }] },
        { text: 'There are 30 payments.' },
      ],
    });
    const result = streamText({ model, prompt: 'How many payments?', tools: { run_sql: runSql }, stopWhen: stepCountIs(4), maxOutputTokens: 200 });
    expect(await result.text).toBe('There are 30 payments.');
    const steps = await result.steps;
    expect(steps[0].content.some((part) => part.type === 'tool-error')).toBe(true);
    expect(steps[1].toolResults).toHaveLength(1);
    // The model was told what was wrong with its first call.
    const secondRequest = server.requests[1];
    expect(secondRequest.messages.some((message) => message.role === 'tool' && /invalid|json|parse/i.test(message.text))).toBe(true);
  });

  it('reports token usage from the provider, with the cost from the configured price', async () => {
    const { model, resolved } = await setUp(
      { script: [{ text: 'Hi.', usage: { inputTokens: 1000, outputTokens: 500 } }] },
      { 'test-model': { inputPerMillion: 2, outputPerMillion: 8 } },
    );
    const result = await generateText({ model, prompt: 'Hello', maxOutputTokens: 100 });
    expect(result.usage.inputTokens).toBe(1000);
    expect(result.usage.outputTokens).toBe(500);
    expect(resolved.price).toEqual({ inputPerMillion: 2, outputPerMillion: 8 });
  });
});

describe('usage a provider does not report', () => {
  it('is estimated and flagged', async () => {
    const server = await startFakeOpenAIServer({ script: [{ text: 'An answer of some length.', usage: null }] });
    try {
      const config = InsightxConfig.parse({
        models: { tiers: { light: 'ollama:qwen', heavy: 'ollama:qwen' } },
        providers: { ollama: { baseURL: server.url } },
      });
      const { model } = createAgentModels(config).forAgent('composer', { emit: () => undefined });
      const result = streamText({ model, prompt: 'Say something' });
      await result.text;
      const usage = await result.usage;
      expect(usage.inputTokens).toBeGreaterThan(0);
      expect(usage.outputTokens).toBeGreaterThan(0);
      expect((usage.raw as { estimated?: boolean }).estimated).toBe(true);
      expect(server.requests[0].key).toBe('insightx-key-pool');
    } finally {
      await server.close();
    }
  });
});

describe('structured outputs on OpenAI-compatible endpoints', () => {
  it('sends a JSON schema where the preset supports it (Ollama) and plain JSON mode elsewhere (Bytez)', async () => {
    const server = await startFakeOpenAIServer({ script: () => ({ text: '{"route":"SQL_ONLY","reason":"numbers"}' }) });
    try {
      for (const provider of ['ollama', 'bytez']) {
        const config = InsightxConfig.parse({
          models: { tiers: { light: `${provider}:m`, heavy: `${provider}:m` } },
          providers: { [provider]: { baseURL: server.url, keys: ['k'] } },
        });
        const { model } = createAgentModels(config).forAgent('router', { emit: () => undefined });
        const result = await generateText({ model, prompt: 'route?', output: Output.object({ schema: z.object({ route: z.string(), reason: z.string() }) }) });
        expect(result.output.route).toBe('SQL_ONLY');
      }
      const formats = server.requests.map((request) => (request.body.response_format as { type: string }).type);
      expect(formats).toEqual(['json_schema', 'json_object']);
    } finally {
      await server.close();
    }
  });
});

describe('cancelling a streamed call', () => {
  it('is an abort, not a broken stream', async () => {
    const server = await startFakeOpenAIServer({ script: [{ text: 'A long answer that keeps coming', eventDelayMs: 50 }] });
    try {
      const config = InsightxConfig.parse({ models: { tiers: { light: 'bytez:m', heavy: 'bytez:m' } }, providers: { bytez: { baseURL: server.url, keys: ['k'] } } });
      const { model } = createAgentModels(config).forAgent('composer', { emit: () => undefined });
      const controller = new AbortController();
      const result = streamText({ model, prompt: 'Talk', abortSignal: controller.signal, onError: () => undefined });
      const types: string[] = [];
      for await (const part of result.fullStream) {
        types.push(part.type === 'error' && isAppError(part.error) ? part.error.code : part.type);
        if (part.type === 'text-delta') controller.abort();
      }
      expect(types).toContain('abort');
      expect(types).not.toContain('LLM_STREAM_BROKEN');
    } finally {
      await server.close();
    }
  });
});

import { generateText, stepCountIs, streamText, tool } from 'ai';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startFakeAnthropicServer } from '../../test/support/fake-anthropic-server.js';
import type { FakeServer, FakeServerOptions } from '../../test/support/fake-llm-script.js';
import { startFakeOpenAIServer } from '../../test/support/fake-openai-server.js';
import { isAppError } from '../core/app-error.js';
import { InsightxConfig } from '../core/config.js';
import type { RunEventPayload } from '../core/events.js';
import { createAgentModels } from './create-agent-models.js';
import { createKeyPools } from './key-pool/key-pools.js';
import { mapModelError } from './map-model-error.js';

(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;

const KEYS = Array.from({ length: 12 }, (_, index) => `sk-test-key-number-${index + 1}`);
const keyNumberOf = (key: string | undefined): number => Number(key?.split('-').at(-1));

const PROVIDERS = [
  { label: 'OpenAI-compatible (bytez preset)', provider: 'bytez', start: startFakeOpenAIServer, settings: {} },
  { label: 'OpenAI Responses API', provider: 'openai', start: startFakeOpenAIServer, settings: { api: 'responses' as const } },
  { label: 'OpenAI Chat Completions', provider: 'openai', start: startFakeOpenAIServer, settings: { api: 'chat' as const } },
  { label: 'Anthropic Messages', provider: 'anthropic', start: startFakeAnthropicServer, settings: {} },
];

const sumTool = tool({
  description: 'Adds two numbers.',
  inputSchema: z.object({ a: z.number(), b: z.number() }),
  execute: async ({ a, b }) => ({ sum: a + b }),
});

describe.each(PROVIDERS)('key pool on $label', ({ provider, start, settings }) => {
  let server: FakeServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function setUp(options: FakeServerOptions) {
    server = await start(options);
    const config = InsightxConfig.parse({
      models: { tiers: { light: `${provider}:test-model`, heavy: `${provider}:test-model` } },
      providers: { [provider]: { baseURL: server.url, keys: KEYS, ...settings } },
    });
    const keyPools = createKeyPools(config);
    const events: RunEventPayload[] = [];
    const models = createAgentModels(config, { keyPools });
    const resolved = models.forAgent('sql', { emit: (event) => void events.push(event) });
    return { events, model: resolved.model, pool: keyPools.get(provider)!, server };
  }

  it('rotates past 11 refused keys (rate limits and quota) and the streamed answer with a tool call still arrives', async () => {
    const { events, model, pool, server } = await setUp({
      script: [{ toolCalls: [{ name: 'sum', arguments: { a: 20, b: 22 } }] }, { text: 'The sum is 42.' }],
      keyFailures: (key) => {
        const number = keyNumberOf(key);
        return number <= 6 ? 'rate-limit' : number <= 11 ? 'quota' : undefined;
      },
      retryAfterSeconds: 30,
    });

    const result = streamText({ model, prompt: 'What is 20 + 22?', tools: { sum: sumTool }, stopWhen: stepCountIs(3) });

    expect(await result.text).toBe('The sum is 42.');
    const rotations = events.filter((event) => event.type === 'key-rotated');
    expect(rotations).toHaveLength(11);
    expect(rotations.map((event) => [event.fromKey, event.toKey])).toEqual(Array.from({ length: 11 }, (_, index) => [index + 1, index + 2]));
    expect(rotations[0]).toMatchObject({ provider, reason: expect.stringMatching(/rate-limited|overloaded/) });
    expect(rotations[10]).toMatchObject({ provider, reason: expect.stringContaining('quota-exhausted') });
    expect(JSON.stringify(events)).not.toContain('sk-test-key');
    // The second step went straight to key 12: a working key keeps serving.
    const served = server.requests.filter((request) => keyNumberOf(request.key) === 12);
    expect(served).toHaveLength(2);
    const twelve = pool.status()[11];
    expect(twelve).toMatchObject({ calls: 2, cooldownUntil: null });
    expect(twelve.inputTokens).toBeGreaterThan(0);
    expect(pool.status()[0].lastError?.reason).toBe('rate-limited');
    expect(pool.status()[0].cooldownUntil).not.toBeNull();
  });

  it('ends with LLM_ALL_KEYS_EXHAUSTED listing every key and its reason when all 12 keys fail', async () => {
    const { events, model } = await setUp({ keyFailures: (key) => (keyNumberOf(key) % 2 === 0 ? 'unauthorized' : 'rate-limit') });

    const failure = await generateText({ model, prompt: 'Hello?' }).then(
      () => undefined,
      (error: unknown) => error,
    );

    const error = mapModelError(failure, provider);
    expect(error.code).toBe('LLM_ALL_KEYS_EXHAUSTED');
    const keys = error.details.keys as Array<{ key: number; reason: string }>;
    expect(keys.map((entry) => entry.key)).toEqual(Array.from({ length: 12 }, (_, index) => index + 1));
    expect(keys[1].reason).toBe('unauthorized');
    expect(keys[0].reason).toMatch(/rate-limited|overloaded/);
    expect(events.filter((event) => event.type === 'key-rotated')).toHaveLength(11);
    expect(error.message).not.toContain('sk-test-key');
  });

  it('reports exhaustion as the stream error part when streaming', async () => {
    const { model } = await setUp({ keyFailures: () => 'forbidden' });
    const errors: unknown[] = [];
    const result = streamText({ model, prompt: 'Hello?', onError: ({ error }) => void errors.push(error) });
    for await (const part of result.fullStream) if (part.type === 'error') errors.push(part.error);
    expect(errors.length).toBeGreaterThan(0);
    expect(isAppError(errors[0]) && errors[0].code).toBe('LLM_ALL_KEYS_EXHAUSTED');
  });

  it('moves to the next key when a connection to the provider fails', async () => {
    const { events, model } = await setUp({ keyFailures: (key) => (keyNumberOf(key) === 1 ? 'drop-connection' : undefined), script: [{ text: 'fine' }] });
    const result = await generateText({ model, prompt: 'Hello?' });
    expect(result.text).toBe('fine');
    expect(events.filter((event) => event.type === 'key-rotated')).toEqual([
      { type: 'key-rotated', provider, fromKey: 1, toKey: 2, reason: 'connection-failed' },
    ]);
  });
});

describe('Anthropic-specific refusals', () => {
  it('rotates on 529 overloaded and on a 400 "credit balance is too low"', async () => {
    const server = await startFakeAnthropicServer({ keyFailures: { 'ant-1': 'overloaded', 'ant-2': 'credit-balance' }, script: [{ text: 'Done.' }] });
    try {
      const config = InsightxConfig.parse({
        models: { tiers: { light: 'anthropic:claude-sonnet-4-5', heavy: 'anthropic:claude-sonnet-4-5' } },
        providers: { anthropic: { baseURL: server.url, keys: ['ant-1', 'ant-2', 'ant-3'] } },
      });
      const events: RunEventPayload[] = [];
      const { model } = createAgentModels(config).forAgent('composer', { emit: (event) => void events.push(event) });
      expect((await generateText({ model, prompt: 'Hi' })).text).toBe('Done.');
      expect(events).toEqual([
        { type: 'key-rotated', provider: 'anthropic', fromKey: 1, toKey: 2, reason: 'overloaded (HTTP 529)' },
        { type: 'key-rotated', provider: 'anthropic', fromKey: 2, toKey: 3, reason: 'quota-exhausted (HTTP 400)' },
      ]);
      expect(server.requests.map((request) => request.key)).toEqual(['ant-1', 'ant-2', 'ant-3']);
    } finally {
      await server.close();
    }
  });
});

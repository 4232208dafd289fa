import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropicServer } from '../../test/support/fake-anthropic-server.js';
import { agentOf, createFakeAnalystScript } from '../../test/support/fake-analyst-script.js';
import type { FakeServer, FakeServerOptions } from '../../test/support/fake-llm-script.js';
import { startFakeOpenAIServer } from '../../test/support/fake-openai-server.js';
import { sampleDataDir } from '../../test/business/sample-data-dir.js';
import { createCliRuntime, type CliRuntime } from '../cli/create-runtime.js';
import type { RunEventPayload } from '../core/events.js';
import { loadConfig } from '../core/load-config.js';
import { applyModelOverrides } from './apply-model-overrides.js';

(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;

const QUESTION = 'How many payments failed?';
const SQL = "SELECT COUNT(*) AS failed_payments FROM payments WHERE status = 'failed'";

const PROVIDERS = [
  { label: 'OpenAI-compatible (bytez)', provider: 'bytez', start: startFakeOpenAIServer, env: {} as { api?: 'chat' } },
  { label: 'OpenAI Responses', provider: 'openai', start: startFakeOpenAIServer, env: {} },
  { label: 'OpenAI Chat Completions', provider: 'openai', start: startFakeOpenAIServer, env: { api: 'chat' as const } },
  { label: 'Anthropic Messages', provider: 'anthropic', start: startFakeAnthropicServer, env: {} },
];

describe.each(PROVIDERS)('a full run on $label through the fake server', ({ provider, start, env }) => {
  let server: FakeServer;
  let runtime: CliRuntime;
  let expected: number;

  async function open(options: FakeServerOptions) {
    server = await start(options);
    const keys = Array.from({ length: 12 }, (_, index) => `key-${provider}-${index + 1}`).join(',');
    const base = loadConfig({ cwd: tmpdir(), env: { INSIGHTX_DATA_DIR: sampleDataDir(), [`${provider.toUpperCase()}_API_KEYS`]: keys } });
    const config = applyModelOverrides({ ...base, providers: { ...base.providers, [provider]: { ...base.providers[provider], ...env } } }, { provider, model: 'fake-model', baseURL: server.url });
    runtime = createCliRuntime({ ...config, fastPath: false });
    const { connector } = await runtime.prepare('sample');
    expected = Number((await connector.query(SQL, { limit: 1 })).rows[0][0]);
  }

  async function ask() {
    const events: RunEventPayload[] = [];
    const outcome = await runtime.orchestrator.run({ runId: 'run_1', threadId: null, question: QUESTION, datasource: 'sample', emit: (event) => void events.push(event) });
    return { outcome, events };
  }

  afterAll(async () => {
    await runtime?.close();
    await server?.close();
  });

  beforeAll(async () => {
    await open({
      script: createFakeAnalystScript({ sql: () => SQL }),
      keyFailures: (key) => (Number(key?.split('-').at(-1)) <= 11 ? 'rate-limit' : undefined),
      retryAfterSeconds: 0,
    });
  });

  it('reads the DNA, runs real SQL on the sample data and answers with its number, after 11 key rotations', async () => {
    const { outcome, events } = await ask();
    expect(outcome.error).toBeNull();
    expect(outcome.status).toBe('completed');
    expect(outcome.sql).toBe(SQL);
    expect(Number(outcome.rows[0][0])).toBe(expected);
    expect(outcome.answer).toContain(String(expected));
    const calls = events.filter((event) => event.type === 'tool-call').map((event) => event.toolName);
    expect(calls).toEqual(['read_data_dna', 'run_sql']);
    expect(events.filter((event) => event.type === 'key-rotated')).toHaveLength(11);
    expect(events.filter((event) => event.type === 'agent-start').every((event) => event.model === `${provider}:fake-model`)).toBe(true);
    expect(events.filter((event) => event.type === 'usage').length).toBeGreaterThan(0);
    expect(events.at(-1)).toEqual({ type: 'run-end', status: 'completed', route: 'SQL_ONLY' });
  });
});

describe('a run whose answer stream breaks mid-way', () => {
  let server: FakeServer;
  let runtime: CliRuntime;
  afterAll(async () => {
    await runtime?.close();
    await server?.close();
  });

  it('ends failed with LLM_STREAM_BROKEN and no answer', async () => {
    const analyst = createFakeAnalystScript({ sql: () => SQL });
    server = await startFakeOpenAIServer({
      script: (request, answered) =>
        agentOf(request) === 'composer'
          ? { text: 'The number of failed payments is large and', dropAfterEvents: 3 }
          : typeof analyst === 'function'
            ? analyst(request, answered)
            : { text: 'ok' },
    });
    const base = loadConfig({ cwd: tmpdir(), env: { INSIGHTX_DATA_DIR: sampleDataDir(), BYTEZ_API_KEYS: 'only-key' } });
    runtime = createCliRuntime({ ...applyModelOverrides(base, { provider: 'bytez', model: 'fake-model', baseURL: server.url }), fastPath: false });
    await runtime.prepare('sample');
    const events: RunEventPayload[] = [];
    const outcome = await runtime.orchestrator.run({ runId: 'run_broken', threadId: null, question: QUESTION, datasource: 'sample', emit: (event) => void events.push(event) });
    expect(outcome.status).toBe('failed');
    expect(outcome.error?.code).toBe('LLM_STREAM_BROKEN');
    expect(outcome.answer).toBe('');
    expect(events.find((event) => event.type === 'error')).toMatchObject({ code: 'LLM_STREAM_BROKEN', stage: 'composer' });
    expect(events.at(-1)).toMatchObject({ type: 'run-end', status: 'failed' });
  });
});

describe('the fast path with a remote model configured', () => {
  it('with a threshold set, answers a question the embedded analyst reads confidently without calling the remote model, and says so', async () => {
    const server = await startFakeOpenAIServer();
    const base = loadConfig({ cwd: tmpdir(), env: { INSIGHTX_DATA_DIR: sampleDataDir(), BYTEZ_API_KEYS: 'only-key' } });
    const runtime = createCliRuntime({ ...applyModelOverrides(base, { provider: 'bytez', model: 'fake-model', baseURL: server.url }), fastPathConfidence: 0.65 });
    try {
      const { connector } = await runtime.prepare('sample');
      const expected = Number((await connector.query(SQL, { limit: 1 })).rows[0][0]);
      const events: RunEventPayload[] = [];
      const outcome = await runtime.orchestrator.run({ runId: 'run_fast', threadId: null, question: QUESTION, datasource: 'sample', emit: (event) => void events.push(event) });
      expect({ status: outcome.status, error: outcome.error, events: events.map((event) => event.type) }).toMatchObject({ status: 'completed' });
      expect(Number(outcome.rows[0][0])).toBe(expected);
      expect(server.requests).toHaveLength(0);
      expect(events.find((event) => event.type === 'thought-delta')).toMatchObject({ delta: expect.stringMatching(/^Fast path:/) });
      expect(events.filter((event) => event.type === 'agent-start').every((event) => event.model === 'local:analyst')).toBe(true);
    } finally {
      await runtime.close();
      await server.close();
    }
  });
});

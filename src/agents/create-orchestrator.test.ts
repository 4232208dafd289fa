import path from 'node:path';
import type { LanguageModelV3StreamPart, LanguageModelV3Usage } from '@ai-sdk/provider';
import { simulateReadableStream } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { AppError } from '../core/app-error.js';
import { fixedClock } from '../core/clock.js';
import type { DataDna } from '../core/dna.js';
import type { AgentName, RunEventPayload } from '../core/events.js';
import { sequentialIds } from '../core/ids.js';
import type { Connector } from '../data/connector.js';
import type { AgentModels } from '../llm/agent-models.js';
import { createMemoryResultStore } from '../store/result-store.js';
import { createOrchestrator } from './create-orchestrator.js';
import type { OrchestratorDeps } from './orchestrator-deps.js';

const usage: LanguageModelV3Usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 5, text: 5, reasoning: 0 },
};

const dna: DataDna = {
  datasource: 'shop',
  dialect: 'duckdb',
  generatedAt: '2026-01-01T00:00:00.000Z',
  fingerprint: 'f1',
  tables: [
    {
      name: 'payments',
      rowCount: 3,
      columns: [{ name: 'amount', type: 'DOUBLE', role: 'measure', nullShare: 0, distinctCount: 3, topValues: [], primaryKey: false, synonyms: [] }],
      foreignKeys: [],
      derivedMetrics: [],
      synonyms: [],
    },
  ],
};

/** A connector that knows one query and rejects a misspelt column, like an engine would. */
function fakeConnector(): Connector {
  return {
    name: 'shop',
    dialect: 'duckdb',
    listTables: async () => ['payments'],
    describe: async () => [],
    explain: async () => '',
    close: async () => {},
    query: async (sql) => {
      if (sql.includes('amout')) throw new AppError('CONNECTOR_QUERY_FAILED', 'Binder Error: Referenced column "amout" not found', { details: { sql } });
      return { columns: [{ name: 'avg_amount', type: 'DOUBLE' }], rows: [[42.5]], rowCount: 1, truncated: false, elapsedMs: 1 };
    },
  };
}

function streamOf(parts: LanguageModelV3StreamPart[]) {
  return { stream: simulateReadableStream({ chunks: [...parts, { type: 'finish', finishReason: { unified: parts.some((part) => part.type === 'tool-call') ? 'tool-calls' : 'stop', raw: undefined }, usage } as LanguageModelV3StreamPart] }) };
}

function text(value: string): LanguageModelV3StreamPart[] {
  return [{ type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: value }, { type: 'text-end', id: 't' }];
}

function toolCall(id: string, toolName: string, input: unknown): LanguageModelV3StreamPart[] {
  return [{ type: 'tool-call', toolCallId: id, toolName, input: JSON.stringify(input) }];
}

function scriptedModels(): Record<AgentName, MockLanguageModelV3> {
  const router = new MockLanguageModelV3({
    doGenerate: {
      content: [{ type: 'text', text: '{"route":"SQL_ONLY","reason":"An average over payments."}' }],
      finishReason: { unified: 'stop', raw: undefined },
      usage,
      warnings: [],
    },
  });
  const sql = new MockLanguageModelV3({
    doStream: [
      streamOf(toolCall('c1', 'read_data_dna', {})),
      streamOf(toolCall('c2', 'run_sql', { sql: 'SELECT avg(amout) AS avg_amount FROM payments' })),
      streamOf(toolCall('c3', 'run_sql', { sql: 'SELECT avg(amount) AS avg_amount FROM payments' })),
      streamOf(text('The average amount over all payments.')),
    ],
  });
  const viz = new MockLanguageModelV3({ doStream: streamOf(text('Chart: kpi\n\n```tsx\nexport default function Viz({ data }) {\n  return <p>{data[0].avg_amount}</p>;\n}\n```')) });
  const composer = new MockLanguageModelV3({ doStream: streamOf(text('The average transaction amount is 42.50.')) });
  const unused = new MockLanguageModelV3();
  return { router, sql, viz, composer, python: unused, explainer: unused };
}

function modelsFrom(models: Record<AgentName, MockLanguageModelV3>): AgentModels {
  return { forAgent: (agent) => ({ id: `mock:${agent}`, provider: 'mock', model: models[agent], local: false }) };
}

function deps(models: AgentModels): OrchestratorDeps {
  return {
    registry: {
      get: async (name) => {
        if (name !== 'shop') throw new AppError('DATASOURCE_NOT_FOUND', `No datasource named "${name}".`);
        return fakeConnector();
      },
    },
    models,
    resultStore: createMemoryResultStore(),
    getDna: async () => dna,
    promptsDir: path.resolve(import.meta.dirname, '../../prompts'),
    ids: sequentialIds(),
    clock: fixedClock(new Date('2026-01-01T00:00:00Z')),
    limits: { rowCap: 100, statementTimeoutMs: 5_000, sqlAttempts: 5 },
  };
}

/** Event types in order, with runs of the same streaming delta collapsed to one. */
function sequence(events: RunEventPayload[]): string[] {
  const names = events.map((event) => ('agent' in event && event.type !== 'tool-call' && event.type !== 'tool-result' ? `${event.type}:${event.agent}` : event.type));
  return names.filter((name, index) => !(name.endsWith('-delta') || name.includes('-delta:')) || names[index - 1] !== name);
}

describe('the agent pipeline with scripted model calls', () => {
  it('repairs a failing SQL query on attempt 2 and reports every step in the documented order', async () => {
    const events: RunEventPayload[] = [];
    const orchestrator = createOrchestrator(deps(modelsFrom(scriptedModels())));
    const outcome = await orchestrator.run({ runId: 'run_1', threadId: null, question: 'What is the average amount?', datasource: 'shop', emit: (event) => void events.push(event) });

    expect(outcome.status).toBe('completed');
    expect(outcome.sql).toBe('SELECT avg(amount) AS avg_amount FROM payments');
    expect(outcome.rows).toEqual([[42.5]]);
    expect(outcome.answer).toBe('The average transaction amount is 42.50.');
    expect(outcome.chart?.type).toBe('kpi');
    expect(sequence(events)).toEqual([
      'run-start',
      'agent-start:router',
      'usage:router',
      'route-decided',
      'agent-start:sql',
      'tool-call', // read_data_dna
      'tool-result',
      'tool-call', // run_sql, attempt 1
      'sql-attempt',
      'tool-result',
      'tool-call', // run_sql, attempt 2
      'sql-attempt',
      'data-ready',
      'tool-result',
      'thought-delta:sql',
      'usage:sql',
      'interpretation:sql', // the embedded analyst reads this SQL as its own reading of the question
      'agent-start:viz',
      'code-delta',
      'code-end',
      'usage:viz',
      'agent-start:composer',
      'text-delta',
      'usage:composer',
      'run-end',
    ]);
    const attempts = events.filter((event) => event.type === 'sql-attempt');
    expect(attempts).toMatchObject([
      { attempt: 1, status: 'error', error: { code: 'CONNECTOR_QUERY_FAILED' } },
      { attempt: 2, status: 'ok' },
    ]);
    expect(events.at(-1)).toEqual({ type: 'run-end', status: 'completed', route: 'SQL_ONLY' });
  });

  it('ends the SQL agent once a query has succeeded, and says what the query returned', async () => {
    const models = scriptedModels();
    const events: RunEventPayload[] = [];
    await createOrchestrator(deps(modelsFrom(models))).run({ runId: 'run_1', threadId: null, question: 'Average amount?', datasource: 'shop', emit: (event) => void events.push(event) });
    // read_data_dna, the failed attempt, the repaired one: no fourth call to resend the conversation.
    expect(models.sql.doStreamCalls).toHaveLength(3);
    const thought = events.filter((event) => event.type === 'thought-delta' && event.agent === 'sql').map((event) => (event.type === 'thought-delta' ? event.delta : ''));
    expect(thought.join('')).toBe('The query returned 1 row (avg_amount).');
  });

  it('gives the model the failed attempt as a tool error with its code and a hint', async () => {
    const models = scriptedModels();
    await createOrchestrator(deps(modelsFrom(models))).run({ runId: 'run_1', threadId: null, question: 'Average amount?', datasource: 'shop', emit: () => {} });
    const third = models.sql.doStreamCalls[2].prompt;
    const toolMessages = third.filter((message) => message.role === 'tool').flatMap((message) => message.content);
    const failed = toolMessages.find((part) => part.type === 'tool-result' && part.toolCallId === 'c2');
    expect(failed).toMatchObject({ output: { type: 'error-text' } });
    const value = (failed as { output: { value: string } }).output.value;
    expect(value).toMatch(/^CONNECTOR_QUERY_FAILED: Binder Error/);
    expect(value).toMatch(/Hint: /);
  });

  it('stops after five failed attempts and fails the run with AGENT_SQL_REPAIR_EXHAUSTED', async () => {
    const models = scriptedModels();
    const bad = (n: number) => streamOf(toolCall(`b${n}`, 'run_sql', { sql: 'SELECT avg(amout) FROM payments' }));
    models.sql = new MockLanguageModelV3({ doStream: [bad(1), bad(2), bad(3), bad(4), bad(5), bad(6), bad(7)] });
    const events: RunEventPayload[] = [];
    const outcome = await createOrchestrator(deps(modelsFrom(models))).run({ runId: 'run_1', threadId: null, question: 'Average amount?', datasource: 'shop', emit: (event) => void events.push(event) });
    expect(outcome.status).toBe('failed');
    expect(outcome.error?.code).toBe('AGENT_SQL_REPAIR_EXHAUSTED');
    expect(events.filter((event) => event.type === 'sql-attempt')).toHaveLength(5);
    expect(events.slice(-2).map((event) => event.type)).toEqual(['error', 'run-end']);
    expect(events.at(-1)).toMatchObject({ status: 'failed' });
  });

  it('answers PYTHON_ONLY from the previous turn\'s stored result without a new query', async () => {
    const models = scriptedModels();
    models.router = new MockLanguageModelV3({
      doGenerate: { content: [{ type: 'text', text: '{"route":"PYTHON_ONLY","reason":"About the previous result."}' }], finishReason: { unified: 'stop', raw: undefined }, usage, warnings: [] },
    });
    const dependencies = deps(modelsFrom(models));
    await dependencies.resultStore.save({ id: 'res_prev', sql: 'SELECT 1 AS one', datasource: 'shop', columns: [{ name: 'one', type: 'INTEGER' }], rows: [[1]], rowCount: 1, truncated: false, elapsedMs: 1 });
    const events: RunEventPayload[] = [];
    const outcome = await createOrchestrator(dependencies).run({
      runId: 'run_2',
      threadId: 't',
      question: 'Is that significant?',
      datasource: 'shop',
      history: [{ question: 'One?', route: 'SQL_ONLY', sql: 'SELECT 1 AS one', answer: 'One.', resultId: 'res_prev' }],
      emit: (event) => void events.push(event),
    });
    expect(outcome.status).toBe('completed');
    expect(outcome.sql).toBe('SELECT 1 AS one');
    expect(outcome.resultId).toBe('res_prev');
    expect(events.some((event) => event.type === 'agent-start' && event.agent === 'sql')).toBe(false);
    expect(models.sql.doStreamCalls).toHaveLength(0);
  });

  it('ends with an error event and run-end failed for an unknown datasource', async () => {
    const events: RunEventPayload[] = [];
    const outcome = await createOrchestrator(deps(modelsFrom(scriptedModels()))).run({ runId: 'run_1', threadId: null, question: 'Average amount?', datasource: 'nope', emit: (event) => void events.push(event) });
    expect(outcome.error?.code).toBe('DATASOURCE_NOT_FOUND');
    expect(events.map((event) => event.type)).toEqual(['run-start', 'error', 'run-end']);
    expect(events[1]).toMatchObject({ code: 'DATASOURCE_NOT_FOUND', stage: 'datasource' });
  });

  it('refuses an empty question with INPUT_EMPTY_QUESTION', async () => {
    const outcome = await createOrchestrator(deps(modelsFrom(scriptedModels()))).run({ runId: 'run_1', threadId: null, question: '  ', datasource: 'shop', emit: () => {} });
    expect(outcome.error?.code).toBe('INPUT_EMPTY_QUESTION');
  });

  it('ends a cancelled run with run-end cancelled and no error event', async () => {
    const controller = new AbortController();
    const events: RunEventPayload[] = [];
    const outcome = await createOrchestrator(deps(modelsFrom(scriptedModels()))).run({
      runId: 'run_1',
      threadId: null,
      question: 'Average amount?',
      datasource: 'shop',
      signal: controller.signal,
      emit: (event) => {
        events.push(event);
        if (event.type === 'sql-attempt') controller.abort();
      },
    });
    expect(outcome.status).toBe('cancelled');
    expect(events.some((event) => event.type === 'error')).toBe(false);
    expect(events.at(-1)).toEqual({ type: 'run-end', status: 'cancelled', route: 'SQL_ONLY' });
    expect(events.some((event) => event.type === 'agent-start' && event.agent === 'composer')).toBe(false);
  });
});

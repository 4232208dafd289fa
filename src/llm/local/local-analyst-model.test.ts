import { generateText, Output, stepCountIs, streamText, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ColumnProfile, DataDna } from '../../core/dna.js';
import { createLocalAnalystModel } from './local-analyst-model.js';

function column(name: string, type: string, role: ColumnProfile['role'], extra: Partial<ColumnProfile> = {}): ColumnProfile {
  return { name, type, role, nullShare: 0, distinctCount: extra.topValues?.length ?? 1000, topValues: [], primaryKey: false, synonyms: [], ...extra };
}

const dna: DataDna = {
  datasource: 'sample',
  dialect: 'duckdb',
  generatedAt: '2026-01-01T00:00:00Z',
  fingerprint: 'f',
  tables: [
    {
      name: 'payments',
      rowCount: 1000,
      foreignKeys: [],
      synonyms: ['transactions'],
      columns: [
        column('id', 'BIGINT', 'id', { primaryKey: true }),
        column('created_at', 'TIMESTAMP', 'time', { timeRange: { min: '2024-01-01T00:00:00', max: '2024-12-31T23:59:59', grain: 'second' } }),
        column('amount', 'DECIMAL(12,2)', 'measure', { min: 1, max: 50000, mean: 1200 }),
        column('status', 'VARCHAR', 'status', { topValues: [{ value: 'success', count: 900 }, { value: 'failed', count: 60 }, { value: 'pending', count: 40 }] }),
        column('device_type', 'VARCHAR', 'dimension', { topValues: [{ value: 'Android', count: 600 }, { value: 'iOS', count: 300 }, { value: 'Web', count: 100 }] }),
      ],
      derivedMetrics: [
        { name: 'failure_rate', description: 'share of failed payments', expression: "avg(CASE WHEN status = 'failed' THEN 1 ELSE 0 END)", baseline: 0.06, unit: 'ratio' },
      ],
    },
  ],
};

const SQL_AGENT = 'You are the SQL agent of InsightX.';

/** Tools with the real names and shapes, over canned data: what the model does is under test. */
function tools(runSql: (sql: string) => unknown) {
  const calls: string[] = [];
  return {
    calls,
    set: {
      read_data_dna: tool({ inputSchema: z.object({ tables: z.array(z.string()).optional() }), execute: async () => (calls.push('read_data_dna'), dna) }),
      run_sql: tool({
        inputSchema: z.object({ sql: z.string() }),
        execute: async ({ sql }) => {
          calls.push(sql);
          return runSql(sql);
        },
      }),
    },
  };
}

describe('the embedded analyst model', () => {
  it('as the SQL agent reads the DNA, runs the SQL of its best reading and closes with one sentence', async () => {
    const { calls, set } = tools(() => ({ columns: [{ name: 'avg_amount', type: 'DOUBLE' }], rowCount: 1, rows: [[1234.5]] }));
    const result = await generateText({
      model: createLocalAnalystModel(),
      system: SQL_AGENT,
      prompt: 'What is the average transaction amount?',
      tools: set,
      stopWhen: stepCountIs(6),
    });
    expect(calls).toEqual(['read_data_dna', 'SELECT avg(amount) AS avg_amount\nFROM payments']);
    expect(result.steps).toHaveLength(3);
    expect(result.text).toMatch(/average amount/i);
    expect(result.text).toMatch(/1 row/);
    expect(result.steps[0].usage.raw).toEqual({ estimated: true });
  });

  it('after a tool error tries its next reading, and stops when it has none left', async () => {
    const { calls, set } = tools(() => {
      throw new Error('CONNECTOR_QUERY_FAILED: boom\nHint: fix it');
    });
    const result = await generateText({
      model: createLocalAnalystModel(),
      system: SQL_AGENT,
      prompt: 'failure rate by device type',
      tools: set,
      stopWhen: stepCountIs(8),
    });
    const queries = calls.filter((call) => call !== 'read_data_dna');
    expect(queries.length).toBeGreaterThanOrEqual(1);
    expect(new Set(queries).size).toBe(queries.length);
    expect(result.text).toMatch(/CONNECTOR_QUERY_FAILED/);
  });

  it('streams the same tool calls and text as it generates', async () => {
    const { calls, set } = tools(() => ({ columns: [{ name: 'avg_amount', type: 'DOUBLE' }], rowCount: 1, rows: [[1234.5]] }));
    const stream = streamText({ model: createLocalAnalystModel(), system: SQL_AGENT, prompt: 'What is the average transaction amount?', tools: set, stopWhen: stepCountIs(6) });
    const types: string[] = [];
    for await (const part of stream.fullStream) types.push(part.type);
    expect(calls).toHaveLength(2);
    expect(types.filter((type) => type === 'tool-call')).toHaveLength(2);
    expect(types).toContain('text-delta');
    expect((await stream.text).length).toBeGreaterThan(0);
  });

  it('as the router answers with the route as structured output', async () => {
    const route = z.object({ route: z.string(), reason: z.string(), options: z.array(z.string()).optional() });
    const ask = (question: string) =>
      generateText({
        model: createLocalAnalystModel(),
        system: 'You are the router agent of InsightX.',
        messages: [{ role: 'user', content: [{ type: 'text', text: question }, { type: 'text', text: `## Data DNA\n\`\`\`json\n${JSON.stringify(dna)}\n\`\`\`` }] }],
        output: Output.object({ schema: route }),
      });
    expect((await ask("What's the failure rate for Android users?")).output.route).toBe('SQL_ONLY');
    expect((await ask('What is the weather in Paris?')).output.route).toBe('REJECT');
    expect((await ask('hello')).output.route).toBe('ANSWER');
  });

  it('gives the same answer to the same conversation', async () => {
    const run = async () => {
      const { set } = tools(() => ({ columns: [{ name: 'failure_rate', type: 'DOUBLE' }], rowCount: 1, rows: [[0.07]] }));
      const result = await generateText({ model: createLocalAnalystModel(), system: SQL_AGENT, prompt: "What's the failure rate for Android users?", tools: set, stopWhen: stepCountIs(6) });
      return JSON.stringify(result.steps.map((step) => step.content));
    };
    expect(await run()).toBe(await run());
  });
});

import { describe, expect, it } from 'vitest';
import type { RunEventPayload } from '../../../src/core/events.js';
import { initialRunView, reduceRun, reduceRunEvents, type SequencedEvent } from './run-reducer.js';
import { toastForEvent } from './toast-for-event.js';

function sequence(payloads: RunEventPayload[]): SequencedEvent[] {
  return payloads.map((payload, seq) => ({ ...payload, seq }));
}

const androidRun = sequence([
  { type: 'run-start', runId: 'r1', threadId: 't1', question: "What's the failure rate for Android users?", datasource: 'sample' },
  { type: 'agent-start', agent: 'router', model: 'local' },
  { type: 'route-decided', route: 'SQL_ONLY', reason: 'a rate over a table', datasource: 'sample' },
  { type: 'agent-start', agent: 'sql', model: 'local' },
  { type: 'tool-call', agent: 'sql', toolCallId: 'c1', toolName: 'run_sql', input: { sql: 'SELECT 1' } },
  { type: 'sql-attempt', attempt: 1, sql: 'SELECT nope', status: 'error', error: { code: 'SQL_INVALID', message: 'no column nope' } },
  { type: 'sql-attempt', attempt: 2, sql: 'SELECT avg(failed) FROM events', status: 'ok' },
  { type: 'tool-result', agent: 'sql', toolCallId: 'c1', toolName: 'run_sql', ok: true, summary: '1 row' },
  { type: 'data-ready', resultId: 'res1', url: '/api/data/res1', rowCount: 1, columns: [{ name: 'rate', type: 'DOUBLE' }], size: 'small', format: 'json' },
  { type: 'agent-start', agent: 'viz', model: 'local' },
  { type: 'code-delta', language: 'tsx', delta: 'export default ' },
  { type: 'code-delta', language: 'tsx', delta: 'function Viz() {}' },
  { type: 'code-end', language: 'tsx', code: 'export default function Viz() { return null; }' },
  { type: 'agent-start', agent: 'composer', model: 'local' },
  { type: 'text-delta', delta: 'The failure rate is ' },
  { type: 'text-delta', delta: '**12.5%**.' },
  { type: 'usage', agent: 'composer', model: 'local', inputTokens: 100, outputTokens: 20, estimated: true, costUsd: 0.001 },
  { type: 'usage', agent: 'sql', model: 'local', inputTokens: 50, outputTokens: 10, estimated: false },
  { type: 'run-end', status: 'completed', route: 'SQL_ONLY' },
]);

describe('reduceRun', () => {
  it('shows the Data DNA build as the progress line, and clears it at 100%', () => {
    const events = sequence([
      { type: 'run-start', runId: 'r3', threadId: null, question: 'How many orders?', datasource: 'shop' },
      { type: 'dna-progress', datasource: 'shop', table: 'customers', percent: 0, message: 'Profiling customers (1/2, 0%)…' },
      { type: 'dna-progress', datasource: 'shop', table: 'orders', percent: 50, message: 'Profiling orders (2/2, 50%)…' },
    ]);
    const during = reduceRunEvents(events);
    expect(during.dnaProgress).toEqual({ datasource: 'shop', percent: 50, message: 'Profiling orders (2/2, 50%)…' });
    const done = reduceRun(during, { type: 'dna-progress', datasource: 'shop', table: '', percent: 100, message: 'Profiled 2 tables (100%).', seq: 3 });
    expect(done.dnaProgress).toBeNull();
  });

  it('keeps the interpretation of the question, with the words each part came from', () => {
    const interpretation = {
      restatement: "Failure rate where device_type is 'Android'",
      entity: 'payments',
      parts: [{ role: 'filter' as const, text: "device_type is 'Android'", words: ['Android'] }],
      unaccounted: [],
      confidence: 0.9,
    };
    const view = reduceRunEvents(sequence([
      { type: 'run-start', runId: 'r2', threadId: null, question: "What's the failure rate for Android users?", datasource: 'sample' },
      { type: 'interpretation', agent: 'sql', interpretation },
    ]));
    expect(view.interpretation).toEqual(interpretation);
    expect(reduceRunEvents(androidRun).interpretation).toBeNull();
  });

  it('builds the answer, the SQL, the data handle, the code and the step list from a run', () => {
    const view = reduceRunEvents(androidRun);
    expect(view.runId).toBe('r1');
    expect(view.status).toBe('completed');
    expect(view.text).toBe('The failure rate is **12.5%**.');
    expect(view.sql).toBe('SELECT avg(failed) FROM events');
    expect(view.data?.resultId).toBe('res1');
    expect(view.code.tsx).toEqual({ text: 'export default function Viz() { return null; }', done: true });
    expect(view.route).toBe('SQL_ONLY');
    expect(view.activeAgent).toBeNull();
    expect(view.usage).toEqual({ inputTokens: 150, outputTokens: 30, costUsd: 0.001, estimated: true });
    expect(view.steps.map((step) => step.kind)).toEqual(['agent', 'route', 'agent', 'tool', 'sql-attempt', 'sql-attempt', 'agent', 'agent']);
    const tool = view.steps.find((step) => step.kind === 'tool');
    expect(tool).toMatchObject({ toolName: 'run_sql', result: { ok: true, summary: '1 row' } });
  });

  it('shows the active agent and the partial code while streaming', () => {
    const view = reduceRunEvents(androidRun.slice(0, 12));
    expect(view.status).toBe('streaming');
    expect(view.activeAgent).toBe('viz');
    expect(view.code.tsx).toEqual({ text: 'export default function Viz() {}', done: false });
  });

  it('ignores events it already applied, so a resumed stream that overlaps adds nothing twice', () => {
    const firstPart = reduceRunEvents(androidRun.slice(0, 15));
    const resumed = reduceRunEvents(androidRun.slice(13), firstPart);
    expect(resumed).toEqual(reduceRunEvents(androidRun));
    expect(reduceRun(resumed, androidRun[14])).toBe(resumed);
  });

  it('records errors and a failed end', () => {
    const view = reduceRunEvents(
      sequence([
        { type: 'run-start', runId: 'r2', threadId: null, question: 'q', datasource: 'sample' },
        { type: 'error', code: 'LLM_ALL_KEYS_EXHAUSTED', message: 'every key failed', stage: 'sql' },
        { type: 'run-end', status: 'failed', route: null },
      ]),
    );
    expect(view.status).toBe('failed');
    expect(view.errors).toEqual([{ code: 'LLM_ALL_KEYS_EXHAUSTED', message: 'every key failed', stage: 'sql' }]);
  });

  it('starts from an empty view', () => {
    expect(initialRunView.status).toBe('idle');
    expect(initialRunView.lastSeq).toBe(-1);
  });
});

describe('toastForEvent', () => {
  it('announces agents, tool calls, SQL retries and key rotations', () => {
    const texts = androidRun.map((event) => toastForEvent(event, 'r1')?.text).filter(Boolean);
    expect(texts).toContain('Using SQL Agent');
    expect(texts).toContain('Agent called run_sql');
    expect(texts).toContain('SQL attempt 1 failed: no column nope — retrying');
    const rotated = toastForEvent({ type: 'key-rotated', provider: 'openai', fromKey: 3, toKey: 4, reason: 'quota exceeded', seq: 5 }, 'r1');
    expect(rotated?.text).toBe('Switched to key #4: quota exceeded');
  });
});

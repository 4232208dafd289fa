import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../core/clock.js';
import type { DataDna } from '../core/dna.js';
import { RunEventPayload } from '../core/events.js';
import { sequentialIds } from '../core/ids.js';
import { openDuckDbConnector, type DuckDbConnector } from '../data/duckdb/duckdb-connector.js';
import { profileDatasource } from '../data/dna/index.js';
import { createLocalAgentModels } from '../llm/local/create-local-agent-models.js';
import { createMemoryResultStore } from '../store/result-store.js';
import { createOrchestrator } from './create-orchestrator.js';
import type { Orchestrator } from './orchestrator.js';

let connector: DuckDbConnector;
let dna: DataDna;
let orchestrator: Orchestrator;

/** 300 payments: every 5th Android payment fails, every 10th of the others. */
function paymentsCsv(): string {
  const devices = ['Android', 'iOS', 'Web'];
  const lines = ['id,amount,status,device_type'];
  for (let id = 1; id <= 300; id++) {
    const device = devices[id % 3];
    const failed = device === 'Android' ? id % 5 === 0 : id % 10 === 0;
    lines.push(`${id},${(id % 17) * 10 + 5},${failed ? 'failed' : 'success'},${device}`);
  }
  return lines.join('\n');
}

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'insightx-pipeline-'));
  writeFileSync(path.join(dir, 'payments.csv'), paymentsCsv());
  connector = await openDuckDbConnector({ name: 'shop', files: [{ table: 'payments', path: path.join(dir, 'payments.csv') }] });
  dna = await profileDatasource(connector, {});
  orchestrator = createOrchestrator({
    registry: { get: async () => connector },
    models: createLocalAgentModels(),
    resultStore: createMemoryResultStore(),
    getDna: async () => dna,
    promptsDir: path.resolve(import.meta.dirname, '../../prompts'),
    ids: sequentialIds(),
    clock: fixedClock(new Date('2026-01-01T00:00:00Z')),
    limits: { rowCap: 1_000, statementTimeoutMs: 10_000, sqlAttempts: 5 },
  });
});

afterAll(async () => {
  await connector?.close();
});

async function ask(question: string, signal?: AbortSignal, onEvent?: (event: RunEventPayload) => void) {
  const events: RunEventPayload[] = [];
  const outcome = await orchestrator.run({
    runId: 'run_1',
    threadId: null,
    question,
    datasource: 'shop',
    signal,
    emit: (event) => {
      events.push(event);
      onEvent?.(event);
    },
  });
  return { outcome, events };
}

/** Event types, agent-tagged, with runs of the same delta collapsed. */
function sequence(events: RunEventPayload[]): string[] {
  const names = events.map((event) => (event.type === 'agent-start' || event.type === 'usage' ? `${event.type}:${event.agent}` : event.type));
  return names.filter((name, index) => !name.endsWith('-delta') || names[index - 1] !== name);
}

describe('the agent pipeline with the embedded model', () => {
  it('answers a data question through router, SQL, viz and composer in the documented order', async () => {
    const { outcome, events } = await ask("What's the failure rate for Android users?");
    const [[expected]] = (await connector.query("SELECT avg(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) FROM payments WHERE device_type = 'Android'")).rows as number[][];
    expect(outcome.status).toBe('completed');
    expect(outcome.rows[0][0]).toBeCloseTo(expected, 10);
    expect(outcome.answer).toContain(`${(expected * 100).toFixed(0)}%`);
    expect(sequence(events)).toEqual([
      'run-start',
      'agent-start:router',
      'usage:router',
      'route-decided',
      'agent-start:sql',
      'tool-call',
      'tool-result',
      'tool-call',
      'sql-attempt',
      'data-ready',
      'tool-result',
      'thought-delta',
      'usage:sql',
      'interpretation',
      'agent-start:viz',
      'code-delta',
      'code-end',
      'usage:viz',
      'agent-start:composer',
      'text-delta',
      'usage:composer',
      'run-end',
    ]);
    const code = events.filter((event) => event.type === 'code-delta').map((event) => (event.type === 'code-delta' ? event.delta : '')).join('');
    expect(events.find((event) => event.type === 'code-end')).toMatchObject({ language: 'tsx', code });
    for (const event of events) expect(RunEventPayload.safeParse(event).success, JSON.stringify(event)).toBe(true);
    // The reading is shown: what was computed, over which rows, each part tied to the question's words.
    const reading = events.find((event) => event.type === 'interpretation');
    expect(reading?.type === 'interpretation' && reading.interpretation).toMatchObject({ entity: 'payments', unaccounted: [] });
    expect(outcome.interpretation?.restatement).toMatch(/failure rate.*device_type is 'Android'/i);
    expect(outcome.interpretation?.parts).toContainEqual({ role: 'filter', text: "device_type is 'Android'", words: ['Android'] });
    const text = events.filter((event) => event.type === 'text-delta').map((event) => (event.type === 'text-delta' ? event.delta : '')).join('');
    expect(text.trim()).toBe(outcome.answer);
  });

  it('refuses a question the data cannot answer without running SQL', async () => {
    const { outcome, events } = await ask('What will the weather be in Paris tomorrow?');
    expect(outcome.route).toBe('REJECT');
    expect(sequence(events)).toEqual(['run-start', 'agent-start:router', 'usage:router', 'route-decided', 'text-delta', 'run-end']);
    expect(events.at(-1)).toEqual({ type: 'run-end', status: 'completed', route: 'REJECT' });
  });

  it('stops when cancelled during the SQL step and ends with run-end cancelled', async () => {
    const controller = new AbortController();
    const { outcome, events } = await ask('Failure rate by device type', controller.signal, (event) => {
      if (event.type === 'agent-start' && event.agent === 'sql') controller.abort();
    });
    expect(outcome.status).toBe('cancelled');
    expect(events.some((event) => event.type === 'sql-attempt')).toBe(false);
    expect(events.at(-1)).toMatchObject({ type: 'run-end', status: 'cancelled' });
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEventPayload } from '../../core/events.js';
import { sequentialIds } from '../../core/ids.js';
import { openDuckDbConnector, type DuckDbConnector } from '../../data/duckdb/duckdb-connector.js';
import { createMemoryResultStore } from '../../store/result-store.js';
import { createRunSqlTool } from './run-sql-tool.js';

let connector: DuckDbConnector;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'insightx-run-sql-'));
  const file = path.join(dir, 'orders.csv');
  writeFileSync(file, ['id,amount', ...Array.from({ length: 50 }, (_, index) => `${index + 1},${(index + 1) * 10}`)].join('\n'));
  connector = await openDuckDbConnector({ name: 'shop', files: [{ table: 'orders', path: file }] });
});

afterAll(async () => {
  await connector?.close();
});

function setup(sqlAttempts = 5) {
  const events: RunEventPayload[] = [];
  const resultStore = createMemoryResultStore();
  const runSql = createRunSqlTool({
    agent: 'sql',
    emit: (event) => void events.push(event),
    connector,
    datasource: 'shop',
    resultStore,
    ids: sequentialIds(),
    limits: { rowCap: 40, statementTimeoutMs: 5_000, sqlAttempts },
  });
  let calls = 0;
  const call = (sql: string) => runSql.execute!({ sql }, { toolCallId: `c${++calls}`, messages: [] }) as unknown as Promise<Record<string, unknown>>;
  return { events, resultStore, call };
}

describe('run_sql', () => {
  it('returns a bounded summary to the model and keeps the full result behind its id', async () => {
    const { events, resultStore, call } = setup();
    const summary = await call('SELECT id, amount FROM orders ORDER BY id');
    expect(summary).toMatchObject({ resultId: 'res_1', rowCount: 40, truncated: true });
    expect((summary.rows as unknown[]).length).toBe(20);
    expect((await resultStore.get('res_1'))?.rows).toHaveLength(40);
    expect(events.map((event) => event.type)).toEqual(['tool-call', 'sql-attempt', 'data-ready', 'tool-result']);
    expect(events[2]).toMatchObject({ resultId: 'res_1', url: '/api/data/res_1', rowCount: 40, size: 'small' });
  });

  it('rejects a write with the guard, as a tool error with the code and a hint', async () => {
    const { events, call } = setup();
    await expect(call('DELETE FROM orders')).rejects.toThrow(/^SQL_NOT_READ_ONLY: [\s\S]*Hint: /);
    expect(events.find((event) => event.type === 'sql-attempt')).toMatchObject({ attempt: 1, status: 'error', error: { code: 'SQL_NOT_READ_ONLY' } });
    expect(events.at(-1)).toMatchObject({ type: 'tool-result', ok: false, errorCode: 'SQL_NOT_READ_ONLY' });
  });

  it('passes the engine error of a wrong column on to the model', async () => {
    const { call } = setup();
    await expect(call('SELECT amout FROM orders')).rejects.toThrow(/^CONNECTOR_QUERY_FAILED: [\s\S]*amout/);
  });

  it('refuses calls past the attempt limit without running them', async () => {
    const { events, call } = setup(2);
    await expect(call('SELECT nope FROM orders')).rejects.toThrow();
    await expect(call('SELECT nope FROM orders')).rejects.toThrow();
    await expect(call('SELECT count(*) FROM orders')).rejects.toThrow(/^AGENT_SQL_REPAIR_EXHAUSTED/);
    expect(events.filter((event) => event.type === 'sql-attempt')).toHaveLength(2);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatasourceRegistry } from '../../data/datasource-registry.js';
import { assertReadOnly } from '../../data/sql-guard/index.js';
import { buildTestApp, type TestApp } from '../testing/build-test-app.js';

describe('POST /api/tools/sql', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('runs a read-only query under the row cap and stores the full result', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/tools/sql', payload: { sql: 'SELECT status, count(*) FROM payments GROUP BY 1' } });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    // The test app's row cap is 2 rows.
    expect(body).toMatchObject({ rowCount: 2, truncated: true, rows: [['failed', 42], ['succeeded', 958]] });
    expect(body.url).toBe(`/api/data/${body.resultId}`);
    expect((await t.app.inject({ method: 'GET', url: body.url })).json().rows).toHaveLength(2);
    const audit = await t.store.auditLog.list(t.workspaceId);
    expect(audit[0]).toMatchObject({ actor: 'local', action: 'sql.run', detail: { ok: true, resultId: body.resultId } });
  });

  it('refuses a statement that is not read-only, and audits the refusal', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/tools/sql', payload: { sql: 'DELETE FROM payments' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('SQL_NOT_READ_ONLY');
    expect((await t.store.auditLog.list(t.workspaceId))[0].detail).toMatchObject({ ok: false, code: 'SQL_NOT_READ_ONLY', sql: 'DELETE FROM payments' });
  });

  it("passes the engine's error through with its code", async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/tools/sql', payload: { sql: 'SELECT * FROM no_such_table' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'CONNECTOR_QUERY_FAILED' });
  });

  it('refuses an unknown datasource and a missing sql', async () => {
    const unknown = await t.app.inject({ method: 'POST', url: '/api/tools/sql', payload: { sql: 'SELECT 1', datasource: 'nope' } });
    expect(unknown.json().code).toBe('DATASOURCE_NOT_FOUND');
    const missing = await t.app.inject({ method: 'POST', url: '/api/tools/sql', payload: {} });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().code).toBe('INPUT_INVALID');
  });
});

describe('POST /api/tools/sql with the data layer: DuckDB and the real read-only guard', () => {
  let t: TestApp;
  let registry: ReturnType<typeof createDatasourceRegistry>;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'insightx-sqltool-'));
    const csv = path.join(dir, 'payments.csv');
    writeFileSync(csv, 'id,status,amount\n1,failed,10.5\n2,succeeded,20\n3,failed,7\n');
    const configured = [{ kind: 'file' as const, name: 'payments', path: csv }];
    registry = createDatasourceRegistry({ dataDir: dir, datasources: configured });
    t = await buildTestApp({ datasources: { configured, defaultName: 'payments', open: (_config, key) => registry.get(key) }, assertReadOnly });
  });
  afterAll(async () => {
    await t.close();
    await registry.closeAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a SELECT on the engine', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/tools/sql', payload: { sql: "SELECT count(*) AS failed FROM payments WHERE status = 'failed'" } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ columns: [{ name: 'failed' }], rows: [[2]], rowCount: 1 });
  });

  it('refuses what the guard refuses, with its code', async () => {
    const cases: [string, string][] = [
      ['DELETE FROM payments', 'SQL_NOT_READ_ONLY'],
      ['SELECT 1; SELECT 2', 'SQL_MULTIPLE_STATEMENTS'],
      ["SELECT * FROM read_csv('/etc/passwd')", 'SQL_FORBIDDEN_FUNCTION'],
    ];
    for (const [sql, code] of cases) {
      const response = await t.app.inject({ method: 'POST', url: '/api/tools/sql', payload: { sql } });
      expect(response.statusCode, sql).toBe(400);
      expect(response.json().code, sql).toBe(code);
    }
  });
});

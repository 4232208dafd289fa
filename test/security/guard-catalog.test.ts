import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/app-error.js';
import type { ErrorCode } from '../../src/core/error-codes.js';
import type { Connector } from '../../src/data/connector.js';
import { createDatasourceRegistry } from '../../src/data/datasource-registry.js';
import { openDuckDbConnector } from '../../src/data/duckdb/duckdb-connector.js';
import { assertReadOnly } from '../../src/data/sql-guard/index.js';
import { openSqliteConnector } from '../../src/data/sqlite/sqlite-connector.js';
import { buildTestApp, type TestApp } from '../../src/server/testing/build-test-app.js';

/**
 * The engine's catalogue describes the server — database file paths, settings such as
 * secret_directory and temp_directory — not the data. The guard refuses it, and SUMMARIZE,
 * DESCRIBE and SHOW, with a guard error that says what to do; the introspection InsightX does
 * itself (connector.describe, listTables, the Data DNA) and information_schema keep working.
 */
const directory = mkdtempSync(join(tmpdir(), 'insightx-guard-catalog-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function refusal(connector: Connector, sql: string): Promise<AppError> {
  try {
    await assertReadOnly(connector, sql);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`the guard let through: ${sql}`);
}

const DUCKDB_REFUSED: [string, ErrorCode][] = [
  ['SELECT * FROM pragma_database_list', 'SQL_FORBIDDEN_FUNCTION'],
  ['SELECT * FROM duckdb_databases', 'SQL_FORBIDDEN_FUNCTION'],
  ['SELECT path FROM "duckdb_databases" WHERE path IS NOT NULL', 'SQL_FORBIDDEN_FUNCTION'],
  ['SELECT * FROM system.main.duckdb_databases', 'SQL_FORBIDDEN_FUNCTION'],
  ['SELECT * FROM main.pragma_database_list', 'SQL_FORBIDDEN_FUNCTION'],
  ['SELECT * FROM pg_catalog.pg_settings', 'SQL_FORBIDDEN_FUNCTION'],
  ["SELECT name, setting FROM pg_settings WHERE name IN ('secret_directory', 'temp_directory', 'memory_limit')", 'SQL_FORBIDDEN_FUNCTION'],
  ['SELECT * FROM PG_CATALOG.PG_SETTINGS', 'SQL_FORBIDDEN_FUNCTION'],
  ['SELECT count(*) FROM payments WHERE id IN (SELECT database_oid FROM duckdb_tables)', 'SQL_FORBIDDEN_FUNCTION'],
  ['WITH d AS (SELECT * FROM duckdb_databases) SELECT * FROM d', 'SQL_FORBIDDEN_FUNCTION'],
  ['SELECT sql FROM sqlite_master', 'SQL_FORBIDDEN_FUNCTION'],
  ['SUMMARIZE payments', 'SQL_FORBIDDEN_STATEMENT'],
  ['summarize SELECT * FROM payments', 'SQL_FORBIDDEN_STATEMENT'],
  ['SELECT * FROM (SUMMARIZE payments)', 'SQL_FORBIDDEN_STATEMENT'],
  ['DESCRIBE payments', 'SQL_FORBIDDEN_STATEMENT'],
  ['SHOW TABLES', 'SQL_FORBIDDEN_STATEMENT'],
  ['SHOW ALL TABLES', 'SQL_FORBIDDEN_STATEMENT'],
];

const SQLITE_REFUSED: string[] = [
  'SELECT * FROM pragma_database_list',
  'SELECT file FROM "pragma_database_list"',
  'SELECT * FROM main.pragma_database_list',
  "SELECT * FROM 'pragma_database_list'",
  'SELECT * FROM pragma_database_list()',
  'SELECT * FROM pragma_compile_options',
  'SELECT * FROM dbstat',
  'SELECT sql FROM sqlite_master',
  'SELECT count(*) FROM payments p JOIN pragma_table_info(\'payments\') t ON 1 = 1',
];

describe('the read-only guard refuses the engine catalogue (DuckDB)', () => {
  let connector: Connector;
  let path: string;
  beforeAll(async () => {
    path = join(directory, 'shop.duckdb');
    const instance = await DuckDBInstance.create(path);
    const setup = await instance.connect();
    await setup.run("CREATE TABLE payments (id INTEGER PRIMARY KEY, amount DOUBLE, status VARCHAR); INSERT INTO payments VALUES (1, 10, 'ok'), (2, 5, 'failed')");
    await setup.run('CREATE TABLE pg_exports (id INTEGER, label VARCHAR); INSERT INTO pg_exports VALUES (1, \'a\')');
    setup.closeSync();
    instance.closeSync();
    connector = await openDuckDbConnector({ name: 'shop', path, readOnly: true });
  });
  afterAll(() => connector?.close());

  it.each(DUCKDB_REFUSED)('refuses %s', async (sql, code) => {
    const error = await refusal(connector, sql);
    expect(error.code).toBe(code);
    expect(error.httpStatus).toBe(400);
    expect(error.message).toMatch(/catalogue|SUMMARIZE, DESCRIBE and SHOW/);
    expect(JSON.stringify(error.details)).not.toContain(directory);
  });

  it('still lets InsightX describe the database, and lets queries read information_schema, their own tables and WITH names', async () => {
    expect(await connector.listTables()).toEqual(['payments', 'pg_exports']);
    const schema = await connector.describe();
    expect(schema.find((table) => table.name === 'payments')?.columns.map((column) => column.name)).toEqual(['id', 'amount', 'status']);
    for (const sql of [
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_name",
      'SELECT label FROM pg_exports',
      'WITH pg_totals AS (SELECT status, sum(amount) AS total FROM payments GROUP BY status) SELECT * FROM pg_totals',
      'SELECT status, count(*) FROM payments GROUP BY status',
    ]) {
      await assertReadOnly(connector, sql);
      expect((await connector.query(sql)).rowCount).toBeGreaterThan(0);
    }
  });
});

describe('the read-only guard refuses the engine catalogue (SQLite)', () => {
  let connector: Connector;
  beforeAll(async () => {
    const path = join(directory, 'shop.sqlite');
    const database = new Database(path);
    database.exec("CREATE TABLE payments (id INTEGER PRIMARY KEY, amount REAL, status TEXT); INSERT INTO payments VALUES (1, 10, 'ok'), (2, 5, 'failed');");
    database.exec("CREATE TABLE pragma_notes (id INTEGER, note TEXT); INSERT INTO pragma_notes VALUES (1, 'kept');");
    database.close();
    connector = await openSqliteConnector({ name: 'shop', path });
  });
  afterAll(() => connector?.close());

  it.each(SQLITE_REFUSED)('refuses %s', async (sql) => {
    const error = await refusal(connector, sql);
    expect(error.code).toBe('SQL_FORBIDDEN_FUNCTION');
    expect(error.message).toMatch(/catalogue|system function/);
    expect(JSON.stringify(error.details)).not.toContain(directory);
  });

  it('still lets InsightX describe the database (pragma_table_info on its own path), and queries read their own tables', async () => {
    expect(await connector.listTables()).toEqual(['payments', 'pragma_notes']);
    const schema = await connector.describe();
    expect(schema.find((table) => table.name === 'payments')?.columns.map((column) => column.name)).toEqual(['id', 'amount', 'status']);
    for (const sql of ['SELECT note FROM pragma_notes', 'WITH pragma_x AS (SELECT status FROM payments) SELECT * FROM pragma_x', 'SELECT status AS pg_status FROM payments']) {
      await assertReadOnly(connector, sql);
      expect((await connector.query(sql)).rowCount).toBeGreaterThan(0);
    }
  });
});

describe('POST /api/tools/sql refuses the engine catalogue with a 400 and reveals no path', () => {
  let t: TestApp;
  let registry: ReturnType<typeof createDatasourceRegistry>;
  beforeAll(async () => {
    const csv = join(directory, 'payments.csv');
    writeFileSync(csv, 'id,status,amount\n1,failed,10.5\n2,succeeded,20\n');
    const configured = [{ kind: 'file' as const, name: 'payments', path: csv }];
    registry = createDatasourceRegistry({ dataDir: directory, datasources: configured });
    t = await buildTestApp({ datasources: { configured, defaultName: 'payments', open: (_config, key) => registry.get(key) }, assertReadOnly });
  });
  afterAll(async () => {
    await t?.close();
    await registry?.closeAll();
  });

  it.each([
    ['SELECT * FROM pragma_database_list', 'SQL_FORBIDDEN_FUNCTION'],
    ['SELECT * FROM duckdb_databases', 'SQL_FORBIDDEN_FUNCTION'],
    ["SELECT * FROM pg_catalog.pg_settings WHERE name IN ('secret_directory', 'temp_directory', 'memory_limit')", 'SQL_FORBIDDEN_FUNCTION'],
    ['SUMMARIZE payments', 'SQL_FORBIDDEN_STATEMENT'],
  ])('%s', async (sql, code) => {
    const response = await t.app.inject({ method: 'POST', url: '/api/tools/sql', payload: { sql } });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe(code);
    expect(response.body).not.toContain(directory);
    expect(response.body).not.toMatch(/insightx-files-|\.duckdb/);
  });
});

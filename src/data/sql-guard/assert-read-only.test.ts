import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../core/error-codes.js';
import type { Connector } from '../connector.js';
import { openDuckDbConnector } from '../duckdb/duckdb-connector.js';
import { openSqliteConnector } from '../sqlite/sqlite-connector.js';
import { assertReadOnly } from './assert-read-only.js';

const directory = mkdtempSync(join(tmpdir(), 'insightx-guard-'));
const outside = (name: string) => join(directory, name);
afterAll(() => rmSync(directory, { recursive: true, force: true }));

type Case = [sql: string, code: ErrorCode, only?: 'duckdb' | 'sqlite'];

/** Hostile SQL, each with the exact code it must be rejected with. */
const HOSTILE: Case[] = [
  ['SELECT 1; DELETE FROM payments', 'SQL_MULTIPLE_STATEMENTS'],
  ['SELECT * FROM payments; DROP TABLE payments', 'SQL_MULTIPLE_STATEMENTS'],
  ['SELECT 1 /* ; */ ; UPDATE payments SET amount = 0', 'SQL_MULTIPLE_STATEMENTS'],
  ["SELECT 'a;b' AS s; DELETE FROM payments", 'SQL_MULTIPLE_STATEMENTS'],
  ['SELECT count(*) FROM payments -- trailing\n; DROP TABLE payments', 'SQL_MULTIPLE_STATEMENTS'],
  ['BEGIN; DELETE FROM payments; COMMIT', 'SQL_MULTIPLE_STATEMENTS'],
  ['DELETE FROM payments', 'SQL_NOT_READ_ONLY'],
  ["INSERT INTO payments (id, amount, status) VALUES (999, 1, 'x')", 'SQL_NOT_READ_ONLY'],
  ['UPDATE payments SET amount = 0', 'SQL_NOT_READ_ONLY'],
  ['DROP TABLE payments', 'SQL_NOT_READ_ONLY'],
  ['CREATE TABLE copy AS SELECT * FROM payments', 'SQL_NOT_READ_ONLY'],
  ['ALTER TABLE payments ADD COLUMN x INTEGER', 'SQL_NOT_READ_ONLY'],
  ['/* looks harmless */ DELETE FROM payments -- SELECT', 'SQL_NOT_READ_ONLY'],
  ["DELETE FROM \"payments\" WHERE 'x' <> '; SELECT 1'", 'SQL_NOT_READ_ONLY'],
  ['WITH recent AS (SELECT 1) DELETE FROM payments', 'SQL_NOT_READ_ONLY'],
  ['WITH gone AS (DELETE FROM payments RETURNING *) SELECT * FROM gone', 'SQL_DATA_MODIFYING_CTE'],
  ['WITH changed AS (UPDATE payments SET amount = 0 RETURNING id) SELECT count(*) FROM changed', 'SQL_DATA_MODIFYING_CTE'],
  ["WITH added AS (INSERT INTO payments (id) VALUES (1000) RETURNING id) SELECT * FROM added", 'SQL_DATA_MODIFYING_CTE'],
  [`COPY payments TO '${outside('out.csv')}'`, 'SQL_FORBIDDEN_STATEMENT'],
  [`ATTACH '${outside('evil.db')}' AS evil`, 'SQL_FORBIDDEN_STATEMENT'],
  ['DETACH evil', 'SQL_FORBIDDEN_STATEMENT'],
  ['INSTALL httpfs', 'SQL_FORBIDDEN_STATEMENT'],
  ['LOAD httpfs', 'SQL_FORBIDDEN_STATEMENT'],
  ["PRAGMA table_info('payments')", 'SQL_FORBIDDEN_STATEMENT'],
  ['PRAGMA query_only = OFF', 'SQL_FORBIDDEN_STATEMENT'],
  ['SET threads = 1', 'SQL_FORBIDDEN_STATEMENT'],
  ['RESET threads', 'SQL_FORBIDDEN_STATEMENT'],
  ['CALL pragma_version()', 'SQL_FORBIDDEN_STATEMENT'],
  [`EXPORT DATABASE '${outside('export')}'`, 'SQL_FORBIDDEN_STATEMENT'],
  [`IMPORT DATABASE '${outside('export')}'`, 'SQL_FORBIDDEN_STATEMENT'],
  ['VACUUM', 'SQL_FORBIDDEN_STATEMENT'],
  ['CHECKPOINT', 'SQL_FORBIDDEN_STATEMENT'],
  ['EXPLAIN ANALYZE SELECT * FROM payments', 'SQL_FORBIDDEN_STATEMENT'],
  ["SELECT * FROM read_csv('/etc/passwd')", 'SQL_FORBIDDEN_FUNCTION'],
  ["SELECT * FROM read_csv_auto('/etc/passwd') /* ; */", 'SQL_FORBIDDEN_FUNCTION'],
  ["SELECT * FROM read_parquet('s3://bucket/data.parquet')", 'SQL_FORBIDDEN_FUNCTION'],
  ["SELECT 1 AS n UNION ALL SELECT count(*) FROM read_json('x.json')", 'SQL_FORBIDDEN_FUNCTION'],
  ["SELECT read_text('/etc/passwd')", 'SQL_FORBIDDEN_FUNCTION'],
  ["SELECT getenv('HOME')", 'SQL_FORBIDDEN_FUNCTION'],
  ["SELECT (SELECT getenv('HOME')) AS home", 'SQL_FORBIDDEN_FUNCTION'],
  ["SELECT * FROM glob('/*')", 'SQL_FORBIDDEN_FUNCTION'],
  [`SELECT * FROM sqlite_scan('${outside('evil.db')}', 'users')`, 'SQL_FORBIDDEN_FUNCTION'],
  ["SELECT * FROM postgres_scan('host=example.com', 'public', 'users')", 'SQL_FORBIDDEN_FUNCTION'],
  ["SELECT * FROM query('DELETE FROM payments')", 'SQL_FORBIDDEN_FUNCTION'],
  ["SELECT load_extension('/tmp/evil.so')", 'SQL_FORBIDDEN_FUNCTION'],
  ["SELECT current_setting('threads')", 'SQL_FORBIDDEN_FUNCTION'],
  ["SELECT \"read_text\"('/etc/passwd')", 'SQL_FORBIDDEN_FUNCTION'],
  ["SELECT * FROM '/etc/passwd.csv'", 'SQL_FORBIDDEN_FUNCTION', 'duckdb'],
  ['SELECT * FROM duckdb_settings()', 'SQL_FORBIDDEN_FUNCTION', 'duckdb'],
  ["SELECT writefile('x.txt', 'data')", 'SQL_FORBIDDEN_FUNCTION', 'sqlite'],
  ['selec * from payments', 'SQL_PARSE_ERROR'],
  ['', 'SQL_PARSE_ERROR'],
  ['-- only a comment', 'SQL_PARSE_ERROR'],
  ['ＤＥＬＥＴＥ FROM payments', 'SQL_PARSE_ERROR'],
];

/** Legitimate SELECTs with comments, quotes and keywords in odd places: all must pass. */
const LEGITIMATE = [
  "SELECT 'DELETE FROM payments; DROP TABLE payments' AS text",
  'SELECT status AS "DELETE" FROM payments LIMIT 1',
  'SELECT count(*) FROM payments -- ; DROP TABLE payments',
  'SELECT /* ; DELETE FROM payments */ count(*) FROM payments',
  "SELECT '--' AS dashes, '/*' AS opener FROM payments LIMIT 1",
  "SELECT 'read_csv(''/etc/passwd'')' AS looks_like_a_call",
  'WITH big AS (SELECT * FROM payments WHERE amount > 100) SELECT count(*) FROM big',
  'SELECT status, count(*) FROM payments GROUP BY status ORDER BY 2 DESC;',
  "SELECT 'naïve café ✓ 日本' AS unicode, status FROM payments LIMIT 1",
  "SELECT count(*) AS \"select\" FROM payments WHERE status <> 'update'",
  'SELECT s.status FROM (SELECT status FROM payments) AS s LIMIT 1',
  'SELECT id FROM payments WHERE id IN (SELECT id FROM payments WHERE amount > 10) ORDER BY id',
  "SELECT CASE WHEN amount > 10 THEN 'big' ELSE 'small' END AS size FROM payments",
  'SELECT id, row_number() OVER (ORDER BY amount DESC) AS rank FROM payments',
  "SELECT replace(status, 'failed', 'f') AS short FROM payments",
  'SELECT 1 AS "query", 2 AS "getenv"',
  'SELECT avg(amount) FILTER (WHERE status = \'failed\') FROM payments',
  "SELECT status FROM payments WHERE status LIKE '%;%' OR status = 'a''b'",
];

async function checksum(connector: Connector, file: string): Promise<string> {
  const rows = await connector.query('SELECT id, amount, status FROM payments ORDER BY id', { limit: 10_000 });
  const tables = await connector.listTables();
  const { mtimeMs, size } = statSync(file);
  return createHash('sha256')
    .update(JSON.stringify({ rows: rows.rows, count: rows.rowCount, tables, mtimeMs, size, content: createHash('sha256').update(readFileSync(file)).digest('hex') }))
    .digest('hex');
}

const FIXTURE = [
  'CREATE TABLE payments (id INTEGER PRIMARY KEY, amount DECIMAL(10,2), status VARCHAR(20))',
  `INSERT INTO payments VALUES ${Array.from({ length: 50 }, (_, index) => `(${index + 1}, ${(index * 7.25).toFixed(2)}, '${index % 5 === 0 ? 'failed' : 'success'}')`).join(', ')}`,
];

const engines: { dialect: 'duckdb' | 'sqlite'; open: () => Promise<{ connector: Connector; file: string }> }[] = [
  {
    dialect: 'duckdb',
    async open() {
      const file = outside('guard.duckdb');
      const instance = await DuckDBInstance.create(file);
      const connection = await instance.connect();
      for (const statement of FIXTURE) await connection.run(statement);
      connection.closeSync();
      instance.closeSync();
      return { connector: await openDuckDbConnector({ name: 'guard', path: file, readOnly: true }), file };
    },
  },
  {
    dialect: 'sqlite',
    async open() {
      const file = outside('guard.sqlite');
      const database = new Database(file);
      for (const statement of FIXTURE) database.exec(statement);
      database.close();
      return { connector: await openSqliteConnector({ name: 'guard', path: file }), file };
    },
  },
];

for (const engine of engines) {
  describe(`read-only guard on ${engine.dialect}`, () => {
    let connector: Connector;
    let file: string;
    let before: string;
    beforeAll(async () => {
      ({ connector, file } = await engine.open());
      before = await checksum(connector, file);
    });
    afterAll(async () => {
      await connector?.close();
    });

    const cases = HOSTILE.filter(([, , only]) => only === undefined || only === engine.dialect);
    it.each(cases.map(([sql, code]) => [code, sql]))('rejects with %s: %s', async (code, sql) => {
      await expect(assertReadOnly(connector, sql)).rejects.toMatchObject({ code, details: { sql } });
    });

    it.each(LEGITIMATE)('lets a legitimate SELECT through: %s', async (sql) => {
      await expect(assertReadOnly(connector, sql)).resolves.toBeUndefined();
      await expect(connector.query(sql)).resolves.toMatchObject({ truncated: false });
    });

    it('leaves the database unchanged, even when hostile SQL is sent past the guard', async () => {
      for (const [sql] of cases) await connector.query(sql).catch(() => undefined);
      expect(await checksum(connector, file)).toBe(before);
      expect(existsSync(outside('evil.db'))).toBe(false);
      expect(existsSync(outside('out.csv'))).toBe(false);
      expect(existsSync(outside('export'))).toBe(false);
    });
  });
}

import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchPostgresDatabase, type ScratchPostgresDatabase } from '../../../test/support/postgres-database.js';
import { postgresProblem, requireService } from '../../../test/support/services.js';
import type { ErrorCode } from '../../core/error-codes.js';
import { openPostgresConnector, type PostgresConnector } from '../postgres/postgres-connector.js';
import { assertReadOnly } from './assert-read-only.js';

const available = requireService('postgres', await postgresProblem(), 'The PostgreSQL read-only guard tests');
const outside = `/tmp/insightx-guard-${randomBytes(4).toString('hex')}`;

/** Hostile PostgreSQL statements, each with the code the guard refuses it with. */
const HOSTILE: [sql: string, code: ErrorCode][] = [
  ["SELECT pg_read_file('/etc/passwd')", 'SQL_FORBIDDEN_FUNCTION'],
  ["SELECT \"pg_read_binary_file\"('/etc/passwd')", 'SQL_FORBIDDEN_FUNCTION'],
  ["SELECT * FROM pg_ls_dir('.')", 'SQL_FORBIDDEN_FUNCTION'],
  ["SELECT lo_import('/etc/passwd')", 'SQL_FORBIDDEN_FUNCTION'],
  [`SELECT lo_export(12345, '${outside}.lo')`, 'SQL_FORBIDDEN_FUNCTION'],
  ["SELECT pg_catalog.lo_unlink(12345)", 'SQL_FORBIDDEN_FUNCTION'],
  ["SELECT * FROM dblink('dbname=postgres', 'DELETE FROM payments') AS t(x integer)", 'SQL_FORBIDDEN_FUNCTION'],
  [`COPY payments TO PROGRAM 'touch ${outside}.program'`, 'SQL_FORBIDDEN_STATEMENT'],
  [`COPY (SELECT * FROM payments) TO '${outside}.csv'`, 'SQL_FORBIDDEN_STATEMENT'],
  ['SELECT pg_sleep(3600)', 'SQL_FORBIDDEN_FUNCTION'],
  ['SELECT count(*) FROM generate_series(1, 1000) AS g, LATERAL (SELECT pg_catalog.pg_sleep(10)) AS s', 'SQL_FORBIDDEN_FUNCTION'],
  ["SELECT pg_sleep_for('1 hour')", 'SQL_FORBIDDEN_FUNCTION'],
  ["SELECT set_config('default_transaction_read_only', 'off', false)", 'SQL_FORBIDDEN_FUNCTION'],
  ["SELECT current_setting('data_directory')", 'SQL_FORBIDDEN_FUNCTION'],
  ["SELECT nextval('payments_seq')", 'SQL_FORBIDDEN_FUNCTION'],
  ["SELECT setval('payments_seq', 1000)", 'SQL_FORBIDDEN_FUNCTION'],
  ['SELECT pg_terminate_backend(pid) FROM pg_stat_activity', 'SQL_FORBIDDEN_FUNCTION'],
  ['SELECT pg_cancel_backend(1)', 'SQL_FORBIDDEN_FUNCTION'],
  ['SELECT pg_advisory_lock(42)', 'SQL_FORBIDDEN_FUNCTION'],
  ['SELECT txid_current()', 'SQL_FORBIDDEN_FUNCTION'],
  ["SELECT query_to_xml('DELETE FROM payments RETURNING id', true, false, '')", 'SQL_FORBIDDEN_FUNCTION'],
  ['SET default_transaction_read_only = off', 'SQL_FORBIDDEN_STATEMENT'],
  ['SET ROLE postgres', 'SQL_FORBIDDEN_STATEMENT'],
  ['RESET ALL', 'SQL_FORBIDDEN_STATEMENT'],
  ['DO $$ BEGIN DELETE FROM payments; END $$', 'SQL_FORBIDDEN_STATEMENT'],
  ['LOCK TABLE payments IN ACCESS EXCLUSIVE MODE', 'SQL_FORBIDDEN_STATEMENT'],
  ['VACUUM FULL payments', 'SQL_FORBIDDEN_STATEMENT'],
  ['PREPARE wipe AS DELETE FROM payments', 'SQL_FORBIDDEN_STATEMENT'],
  ['EXPLAIN ANALYZE DELETE FROM payments', 'SQL_FORBIDDEN_STATEMENT'],
  ["NOTIFY payments_channel, 'x'", 'SQL_FORBIDDEN_STATEMENT'],
  ['BEGIN READ WRITE; DELETE FROM payments; COMMIT', 'SQL_MULTIPLE_STATEMENTS'],
  ['SELECT 1; DELETE FROM payments', 'SQL_MULTIPLE_STATEMENTS'],
  ["SELECT E'\\'' ; DELETE FROM payments; --'", 'SQL_PARSE_ERROR'],
  ['WITH gone AS (DELETE FROM payments RETURNING *) SELECT count(*) FROM gone', 'SQL_DATA_MODIFYING_CTE'],
  ['SELECT * INTO stolen FROM payments', 'SQL_NOT_READ_ONLY'],
  ['SELECT * FROM payments FOR UPDATE', 'SQL_NOT_READ_ONLY'],
  ['CREATE TABLE copied AS SELECT * FROM payments', 'SQL_NOT_READ_ONLY'],
  ['TRUNCATE payments', 'SQL_NOT_READ_ONLY'],
  ['ALTER SYSTEM SET statement_timeout = 0', 'SQL_NOT_READ_ONLY'],
  ['GRANT ALL ON payments TO PUBLIC', 'SQL_NOT_READ_ONLY'],
  ['REFRESH MATERIALIZED VIEW payment_totals', 'SQL_NOT_READ_ONLY'],
  ['CLUSTER payments USING payments_pkey', 'SQL_NOT_READ_ONLY'],
  ['DISCARD ALL', 'SQL_FORBIDDEN_STATEMENT'],
  ['DECLARE stolen CURSOR WITH HOLD FOR SELECT * FROM payments', 'SQL_FORBIDDEN_STATEMENT'],
];

/** PostgreSQL queries with casts, ordered-set aggregates, samples and schemas: all pass. */
const LEGITIMATE = [
  'SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) FROM payments',
  "SELECT CAST(date_trunc('month', paid_at) AS DATE) AS month, count(*) FROM payments GROUP BY 1 ORDER BY 1",
  'SELECT amount::numeric(12,1) AS rounded FROM payments ORDER BY id LIMIT 3',
  "SELECT status FROM payments WHERE status = 'a;b' OR status LIKE '%pg_sleep(%'",
  "SELECT 'pg_read_file(''/etc/passwd'')' AS looks_like_a_call",
  'SELECT count(*) FROM payments TABLESAMPLE SYSTEM (50) REPEATABLE (1)',
  'SELECT count(*) FROM audit.events',
  "SELECT avg(amount) FILTER (WHERE status = 'failed') FROM payments",
  "SELECT id FROM payments WHERE paid_at >= TIMESTAMP '2024-01-01' - INTERVAL '30 days' ORDER BY id LIMIT 1",
  'SELECT 1 AS for_update, 2 AS "nextval"',
];

const FIXTURE = [
  'CREATE SEQUENCE payments_seq',
  'CREATE TABLE payments (id integer PRIMARY KEY, amount numeric(10,2), status text, paid_at timestamp)',
  `INSERT INTO payments SELECT n, n * 7.25, CASE WHEN n % 5 = 0 THEN 'failed' ELSE 'success' END, TIMESTAMP '2024-01-01' + n * INTERVAL '1 day' FROM generate_series(1, 50) AS n`,
  'CREATE SCHEMA audit',
  'CREATE TABLE audit.events (id integer PRIMARY KEY, note text)',
  "INSERT INTO audit.events VALUES (1, 'opened')",
  'CREATE MATERIALIZED VIEW payment_totals AS SELECT status, sum(amount) AS total FROM payments GROUP BY status',
  "CREATE FUNCTION bump() RETURNS integer LANGUAGE sql AS 'INSERT INTO audit.events VALUES (99, ''x'') RETURNING id'",
];

/** Everything a hostile statement could change: rows, relations, the sequence, large objects, roles. */
async function checksum(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT md5(concat_ws('|',
      (SELECT string_agg(p::text, ',' ORDER BY id) FROM payments p),
      (SELECT string_agg(e::text, ',' ORDER BY id) FROM audit.events e),
      (SELECT last_value::text || is_called::text FROM payments_seq),
      (SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class WHERE relnamespace IN ('public'::regnamespace, 'audit'::regnamespace)),
      (SELECT count(*)::text FROM pg_largeobject_metadata),
      (SELECT count(*)::text FROM pg_roles),
      (SELECT string_agg(coalesce(array_to_string(relacl, ';'), ''), ',' ORDER BY relname) FROM pg_class WHERE relnamespace = 'public'::regnamespace))) AS sum`);
    return String(rows[0].sum);
  } finally {
    await client.end();
  }
}

describe.runIf(available)('read-only guard on PostgreSQL', () => {
  let database: ScratchPostgresDatabase;
  let connector: PostgresConnector;
  let reader: PostgresConnector;
  let role: string;
  let before: string;
  beforeAll(async () => {
    database = await createScratchPostgresDatabase('guard');
    role = `insightx_guard_${database.name.slice(-10)}`;
    await database.run([
      ...FIXTURE,
      `CREATE ROLE ${role} LOGIN PASSWORD 'Guard-Reader-1'`,
      `GRANT USAGE ON SCHEMA audit TO ${role}`,
      `GRANT SELECT ON ALL TABLES IN SCHEMA public, audit TO ${role}`,
      `GRANT USAGE ON SEQUENCE payments_seq TO ${role}`,
    ]);
    connector = await openPostgresConnector({ name: 'guard', url: database.url });
    const url = new URL(database.url);
    [url.username, url.password] = [role, 'Guard-Reader-1'];
    reader = await openPostgresConnector({ name: 'guard-reader', url: url.toString(), statementTimeoutMs: 2000 });
    before = await checksum(database.url);
  });
  afterAll(async () => {
    await connector?.close();
    await reader?.close();
    await database?.run([`DROP OWNED BY ${role}`, `DROP ROLE ${role}`]).catch(() => undefined);
    await database?.drop();
  });

  it('has at least twenty hostile PostgreSQL statements', () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(20);
  });

  it.each(HOSTILE.map(([sql, code]) => [code, sql]))('refuses with %s: %s', async (code, sql) => {
    await expect(assertReadOnly(connector, sql)).rejects.toMatchObject({ code, details: { sql } });
    await expect(connector.query(sql)).rejects.toMatchObject({ code });
  });

  it.each(LEGITIMATE)('lets a legitimate query through: %s', async (sql) => {
    await expect(assertReadOnly(connector, sql)).resolves.toBeUndefined();
    await expect(connector.query(sql)).resolves.toMatchObject({ truncated: false });
  });

  it('refuses a user function that writes, in the engine (the guard cannot know what it does)', async () => {
    await expect(assertReadOnly(connector, 'SELECT bump()')).resolves.toBeUndefined();
    await expect(connector.query('SELECT bump()')).rejects.toMatchObject({ code: 'SQL_NOT_READ_ONLY' });
  });

  it('leaves the database unchanged, even when every hostile statement is sent past the guard as a read-only role', async () => {
    const ran: string[] = [];
    for (const [sql] of HOSTILE) {
      if (await reader.runInternal(sql, [], { timeoutMs: 2000 }).then(() => true, () => false)) ran.push(sql);
    }
    // What the engine alone lets run changes no data: a setting undone by the query's ROLLBACK,
    // a cancel of a process that is not a backend, a session lock, a transaction id (the guard refuses all four).
    expect(ran).toEqual([
      "SELECT set_config('default_transaction_read_only', 'off', false)",
      'SELECT pg_cancel_backend(1)',
      'SELECT pg_advisory_lock(42)',
      'SELECT txid_current()',
    ]);
    expect((await reader.runInternal("SELECT current_setting('default_transaction_read_only')")).rows).toEqual([['on']]);
    expect(await checksum(database.url)).toBe(before);
    for (const suffix of ['.lo', '.program', '.csv']) expect(existsSync(`${outside}${suffix}`)).toBe(false);
    expect((await connector.query('SELECT count(*) FROM payments')).rows).toEqual([[50]]);
  });
});

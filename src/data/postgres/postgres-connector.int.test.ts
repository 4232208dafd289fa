import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchPostgresDatabase, type ScratchPostgresDatabase } from '../../../test/support/postgres-database.js';
import { postgresProblem, requireService } from '../../../test/support/services.js';
import { conformanceFixtureStatements, runConnectorConformance } from '../connector-conformance.js';
import { openPostgresConnector, type PostgresConnector } from './postgres-connector.js';

const available = requireService('postgres', await postgresProblem(), 'The PostgreSQL connector tests');
const databases: ScratchPostgresDatabase[] = [];
afterAll(async () => {
  await Promise.all(databases.map((database) => database.drop()));
});

async function scratch(purpose: string, statements: string[]): Promise<ScratchPostgresDatabase> {
  const database = await createScratchPostgresDatabase(purpose);
  databases.push(database);
  await database.run(statements);
  return database;
}

describe.runIf(available)('PostgreSQL', () => {
  runConnectorConformance('PostgreSQL', async () => {
    const database = await scratch('conformance', conformanceFixtureStatements());
    return openPostgresConnector({ name: 'conformance', url: database.url });
  });
});

const TYPES_FIXTURE = [
  "CREATE TYPE mood AS ENUM ('calm', 'busy')",
  `CREATE TABLE kinds (id integer PRIMARY KEY, big numeric(30,2), exact numeric(10,4), huge bigint, at timestamptz, local timestamp,
     span interval, doc jsonb, raw json, tags text[], scores integer[], uid uuid, ok boolean, feeling mood, day date, ratio double precision)`,
  `INSERT INTO kinds VALUES (1, 1234567890123456789012.25, 1.5, 9007199254740993, '2024-05-01 10:11:12.5+02', '2024-05-01 10:11:12',
     '1 day 2 hours', '{"b": [1, 2], "a": null}', '{"x": 1}', ARRAY['a b', NULL, 'c"d'], ARRAY[1, 2], 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
     true, 'busy', 'infinity', 'NaN')`,
  'CREATE SCHEMA sales',
  'CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL)',
  "COMMENT ON TABLE customers IS 'People who buy from us'",
  "COMMENT ON COLUMN customers.name IS 'Full legal name'",
  'CREATE TABLE sales.orders (order_id integer PRIMARY KEY, customer_id integer REFERENCES public.customers(id), amount numeric(10,2))',
  "COMMENT ON COLUMN sales.orders.amount IS 'Order total in euros'",
  'CREATE TABLE sales.customers (id integer PRIMARY KEY, region text)',
  'CREATE VIEW sales.big_orders AS SELECT * FROM sales.orders WHERE amount > 100',
  "INSERT INTO customers VALUES (1, 'Asha'), (2, 'Ravi')",
  'INSERT INTO sales.orders VALUES (1, 1, 50), (2, 1, 150), (3, 2, 250)',
  'CREATE TABLE log (n integer)',
  // A function that writes: the guard cannot know what it does; the READ ONLY transaction refuses it.
  "CREATE FUNCTION bump() RETURNS integer LANGUAGE sql AS 'INSERT INTO log VALUES (1) RETURNING n'",
];

describe.runIf(available)('PostgreSQL connector', () => {
  let database: ScratchPostgresDatabase;
  let connector: PostgresConnector;
  beforeAll(async () => {
    database = await scratch('types', TYPES_FIXTURE);
    connector = await openPostgresConnector({ name: 'types', url: database.url });
  });
  afterAll(async () => {
    await connector?.close();
  });

  it('normalises numeric, bigint, zoned timestamps, intervals, json, arrays, uuid and enums at the boundary', async () => {
    const result = await connector.query('SELECT big, exact, huge, at, local, span, doc, raw, tags, scores, uid, ok, feeling, day, ratio FROM kinds');
    expect(result.rows[0]).toEqual([
      '1234567890123456789012.25', 1.5, '9007199254740993', '2024-05-01T08:11:12.5+00:00', '2024-05-01T10:11:12', 'P1DT2H',
      '{"a":null,"b":[1,2]}', '{"x":1}', '["a b",null,"c\\"d"]', '[1,2]', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', true, 'busy', null, null,
    ]);
    expect(result.columns.map((column) => column.type)).toEqual([
      'numeric(30,2)', 'numeric(10,4)', 'bigint', 'timestamp with time zone', 'timestamp without time zone', 'interval', 'jsonb', 'json',
      'text[]', 'integer[]', 'uuid', 'boolean', 'mood', 'date', 'double precision',
    ]);
    expect(JSON.parse(JSON.stringify(result.rows))).toEqual(result.rows);
  });

  it('reads every schema: tables and views, keys across schemas, comments, and qualifies a name two schemas share', async () => {
    const schema = await connector.describe();
    expect(schema.map((table) => table.name)).toEqual(['big_orders', 'customers', 'kinds', 'log', 'orders', 'sales.customers']);
    const customers = schema.find((table) => table.name === 'customers')!;
    expect(customers.description).toBe('People who buy from us');
    expect(customers.columns.find((column) => column.name === 'name')).toMatchObject({ description: 'Full legal name', nullable: false, type: 'text' });
    const orders = schema.find((table) => table.name === 'orders')!;
    expect(orders.foreignKeys).toEqual([{ column: 'customer_id', refTable: 'customers', refColumn: 'id' }]);
    expect(orders.columns.find((column) => column.name === 'amount')).toMatchObject({ description: 'Order total in euros', type: 'numeric(10,2)' });
    expect(orders.columns.find((column) => column.name === 'order_id')?.primaryKey).toBe(true);
    expect(schema.find((table) => table.name === 'big_orders')?.view).toBe(true);
    // Unqualified names reach every schema: the connector puts them all on the search path.
    expect((await connector.query('SELECT sum(amount) FROM big_orders')).rows).toEqual([[400]]);
    expect((await connector.query('SELECT count(*) FROM sales.customers')).rows).toEqual([[0]]);
  });

  it('refuses writes in the engine when the guard is skipped, and a function that writes', async () => {
    const write = await connector.runInternal('DELETE FROM customers').catch((error: unknown) => error);
    expect(write).toMatchObject({ code: 'CONNECTOR_QUERY_FAILED' });
    const sneaky = await connector.query('SELECT bump()').catch((error: unknown) => error);
    expect(sneaky).toMatchObject({ code: 'SQL_NOT_READ_ONLY' });
    expect(String((sneaky as Error).message)).toMatch(/read-only transaction/);
    expect((await connector.query('SELECT count(*) FROM log')).rows).toEqual([[0]]);
    expect((await connector.query('SELECT count(*) FROM customers')).rows).toEqual([[2]]);
  });

  it('stops at the byte cap and says the result was truncated', async () => {
    const result = await connector.query("SELECT n, repeat('x', 100) AS filler FROM generate_series(1, 1000) AS n", { maxBytes: 1000 });
    expect(result.truncated).toBe(true);
    expect(result.rowCount).toBeGreaterThan(0);
    expect(Buffer.byteLength(JSON.stringify(result.rows))).toBeLessThanOrEqual(1000 + result.rowCount);
    expect(result.rows[0]).toEqual([1, 'x'.repeat(100)]);
  });

  it('cancels a long pg_sleep with pg_cancel_backend and frees the backend', async () => {
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const controller = new AbortController();
      const running = connector.runInternal('SELECT pg_sleep(60)', [], { signal: controller.signal, timeoutMs: 120_000 }).catch((error: unknown) => error);
      const sleeping = async () =>
        Number((await admin.query("SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'insightx' AND state = 'active' AND wait_event = 'PgSleep'", [database.name])).rows[0].count);
      for (let attempt = 0; attempt < 100 && (await sleeping()) === 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await sleeping()).toBe(1);
      controller.abort();
      expect(await running).toMatchObject({ code: 'CONNECTOR_QUERY_CANCELLED' });
      expect(await sleeping()).toBe(0);
      expect((await connector.query('SELECT count(*) FROM customers')).rows).toEqual([[2]]);
    } finally {
      await admin.end();
    }
  });

  it('closing the connector cancels what still runs instead of waiting for it', async () => {
    const own = await openPostgresConnector({ name: 'closing', url: database.url });
    const running = own.runInternal('SELECT pg_sleep(60)', [], { timeoutMs: 120_000 }).catch((error: unknown) => error);
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    const sleeping = async () =>
      Number((await admin.query("SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'insightx' AND wait_event = 'PgSleep'", [database.name])).rows[0].count);
    try {
      for (let attempt = 0; attempt < 100 && (await sleeping()) === 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await sleeping()).toBe(1);
      await own.close();
      expect(await running).toMatchObject({ code: 'CONNECTOR_QUERY_CANCELLED' });
      expect(await sleeping()).toBe(0);
    } finally {
      await admin.end();
    }
    await expect(own.query('SELECT 1')).rejects.toMatchObject({ code: 'CONNECTOR_CONNECTION_FAILED' });
  });

  it('warns when the account can write, and not for a read-only role', async () => {
    const warnings = await connector.accountWarnings();
    expect(warnings.join(' ')).toMatch(/superuser/);
    const role = `insightx_reader_${database.name.slice(-10)}`;
    await database.run([
      `CREATE ROLE ${role} LOGIN PASSWORD 'Reader-Pa55'`,
      `GRANT CONNECT ON DATABASE ${database.name} TO ${role}`,
      `GRANT USAGE ON SCHEMA public, sales TO ${role}`,
      `GRANT SELECT ON ALL TABLES IN SCHEMA public, sales TO ${role}`,
    ]);
    try {
      const url = new URL(database.url);
      [url.username, url.password] = [role, 'Reader-Pa55'];
      const reader = await openPostgresConnector({ name: 'reader', url: url.toString() });
      expect(await reader.accountWarnings()).toEqual([]);
      expect((await reader.query('SELECT count(*) FROM orders')).rows).toEqual([[3]]);
      await reader.close();
      const writerRole = `${role}_w`;
      await database.run([`CREATE ROLE ${writerRole} LOGIN PASSWORD 'Writer-Pa55'`, `GRANT SELECT, INSERT ON customers TO ${writerRole}`, `GRANT USAGE ON SCHEMA sales TO ${writerRole}`]);
      [url.username, url.password] = [writerRole, 'Writer-Pa55'];
      const writer = await openPostgresConnector({ name: 'writer', url: url.toString() });
      expect((await writer.accountWarnings()).join(' ')).toMatch(/can change 1 table \(public\.customers\)/);
      const denied = await writer.query('SELECT count(*) FROM kinds').catch((caught: unknown) => caught);
      expect(denied).toMatchObject({ code: 'CONNECTOR_PERMISSION_DENIED', details: { sqlState: '42501', hint: expect.stringContaining('SELECT rights') } });
      await writer.close();
      await database.run([`REVOKE ALL ON customers FROM ${writerRole}`, `REVOKE ALL ON SCHEMA sales FROM ${writerRole}`, `DROP ROLE ${writerRole}`]);
    } finally {
      await database.run([`REVOKE ALL ON ALL TABLES IN SCHEMA public, sales FROM ${role}`, `REVOKE ALL ON SCHEMA public, sales FROM ${role}`, `REVOKE ALL ON DATABASE ${database.name} FROM ${role}`, `DROP ROLE ${role}`]);
    }
  });

  it('never shows the password when the connection fails', async () => {
    const url = new URL(database.url);
    [url.username, url.password] = ['nobody_here', 'Sup3r-Secret-Word'];
    const error = await openPostgresConnector({ name: 'broken', url: url.toString(), connectTimeoutMs: 3000 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'CONNECTOR_CONNECTION_FAILED' });
    const text = JSON.stringify({ message: (error as Error).message, details: (error as { details: unknown }).details, stack: (error as Error).stack });
    expect(text).toContain('broken');
    expect(text).toContain('***');
    expect(text).not.toContain('Sup3r-Secret-Word');
  });
});

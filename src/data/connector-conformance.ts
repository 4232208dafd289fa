import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../core/error-codes.js';
import { rowJsonBytes } from '../core/query-result.js';
import type { Connector } from './connector.js';

/** Rows in the fixture's `items` table. */
export const CONFORMANCE_ITEM_COUNT = 120;

/**
 * The fixture every connector is tested on, as plain SQL that DuckDB, SQLite and PostgreSQL
 * all accept: `items` (with a primary key, a DECIMAL, a BIGINT beyond 2^53, a DATE and NULLs)
 * and `orders` with a declared foreign key to it. The test file runs these statements with
 * the engine's own client, then opens the connector on the result (read-only).
 */
export function conformanceFixtureStatements(): string[] {
  const items = Array.from({ length: CONFORMANCE_ITEM_COUNT }, (_, index) => {
    const id = index + 1;
    const price = ((id * 37) % 1000) / 4;
    const day = String((id % 28) + 1).padStart(2, '0');
    const note = id % 10 === 0 ? 'NULL' : `'note ${id}'`;
    return `(${id}, 'item ${id}', ${price.toFixed(2)}, ${id * 3}, '2024-03-${day}', ${note})`;
  });
  const orders = Array.from({ length: 40 }, (_, index) => `(${index + 1}, ${(index % CONFORMANCE_ITEM_COUNT) + 1}, ${index % 5 + 1})`);
  return [
    'CREATE TABLE items (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL, price DECIMAL(10,2), qty BIGINT, created DATE, note VARCHAR(40))',
    `INSERT INTO items VALUES ${items.join(', ')}`,
    'CREATE TABLE orders (order_id INTEGER PRIMARY KEY, item_id INTEGER REFERENCES items(id), quantity INTEGER)',
    `INSERT INTO orders VALUES ${orders.join(', ')}`,
  ];
}

/** A query every engine keeps busy for minutes: a five-way cross join it cannot shortcut. */
export const SLOW_QUERY =
  'SELECT count(*) FROM items a, items b, items c, items d, items e WHERE a.qty + b.qty + c.qty + d.qty + e.qty > -1';

async function rejection(promise: Promise<unknown>): Promise<{ code?: ErrorCode; details?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: ErrorCode; details?: Record<string, unknown> };
  }
  throw new Error('expected the promise to reject');
}

/** Where an engine's SQL differs from the suite's: only spellings, never what is checked. */
export interface ConformanceDialect {
  /** A BIGINT cast (default `CAST(x AS BIGINT)`; MySQL writes `CAST(x AS SIGNED)`). */
  bigintCast?: (literal: string) => string;
}

/**
 * Registers the conformance tests every `Connector` passes (ARCHITECTURE §3). `openConnector`
 * returns a connector over a database made from `conformanceFixtureStatements()`.
 */
export function runConnectorConformance(name: string, openConnector: () => Promise<Connector>, dialect: ConformanceDialect = {}): void {
  const bigintCast = dialect.bigintCast ?? ((literal: string) => `CAST(${literal} AS BIGINT)`);
  describe(`${name} connector conformance`, () => {
    let connector: Connector;
    beforeAll(async () => {
      connector = await openConnector();
    });
    afterAll(async () => {
      await connector?.close();
    });

    it('lists the tables and describes their columns, keys and declared foreign keys', async () => {
      expect(await connector.listTables()).toEqual(['items', 'orders']);
      const schema = await connector.describe();
      const items = schema.find((table) => table.name === 'items')!;
      expect(items.columns.map((column) => column.name)).toEqual(['id', 'name', 'price', 'qty', 'created', 'note']);
      expect(items.columns.find((column) => column.name === 'id')?.primaryKey).toBe(true);
      const orders = schema.find((table) => table.name === 'orders')!;
      expect(orders.foreignKeys).toEqual([{ column: 'item_id', refTable: 'items', refColumn: 'id' }]);
    });

    it('normalises bigint, decimal, date and null to JSON-safe cells', async () => {
      const result = await connector.query(
        `SELECT id, price, qty, created, note, ${bigintCast('9007199254740993')} AS huge FROM items WHERE id IN (10, 11) ORDER BY id`,
      );
      expect(result.columns.map((column) => column.name)).toEqual(['id', 'price', 'qty', 'created', 'note', 'huge']);
      expect(result.rows).toEqual([
        [10, 92.5, 30, '2024-03-11', null, '9007199254740993'],
        [11, 101.75, 33, '2024-03-12', 'note 11', '9007199254740993'],
      ]);
      expect(JSON.parse(JSON.stringify(result.rows))).toEqual(result.rows);
    });

    it('computes aggregates the way the engine does', async () => {
      const result = await connector.query('SELECT count(*), sum(qty), count(note) FROM items');
      expect(result.rows[0]).toEqual([CONFORMANCE_ITEM_COUNT, (3 * CONFORMANCE_ITEM_COUNT * (CONFORMANCE_ITEM_COUNT + 1)) / 2, CONFORMANCE_ITEM_COUNT - CONFORMANCE_ITEM_COUNT / 10]);
    });

    it('caps the rows and says the result was truncated', async () => {
      const capped = await connector.query('SELECT id FROM items ORDER BY id', { limit: 5 });
      expect(capped.rows).toEqual([[1], [2], [3], [4], [5]]);
      expect(capped).toMatchObject({ rowCount: 5, truncated: true, truncatedReason: 'rows' });
      const whole = await connector.query('SELECT id FROM items ORDER BY id', { limit: CONFORMANCE_ITEM_COUNT });
      expect(whole).toMatchObject({ rowCount: CONFORMANCE_ITEM_COUNT, truncated: false });
    });

    it('caps the bytes: rows stop before their JSON passes maxBytes, and the result says why', async () => {
      const first = [[1, 'item 1'], [2, 'item 2'], [3, 'item 3']];
      const maxBytes = first.reduce((sum, row) => sum + rowJsonBytes(row), 0);
      const capped = await connector.query('SELECT id, name FROM items ORDER BY id', { maxBytes });
      expect(capped.rows).toEqual(first);
      expect(capped).toMatchObject({ rowCount: 3, truncated: true, truncatedReason: 'bytes' });
      const tooBig = await connector.query('SELECT id, name FROM items ORDER BY id', { maxBytes: 4 });
      expect(tooBig).toMatchObject({ rows: [], rowCount: 0, truncated: true, truncatedReason: 'bytes' });
      const whole = await connector.query('SELECT id, name FROM items ORDER BY id', { maxBytes: 1_000_000 });
      expect(whole).toMatchObject({ rowCount: CONFORMANCE_ITEM_COUNT, truncated: false });
      expect(whole.truncatedReason).toBeUndefined();
    });

    it('stops a slow query at the timeout and keeps working', async () => {
      const error = await rejection(connector.query(SLOW_QUERY, { timeoutMs: 300 }));
      expect(error.code).toBe('CONNECTOR_QUERY_TIMEOUT');
      expect(error.details?.sql).toBe(SLOW_QUERY);
      expect((await connector.query('SELECT count(*) FROM orders')).rows).toEqual([[40]]);
    });

    it('cancels a running query when its AbortSignal fires, and one aborted before it starts', async () => {
      const controller = new AbortController();
      const running = connector.query(SLOW_QUERY, { signal: controller.signal, timeoutMs: 60_000 });
      setTimeout(() => controller.abort(), 200);
      expect((await rejection(running)).code).toBe('CONNECTOR_QUERY_CANCELLED');
      expect((await rejection(connector.query('SELECT 1', { signal: AbortSignal.abort() }))).code).toBe('CONNECTOR_QUERY_CANCELLED');
      expect((await connector.query('SELECT count(*) FROM items')).rows).toEqual([[CONFORMANCE_ITEM_COUNT]]);
    });

    it('reports engine errors with a code, the SQL and a hint', async () => {
      const sql = 'SELECT no_such_column FROM items';
      const error = await rejection(connector.query(sql));
      expect(error.code).toBe('CONNECTOR_QUERY_FAILED');
      expect(error.details?.sql).toBe(sql);
      expect(typeof error.details?.hint).toBe('string');
    });

    it('refuses writes in the engine even when the guard was bypassed, and the data is unchanged', async () => {
      for (const sql of ['DELETE FROM items', "INSERT INTO items (id, name) VALUES (999, 'x')", "UPDATE items SET name = 'x'", 'DROP TABLE orders', 'CREATE TABLE t (x INTEGER)']) {
        const error = await rejection(connector.query(sql));
        expect(['SQL_NOT_READ_ONLY', 'CONNECTOR_PERMISSION_DENIED'], sql).toContain(error.code);
      }
      expect((await connector.query('SELECT count(*) FROM items')).rows).toEqual([[CONFORMANCE_ITEM_COUNT]]);
      expect(await connector.listTables()).toEqual(['items', 'orders']);
    });

    it('refuses several statements at once', async () => {
      expect((await rejection(connector.query('SELECT 1; SELECT 2'))).code).toBe('SQL_MULTIPLE_STATEMENTS');
    });

    it('explains a query with the engine plan', async () => {
      const plan = await connector.explain('SELECT name FROM items WHERE id = 3');
      expect(plan.length).toBeGreaterThan(0);
    });
  });
}

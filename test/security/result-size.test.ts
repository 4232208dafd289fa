import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowJsonBytes, type Cell } from '../../src/core/query-result.js';
import type { Connector } from '../../src/data/connector.js';
import { createDatasourceRegistry } from '../../src/data/datasource-registry.js';
import { openDuckDbConnector } from '../../src/data/duckdb/duckdb-connector.js';
import { assertReadOnly } from '../../src/data/sql-guard/index.js';
import { openSqliteConnector } from '../../src/data/sqlite/sqlite-connector.js';
import { buildTestApp, type TestApp } from '../../src/server/testing/build-test-app.js';
import { createStore } from '../../src/store/store.js';

/**
 * Every result is bounded in bytes, not only in rows: in the connectors (a huge value is never
 * converted or sent), in the store, and on the wire, where rows stream from the store as the
 * client reads. `limits.resultMaxBytes` defaults to 16 MiB.
 */
const SIXTEEN_MIB = 16 * 1024 * 1024;
const directory = mkdtempSync(join(tmpdir(), 'insightx-result-size-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const bytesOf = (rows: Cell[][]) => rows.reduce((sum, row) => sum + rowJsonBytes(row), 0);

describe('DuckDB results are capped in bytes', () => {
  let connector: Connector;
  beforeAll(async () => {
    connector = await openDuckDbConnector({ name: 'memory' });
  });
  afterAll(() => connector?.close());

  it('cuts a single value bigger than the cap to an empty, truncated result instead of returning it', async () => {
    const result = await connector.query("SELECT repeat('x', 20000000) AS s");
    expect(result).toMatchObject({ rows: [], rowCount: 0, truncated: true, truncatedReason: 'bytes', columns: [{ name: 's', type: 'VARCHAR' }] });
  });

  it('measures a list on the engine side: a list too big for the cap is cut by bytes and the query ends', async () => {
    // Each element takes at least two bytes of JSON, so a million elements cannot fit in 1 MB.
    const maxBytes = 1_000_000;
    const result = await connector.query('SELECT list(x) AS xs FROM range(1000000) t(x)', { maxBytes });
    expect(result).toMatchObject({ rows: [], truncated: true, truncatedReason: 'bytes' });
    const nested = await connector.query('SELECT [list(x)] AS xs FROM range(1000000) t(x)', { maxBytes });
    expect(nested).toMatchObject({ rows: [], truncated: true, truncatedReason: 'bytes' });
    const inStruct = await connector.query("SELECT {'values': list(x::VARCHAR)} AS s FROM range(500000) t(x)", { maxBytes });
    expect(inStruct).toMatchObject({ rows: [], truncated: true, truncatedReason: 'bytes' });
    const inMap = await connector.query('SELECT map([1], [list(x)]) AS m FROM range(1000000) t(x)', { maxBytes });
    expect(inMap).toMatchObject({ rows: [], truncated: true, truncatedReason: 'bytes' });
    // A list that fits comes back whole.
    const small = await connector.query('SELECT list(x::INTEGER ORDER BY x) AS xs FROM range(5) t(x)', { maxBytes });
    expect(small).toMatchObject({ rows: [['[0,1,2,3,4]']], truncated: false });
  });

  it('returns a row whose size equals the cap whole: measuring before converting never overestimates', async () => {
    for (const sql of [
      "SELECT [1.5::DOUBLE, -0.25, 1e300, 123456789, 10, 100, 999, -1000, NULL] AS d, [1::BIGINT, -22, NULL] AS b, [7::INTEGER, NULL, -12] AS i",
      "SELECT {'name': 'ä\"x', 'values': [1::UBIGINT, 2], 'nested': [[1::TINYINT], []]} AS s, map(['k'], [[0.5::FLOAT]]) AS m, [1, 2, 3]::INTEGER[3] AS a",
      "SELECT 'text' AS t, '\\x00'::BLOB AS b, 12345678901234::BIGINT AS big, DATE '2024-01-02' AS d, NULL AS n",
    ]) {
      const whole = await connector.query(sql);
      const maxBytes = bytesOf(whole.rows);
      expect(await connector.query(sql, { maxBytes }), sql).toMatchObject({ rows: whole.rows, truncated: false });
      expect(await connector.query(sql, { maxBytes: maxBytes - 1 }), sql).toMatchObject({ rows: [], truncated: true, truncatedReason: 'bytes' });
    }
  });

  it('stops many rows at the cap: what comes back fits, and the next row would not', async () => {
    const maxBytes = 1_000_000;
    const result = await connector.query("SELECT x, repeat('y', 1000) AS pad FROM range(100000) t(x)", { maxBytes, limit: 100_000 });
    expect(result).toMatchObject({ truncated: true, truncatedReason: 'bytes' });
    expect(bytesOf(result.rows)).toBeLessThanOrEqual(maxBytes);
    expect(bytesOf(result.rows) + rowJsonBytes([result.rowCount, 'y'.repeat(1000)])).toBeGreaterThan(maxBytes);
    expect(result.rows.at(-1)?.[0]).toBe(result.rowCount - 1);
  });

  it('takes its default cap from the connector options (limits.resultMaxBytes)', async () => {
    const small = await openDuckDbConnector({ name: 'small', resultMaxBytes: 2048 });
    try {
      const result = await small.query("SELECT x, repeat('z', 100) FROM range(1000) t(x)");
      expect(result).toMatchObject({ truncated: true, truncatedReason: 'bytes' });
      expect(bytesOf(result.rows)).toBeLessThanOrEqual(2048);
    } finally {
      await small.close();
    }
  });
});

describe('SQLite results are capped in bytes', () => {
  let connector: Connector;
  beforeAll(async () => {
    const path = join(directory, 'blobs.sqlite');
    const database = new Database(path);
    database.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, note TEXT)');
    const insert = database.prepare('INSERT INTO t VALUES (?, ?)');
    for (let id = 0; id < 5000; id++) insert.run(id, 'n'.repeat(500));
    database.close();
    connector = await openSqliteConnector({ name: 'blobs', path });
  });
  afterAll(() => connector?.close());

  it('keeps a value bigger than the cap in the worker and answers an empty, truncated result', async () => {
    const sql = "SELECT randomblob(10000000) AS b, printf('%.*c', 20000000, 'x') AS s";
    await assertReadOnly(connector, sql);
    expect(await connector.query(sql)).toMatchObject({ rows: [], rowCount: 0, truncated: true, truncatedReason: 'bytes' });
  });

  it('stops many rows at the cap', async () => {
    const result = await connector.query('SELECT id, note FROM t ORDER BY id', { maxBytes: 100_000, limit: 10_000 });
    expect(result).toMatchObject({ truncated: true, truncatedReason: 'bytes' });
    expect(bytesOf(result.rows)).toBeLessThanOrEqual(100_000);
    expect(result.rowCount).toBeGreaterThan(100);
  });
});

describe('results are capped in the store and streamed to slow readers', () => {
  let t: TestApp;
  let baseUrl: string;
  const pages: number[] = [];
  beforeAll(async () => {
    t = await buildTestApp();
    const listRows = t.store.results.listRows.bind(t.store.results);
    // Counts the pages read from the store for each response.
    t.store.results.listRows = async (id, offset, count) => {
      pages.push(offset);
      return listRows(id, offset, count);
    };
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => t?.close());

  it('keeps at most limits.resultMaxBytes of rows, whatever saves the result, and says it cut them', async () => {
    const capped = createStore(t.store.db, { resultMaxBytes: 100_000 });
    const rows: Cell[][] = Array.from({ length: 2000 }, (_, index) => [index, 'v'.repeat(200)]);
    const saved = await capped.results.save(
      { id: 'res_store_cap', sql: 'SELECT …', datasource: 'sample', columns: [{ name: 'n', type: 'INTEGER' }, { name: 'v', type: 'VARCHAR' }], rows, rowCount: rows.length, truncated: false, elapsedMs: 1 },
      { workspaceId: t.workspaceId },
    );
    expect(saved).toMatchObject({ truncated: true, truncatedReason: 'bytes' });
    const stored = await t.store.results.getForWorkspace(t.workspaceId, 'res_store_cap');
    expect(stored?.rows.length).toBe(saved.rowCount);
    expect(bytesOf(stored!.rows)).toBeLessThanOrEqual(100_000);
    const response = await fetch(`${baseUrl}/api/data/res_store_cap`);
    expect(await response.json()).toMatchObject({ truncated: true, truncatedReason: 'bytes', rowCount: saved.rowCount });
  });

  it('reads a result from the store only as fast as the client reads it, and gives the whole result to a client that reads', async () => {
    const rowCount = 7000;
    const rows: Cell[][] = Array.from({ length: rowCount }, (_, index) => [index, `row ${index} ${'w'.repeat(2000)}`]);
    expect(bytesOf(rows)).toBeLessThan(SIXTEEN_MIB);
    await t.store.results.save(
      { id: 'res_slow_reader', sql: 'SELECT …', datasource: 'sample', columns: [{ name: 'n', type: 'INTEGER' }, { name: 'text', type: 'VARCHAR' }], rows, rowCount, truncated: false, elapsedMs: 1 },
      { workspaceId: t.workspaceId },
    );
    const totalPages = Math.ceil(rowCount / 500);
    pages.length = 0;
    // Clients that ask and never read: the server writes what the socket takes, then waits.
    const stalled: { request: ClientRequest; response: IncomingMessage }[] = [];
    const openStalled = async (count: number) => {
      for (let index = 0; index < count; index++) {
        stalled.push(
          await new Promise((resolve, reject) => {
            const request = httpRequest(`${baseUrl}/api/data/res_slow_reader`, (response) => {
              response.pause();
              resolve({ request, response });
            });
            request.on('error', reject);
            request.end();
          }),
        );
      }
      let previous = -1;
      while (previous !== pages.length) {
        previous = pages.length;
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    };
    await openStalled(1);
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.length).toBeLessThan(totalPages);
    await openStalled(4);
    expect(pages.length).toBeLessThan(5 * totalPages);
    for (const { request, response } of stalled) {
      response.destroy();
      request.destroy();
    }
    const whole = (await (await fetch(`${baseUrl}/api/data/res_slow_reader`)).json()) as { rows: Cell[][] };
    expect(whole.rows).toHaveLength(rowCount);
    expect(whole.rows[rowCount - 1]).toEqual(rows[rowCount - 1]);
    const csv = await (await fetch(`${baseUrl}/api/data/res_slow_reader?format=csv`)).text();
    expect(csv.trimEnd().split('\r\n')).toHaveLength(rowCount + 1);
  });
});

describe('POST /api/tools/sql answers a huge value with a small, truncated result', () => {
  let t: TestApp;
  let registry: ReturnType<typeof createDatasourceRegistry>;
  beforeAll(async () => {
    const csv = join(directory, 'payments.csv');
    writeFileSync(csv, 'id,status,amount\n1,failed,10.5\n2,succeeded,20\n');
    const configured = [{ kind: 'file' as const, name: 'payments', path: csv }];
    // The default cap, as `limits.resultMaxBytes` gives it.
    registry = createDatasourceRegistry({ dataDir: directory, datasources: configured, resultMaxBytes: SIXTEEN_MIB });
    t = await buildTestApp({ datasources: { configured, defaultName: 'payments', open: (_config, key) => registry.get(key) }, assertReadOnly });
  });
  afterAll(async () => {
    await t?.close();
    await registry?.closeAll();
  });

  it('returns no 20 MB body for one 20 MB value, and stores nothing of it', async () => {
    // The test app's statement timeout is 1 s: a 20 MB value (past the 16 MiB cap) fits in it.
    const response = await t.app.inject({ method: 'POST', url: '/api/tools/sql', payload: { sql: "SELECT repeat('x', 20000000) AS s" } });
    expect(response.statusCode).toBe(200);
    expect(response.body.length).toBeLessThan(10_000);
    const body = response.json();
    expect(body).toMatchObject({ rows: [], rowCount: 0, truncated: true, truncatedReason: 'bytes' });
    const stored = await t.app.inject({ method: 'GET', url: body.url });
    expect(stored.body.length).toBeLessThan(10_000);
    expect(stored.json()).toMatchObject({ rows: [], truncated: true, truncatedReason: 'bytes' });
  });
});

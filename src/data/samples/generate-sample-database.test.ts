import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cell } from '../../core/query-result.js';
import { openDuckDbConnector, type DuckDbConnector } from '../duckdb/duckdb-connector.js';
import { ensureSampleDatabase } from './generate-sample-database.js';
import { paymentsSql } from './payments-sql.js';
import { sharedSampleDataDir } from './sample-data-dir.js';
import { salesSql } from './sales-sql.js';

describe('sample database', () => {
  let connector: DuckDbConnector;
  const rows = async (sql: string): Promise<Cell[][]> => (await connector.query(sql, { limit: 1000 })).rows;

  beforeAll(async () => {
    const path = await ensureSampleDatabase(sharedSampleDataDir());
    connector = await openDuckDbConnector({ name: 'sample', path, readOnly: true });
  });
  afterAll(async () => {
    await connector?.close();
  });

  it('has over a million payments across every month of 2024 with the documented columns', async () => {
    const [[count, first, last, months]] = await rows('SELECT count(*), min(created_at), max(created_at), count(DISTINCT month(created_at)) FROM payments');
    expect(count).toBeGreaterThanOrEqual(1_000_000);
    expect(String(first)).toMatch(/^2024-01-01/);
    expect(String(last)).toMatch(/^2024-12-31/);
    expect(months).toBe(12);
    const columns = (await connector.describe()).find((table) => table.name === 'payments')!.columns.map((column) => column.name);
    expect(columns).toEqual([
      'id', 'created_at', 'amount', 'status', 'failure_reason', 'device_type', 'app_version', 'state', 'city_tier',
      'merchant_category', 'payment_method', 'bank', 'customer_age_group', 'network_type', 'is_fraud_flagged',
    ]);
  });

  it('has statuses, failure reasons only on failures, and at least 20 states', async () => {
    expect(await rows('SELECT DISTINCT status FROM payments ORDER BY 1')).toEqual([['failed'], ['pending'], ['success']]);
    expect(await rows("SELECT count(*) FROM payments WHERE (status = 'failed') <> (failure_reason IS NOT NULL)")).toEqual([[0]]);
    const [[states]] = await rows('SELECT count(DISTINCT state) FROM payments');
    expect(Number(states)).toBeGreaterThanOrEqual(20);
  });

  it('fails more on Android than iOS, and most on 3G', async () => {
    const byDevice = Object.fromEntries(await rows("SELECT device_type, avg(CASE WHEN status = 'failed' THEN 1.0 ELSE 0 END) FROM payments GROUP BY 1"));
    expect(byDevice.Android).toBeGreaterThan(1.5 * Number(byDevice.iOS));
    const [[worst]] = await rows("SELECT network_type FROM payments GROUP BY 1 ORDER BY avg(CASE WHEN status = 'failed' THEN 1.0 ELSE 0 END) DESC LIMIT 1");
    expect(worst).toBe('3G');
  });

  it('has two or three states whose failure rate a z-score test flags as outliers', async () => {
    const outliers = await rows(`
      WITH rates AS (SELECT state, avg(CASE WHEN status = 'failed' THEN 1.0 ELSE 0 END) AS rate FROM payments GROUP BY state)
      SELECT state FROM rates, (SELECT avg(rate) AS mean, stddev_samp(rate) AS sd FROM rates) s
      WHERE (rate - mean) / sd > 2 ORDER BY state`);
    expect(outliers.length).toBeGreaterThanOrEqual(2);
    expect(outliers.length).toBeLessThanOrEqual(3);
  });

  it('has heavy-tailed amounts: the mean well above the median', async () => {
    const [[mean, median]] = await rows('SELECT avg(amount), median(amount) FROM payments');
    expect(Number(mean)).toBeGreaterThan(1.5 * Number(median));
  });

  it('has two years of sales whose amount is quantity times unit price', async () => {
    const [[years, mismatches, count]] = await rows('SELECT count(DISTINCT year(order_date)), count(*) FILTER (WHERE amount <> round(quantity * unit_price, 2)), count(*) FROM sales');
    expect(years).toBeGreaterThanOrEqual(2);
    expect(mismatches).toBe(0);
    expect(Number(count)).toBeGreaterThan(10_000);
  });

  it('returns the existing database without generating it again', async () => {
    const path = await ensureSampleDatabase(sharedSampleDataDir());
    expect(path).toBe(join(sharedSampleDataDir(), 'sample.duckdb'));
  });
});

describe('sample generation', () => {
  const directory = mkdtempSync(join(tmpdir(), 'insightx-samplegen-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  async function aggregatesOf(): Promise<unknown> {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(paymentsSql(60_000));
    await connection.run(salesSql());
    const reader = await connection.runAndReadAll(
      "SELECT (SELECT sum(amount)::VARCHAR || count(*) || sum(hash(state, status, device_type, bank, created_at)) FROM payments), (SELECT sum(amount)::VARCHAR || count(*) FROM sales)",
    );
    connection.closeSync();
    instance.closeSync();
    return reader.getRowsJson();
  }

  it('is deterministic: two generations give identical data', async () => {
    expect(await aggregatesOf()).toEqual(await aggregatesOf());
  });

  it('leaves no half database behind when generation fails', async () => {
    const blocked = join(directory, 'not-a-folder');
    writeFileSync(blocked, 'a file where the data dir should be');
    await expect(ensureSampleDatabase(blocked)).rejects.toMatchObject({ code: 'DATASOURCE_UNREADABLE' });
    expect(existsSync(join(blocked, 'sample.duckdb'))).toBe(false);
    expect(readdirSync(directory)).toEqual(['not-a-folder']);
  });
});

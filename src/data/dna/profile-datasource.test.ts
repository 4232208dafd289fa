import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDna } from '../../core/dna.js';
import { openDuckDbConnector, type DuckDbConnector } from '../duckdb/duckdb-connector.js';
import { ensureSampleDatabase } from '../samples/generate-sample-database.js';
import { sharedSampleDataDir } from '../samples/sample-data-dir.js';
import { openSqliteConnector } from '../sqlite/sqlite-connector.js';
import { compactDna } from './compact-dna.js';
import { formatDna } from './format-dna.js';
import { profileDatasource } from './profile-datasource.js';

const directory = mkdtempSync(join(tmpdir(), 'insightx-dna-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('Data DNA of the sample payments', () => {
  let connector: DuckDbConnector;
  let dna: DataDna;
  beforeAll(async () => {
    connector = await openDuckDbConnector({ name: 'sample', path: await ensureSampleDatabase(sharedSampleDataDir()), readOnly: true });
    dna = await profileDatasource(connector, { cache: { dir: join(directory, 'sample-dna') } });
  });
  afterAll(async () => {
    await connector?.close();
  });

  const payments = () => dna.tables.find((table) => table.name === 'payments')!;
  const column = (name: string) => payments().columns.find((candidate) => candidate.name === name)!;

  it('fills every field of the DNA schema', () => {
    expect(DataDna.parse(dna)).toEqual(dna);
    expect(dna.tables.map((table) => table.name)).toEqual(['payments', 'sales']);
  });

  it('gives each column the role a person would', () => {
    const roles = Object.fromEntries(payments().columns.map((candidate) => [candidate.name, candidate.role]));
    expect(roles).toMatchObject({
      id: 'id', created_at: 'time', amount: 'measure', status: 'status', device_type: 'dimension', state: 'geo', is_fraud_flagged: 'boolean', failure_reason: 'dimension',
    });
    expect(column('id').primaryKey).toBe(true);
  });

  it('matches the engine on row count, nulls, top values, range and time span', async () => {
    const [[count, failed, android, minAmount, maxAmount, nullReasons]] = (
      await connector.query(
        "SELECT count(*), count(*) FILTER (WHERE status = 'failed'), count(*) FILTER (WHERE device_type = 'Android'), min(amount), max(amount), count(*) FILTER (WHERE failure_reason IS NULL) FROM payments",
      )
    ).rows;
    expect(payments().rowCount).toBe(count);
    expect(column('status').topValues).toContainEqual({ value: 'failed', count: failed });
    expect(column('device_type').topValues[0]).toEqual({ value: 'Android', count: android });
    expect(column('device_type').distinctCount).toBe(3);
    expect([column('amount').min, column('amount').max]).toEqual([minAmount, maxAmount]);
    expect(column('failure_reason').nullShare).toBeCloseTo(Number(nullReasons) / Number(count), 10);
    expect(column('created_at').timeRange).toMatchObject({ grain: 'second' });
    expect(column('created_at').timeRange?.min).toMatch(/^2024-01-01T/);
    expect(column('created_at').timeRange?.max).toMatch(/^2024-12-31T/);
    expect(column('amount').quantiles?.p50).toBeGreaterThan(0);
  });

  it('derives a failure rate whose baseline equals the engine\'s answer', async () => {
    const metric = payments().derivedMetrics.find((candidate) => candidate.name === 'failure_rate')!;
    const [[expected]] = (await connector.query(`SELECT ${metric.expression} FROM payments`)).rows;
    expect(metric.baseline).toBeCloseTo(Number(expected), 12);
    expect(payments().derivedMetrics.map((candidate) => candidate.name)).toEqual(
      expect.arrayContaining(['success_rate', 'fraud_flagged_rate', 'total_amount', 'average_amount']),
    );
  });

  it('adds synonyms from names', () => {
    expect(column('device_type').synonyms).toEqual(expect.arrayContaining(['device type', 'device']));
    expect(payments().synonyms).toContain('payment');
  });

  it('is read from the cache the second time', async () => {
    const again = await profileDatasource(connector, { cache: { dir: join(directory, 'sample-dna') }, now: () => new Date('2000-01-01') });
    expect(again.generatedAt).toBe(dna.generatedAt);
  });

  it('prints a readable profile and a compact one for prompts', () => {
    const text = formatDna(dna, 'payments');
    expect(text).toContain(`payments — ${payments().rowCount.toLocaleString('en-US')} rows`);
    expect(text).toMatch(/device_type\s+VARCHAR\s+dimension\s+nulls 0\.0%\s+distinct 3\s+Android/);
    expect(text).not.toContain('sales —');
    expect(formatDna(dna, 'nope')).toContain('No table "nope"');
    const compact = compactDna(dna, { tables: ['payments'] });
    expect(compact.split('\n').filter((line) => line.startsWith('- '))).toHaveLength(payments().columns.length);
    expect(compact).toContain('- status VARCHAR status distinct=3 values=success|failed|pending');
  });
});

describe('Data DNA on small databases', () => {
  it('infers an undeclared foreign key from names, types and values', async () => {
    const path = join(directory, 'shop.duckdb');
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    await connection.run('CREATE TABLE customers (id INTEGER, name VARCHAR); INSERT INTO customers VALUES (1, \'a\'), (2, \'b\'), (3, \'c\')');
    await connection.run('CREATE TABLE orders (order_id INTEGER, customer_id INTEGER, total DOUBLE); INSERT INTO orders VALUES (1, 1, 9.5), (2, 3, 20), (3, 3, 1)');
    await connection.run('CREATE TABLE reviews (review_id INTEGER, customer_id INTEGER); INSERT INTO reviews VALUES (1, 99)');
    connection.closeSync();
    instance.closeSync();
    const connector = await openDuckDbConnector({ name: 'shop', path, readOnly: true });
    const dna = await profileDatasource(connector);
    expect(dna.tables.find((table) => table.name === 'orders')?.foreignKeys).toEqual([{ column: 'customer_id', refTable: 'customers', refColumn: 'id', inferred: true }]);
    // 99 is not a customer: no key is inferred from the name alone.
    expect(dna.tables.find((table) => table.name === 'reviews')?.foreignKeys).toEqual([]);
    await connector.close();
  });

  it('profiles SQLite with declared keys, text in numeric columns, text dates, and a new profile when the file changes', async () => {
    const path = join(directory, 'messy.sqlite');
    const database = new Database(path);
    database.exec(`CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT);
      CREATE TABLE matches (id INTEGER PRIMARY KEY, team_id INTEGER REFERENCES teams(id), score INTEGER, result TEXT, played_on TEXT);
      INSERT INTO teams VALUES (1, 'red'), (2, 'blue');
      INSERT INTO matches VALUES (1, 1, 3, 'won', '2024-01-05'), (2, 2, 'n/a', 'lost', '2024-02-05'), (3, 1, 5, 'won', '2024-03-05'), (4, 2, NULL, 'lost', '2024-03-09');`);
    database.close();
    const cache = { dir: join(directory, 'sqlite-dna') };
    let connector = await openSqliteConnector({ name: 'league', path });
    const dna = await profileDatasource(connector, { cache });
    const matches = dna.tables.find((table) => table.name === 'matches')!;
    expect(matches.foreignKeys).toEqual([{ column: 'team_id', refTable: 'teams', refColumn: 'id', inferred: false }]);
    const score = matches.columns.find((candidate) => candidate.name === 'score')!;
    // 'n/a' is not a number: the mean is (3 + 5) / 2, not (3 + 0 + 5) / 3.
    expect(score).toMatchObject({ role: 'measure', min: 3, max: 5, mean: 4 });
    expect(matches.columns.find((candidate) => candidate.name === 'played_on')).toMatchObject({ role: 'time', timeRange: { min: '2024-01-05', max: '2024-03-09', grain: 'day' } });
    await connector.close();

    const writable = new Database(path);
    writable.exec("INSERT INTO matches VALUES (5, 1, 2, 'won', '2024-04-01')");
    writable.close();
    connector = await openSqliteConnector({ name: 'league', path });
    const changed = await profileDatasource(connector, { cache });
    expect(changed.fingerprint).not.toBe(dna.fingerprint);
    expect(changed.tables.find((table) => table.name === 'matches')?.rowCount).toBe(5);
    expect(readdirSync(cache.dir)).toHaveLength(1);
    await connector.close();
  });

  it('reports progress per table and profiles only the tables asked for', async () => {
    const connector = await openDuckDbConnector({ name: 'memory' });
    await connector.runInternal('CREATE TABLE a (x INTEGER)');
    await connector.runInternal('CREATE TABLE b (y INTEGER)');
    const seen: string[] = [];
    const dna = await profileDatasource(connector, { tables: ['b'], onProgress: (message, progress) => seen.push(`${progress.table} ${progress.done}/${progress.total} ${message}`) });
    expect(dna.tables.map((table) => table.name)).toEqual(['b']);
    expect(seen).toEqual(['b 0/1 Profiling b (1/1, 0%)…', ' 1/1 Profiled 1 table (100%).']);
    await expect(profileDatasource(connector, { tables: ['missing'] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await connector.close();
  });

  it('keeps enough top values to link cell values: 50 for text, including names and titles', async () => {
    const path = join(directory, 'people.sqlite');
    const database = new Database(path);
    database.exec('CREATE TABLE people (id INTEGER PRIMARY KEY, full_name TEXT, home_town TEXT)');
    const insert = database.prepare('INSERT INTO people VALUES (?, ?, ?)');
    // 120 people with distinct names (a name-like text column) from 35 towns (a dimension).
    for (let i = 0; i < 120; i++) insert.run(i + 1, `Person ${String(i).padStart(3, '0')}`, `Town ${i % 35}`);
    database.close();
    const connector = await openSqliteConnector({ name: 'people', path });
    const dna = await profileDatasource(connector);
    await connector.close();
    const people = dna.tables[0];
    const name = people.columns.find((candidate) => candidate.name === 'full_name')!;
    const town = people.columns.find((candidate) => candidate.name === 'home_town')!;
    expect(name.role).toBe('text');
    expect(name.topValues).toHaveLength(50);
    expect(town.topValues.map((top) => top.value)).toHaveLength(35);
    expect(town.distinctCount).toBe(35);
    // The compact DNA for remote models still lists only a few of them.
    const line = compactDna(dna).split('\n').find((text) => text.startsWith('- full_name'))!;
    expect(line.match(/values=([^ ]*)/)?.[1].split('|').length).toBeLessThanOrEqual(9);
  });
});

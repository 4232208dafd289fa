import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatasourceRegistry, tableNameFromPath } from './datasource-registry.js';
import { sharedSampleDataDir } from './samples/sample-data-dir.js';

const directory = mkdtempSync(join(tmpdir(), 'insightx-registry-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('datasource registry', () => {
  const registry = createDatasourceRegistry({ dataDir: sharedSampleDataDir(), datasources: [{ kind: 'sample', name: 'sample' }], rowCap: 100 });
  afterAll(() => registry.closeAll());

  it('opens the sample read-only, once, and caps rows at the configured limit', async () => {
    const connector = await registry.get('sample');
    expect(await registry.get('sample')).toBe(connector);
    expect(await connector.listTables()).toEqual(['payments', 'sales']);
    expect((await connector.query('SELECT id FROM payments')).rowCount).toBe(100);
    await expect(connector.query('DELETE FROM payments')).rejects.toMatchObject({ code: 'SQL_NOT_READ_ONLY' });
  });

  it('names the known datasources, and says a file path works too, for an unknown name', async () => {
    const error = await registry.get('warehouse').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'DATASOURCE_NOT_FOUND' });
    expect(String((error as Error).message)).toMatch(/Known datasources: sample\. A file path works too/);
  });

  it('removes a registered file: its connector closes, its private copy goes, its name is unknown again', async () => {
    const csv = join(directory, 'removable.csv');
    writeFileSync(csv, 'n\n1\n2\n');
    const workDir = join(directory, 'copies');
    mkdirSync(workDir);
    const own = createDatasourceRegistry({ dataDir: directory, datasources: [], workDir });
    own.register({ kind: 'file', name: 'removable', path: csv });
    const connector = await own.get('removable');
    expect((await connector.query('SELECT count(*) FROM removable')).rows).toEqual([[2]]);
    expect(readdirSync(workDir)).toHaveLength(1);
    await own.remove('removable');
    expect(readdirSync(workDir)).toEqual([]);
    await expect(connector.query('SELECT 1')).rejects.toMatchObject({ code: 'CONNECTOR_CONNECTION_FAILED' });
    await expect(own.get('removable')).rejects.toMatchObject({ code: 'DATASOURCE_NOT_FOUND' });
    await own.closeAll();
  });

  it('refuses a clickhouse datasource, naming the kinds that work', async () => {
    const own = createDatasourceRegistry({ dataDir: directory, datasources: [{ kind: 'clickhouse', name: 'events', url: 'http://clickhouse:8123' }] });
    const error = await own.get('events').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'DATASOURCE_UNSUPPORTED', details: { name: 'events', kind: 'clickhouse', supported: ['sample', 'duckdb', 'sqlite', 'file', 'postgres', 'mysql'] } });
    expect((error as Error).message).toMatch(/clickhouse datasource "events" is not supported .*use one of the kinds sample, duckdb, sqlite, file, postgres, mysql/);
  });

  it('rejects missing files, folders and unknown extensions with what to do', async () => {
    await expect(registry.get(join(directory, 'missing.csv'))).rejects.toMatchObject({ code: 'DATASOURCE_UNREADABLE', message: expect.stringMatching(/does not exist/) });
    mkdirSync(join(directory, 'folder.duckdb'));
    await expect(registry.get(join(directory, 'folder.duckdb'))).rejects.toMatchObject({ code: 'DATASOURCE_UNREADABLE' });
    writeFileSync(join(directory, 'notes.txt'), 'hello');
    await expect(registry.get(join(directory, 'notes.txt'))).rejects.toMatchObject({ code: 'DATASOURCE_UNSUPPORTED' });
    writeFileSync(join(directory, 'broken.sqlite'), 'not sqlite');
    await expect(registry.get(join(directory, 'broken.sqlite'))).rejects.toMatchObject({ code: 'DATASOURCE_UNREADABLE' });
  });

  it('opens a CSV file as a table named after the file', async () => {
    const csv = join(directory, 'Monthly Sales 2024.csv');
    writeFileSync(csv, 'month,revenue\n1,100\n2,250\n');
    const connector = await registry.get(csv);
    expect(connector.dialect).toBe('duckdb');
    expect(await connector.listTables()).toEqual(['monthly_sales_2024']);
    expect((await connector.query('SELECT sum(revenue) FROM monthly_sales_2024')).rows).toEqual([[350]]);
  });

  it('tells SQLite and DuckDB .db files apart by their header', async () => {
    const sqlitePath = join(directory, 'app.db');
    const database = new Database(sqlitePath);
    database.exec('CREATE TABLE users (id INTEGER PRIMARY KEY)');
    database.close();
    const duckPath = join(directory, 'warehouse.db');
    const instance = await DuckDBInstance.create(duckPath);
    const connection = await instance.connect();
    await connection.run('CREATE TABLE facts (x INTEGER)');
    connection.closeSync();
    instance.closeSync();
    expect((await registry.get(sqlitePath)).dialect).toBe('sqlite');
    expect((await registry.get(duckPath)).dialect).toBe('duckdb');
    expect(await (await registry.get(duckPath)).listTables()).toEqual(['facts']);
  });

  it('registers configured datasources and lists them', async () => {
    const sqlitePath = join(directory, 'configured.sqlite');
    const database = new Database(sqlitePath);
    database.exec('CREATE TABLE t (x INTEGER)');
    database.close();
    registry.register({ kind: 'sqlite', name: 'crm', path: sqlitePath });
    expect(registry.list().map((config) => config.name)).toEqual(['sample', 'crm']);
    expect(await (await registry.get('crm')).listTables()).toEqual(['t']);
  });

  it('makes plain table names from file names', () => {
    expect(tableNameFromPath('/x/2024 Orders.parquet')).toBe('t_2024_orders');
    expect(tableNameFromPath('events.jsonl')).toBe('events');
  });
});

import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFileDatasourceApp, type FileDatasourceApp } from './file-datasource-app.js';

/** Writes a Parquet file of `rows` identical rows: it compresses to a few kilobytes. */
async function writeParquetBomb(file: string, rows: number): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`COPY (SELECT 1 AS x FROM range(${rows})) TO '${file.replace(/'/g, "''")}' (FORMAT parquet)`);
  connection.closeSync();
  instance.closeSync();
}

describe('loading a registered file is bounded', () => {
  let t: FileDatasourceApp;
  beforeAll(async () => {
    t = await buildFileDatasourceApp({ fileLoad: { maxRows: 1_000_000 } });
  });
  afterAll(() => t.close());

  const register = (name: string, file: string) => t.app.inject({ method: 'POST', url: '/api/datasources', payload: { kind: 'file', name, path: file } });
  const names = async () => (await t.app.inject({ method: 'GET', url: '/api/datasources' })).json().datasources.map((source: { name: string }) => source.name);

  it('refuses a small Parquet file holding more rows than allowed, and keeps no copy of it', async () => {
    const bomb = path.join(t.dataFolder, 'bomb.parquet');
    await writeParquetBomb(bomb, 3_000_000);
    const response = await register('bomb', bomb);
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'DATASOURCE_TOO_LARGE' });
    expect(response.json().message).toContain('3000000 rows');
    expect(readdirSync(t.workDir)).toEqual([]);
    expect(await names()).not.toContain('bomb');
  });

  it('refuses a CSV with more rows than allowed without copying past the limit', async () => {
    const csv = path.join(t.dataFolder, 'long.csv');
    writeFileSync(csv, `n\n${'1\n'.repeat(1_000_001)}`);
    const response = await register('long', csv);
    expect(response.statusCode).toBe(413);
    expect(response.json().message).toContain('more than 1000000 rows');
    expect(readdirSync(t.workDir)).toEqual([]);
  });

  it('refuses a 20,000-column CSV with a short error body', async () => {
    const columns = Array.from({ length: 20_000 }, (_, index) => `c${index}`);
    const csv = path.join(t.dataFolder, 'wide.csv');
    writeFileSync(csv, `${columns.join(',')}\n${columns.map(() => '1').join(',')}\n`);
    const response = await register('wide', csv);
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('DATASOURCE_TOO_LARGE');
    expect(response.json().message).toContain('20000 columns');
    expect(response.body.length).toBeLessThan(2_000);
    expect((await t.app.inject({ method: 'GET', url: '/api/datasources/wide/dna' })).statusCode).toBe(404);
  });

  it('accepts a file within the bounds', async () => {
    const ok = path.join(t.dataFolder, 'ok.parquet');
    await writeParquetBomb(ok, 1_000_000);
    expect((await register('ok', ok)).statusCode).toBe(201);
    expect(await t.query('ok', 'SELECT count(*) FROM ok')).toEqual([[1_000_000]]);
  });
});

describe('loading a registered file has a deadline', () => {
  let t: FileDatasourceApp;
  beforeAll(async () => {
    t = await buildFileDatasourceApp({ fileLoad: { timeoutMs: 1 } });
  });
  afterAll(() => t.close());

  it('stops a load past its deadline with DATASOURCE_LOAD_TIMEOUT and keeps no copy', async () => {
    const csv = path.join(t.dataFolder, 'slow.csv');
    writeFileSync(csv, `a,b\n${'1,2\n'.repeat(200_000)}`);
    const response = await t.app.inject({ method: 'POST', url: '/api/datasources', payload: { kind: 'file', name: 'slow', path: csv } });
    expect(response.statusCode).toBe(408);
    expect(response.json().code).toBe('DATASOURCE_LOAD_TIMEOUT');
    expect(response.json().message).toContain('files.loadTimeoutMs');
    expect(readdirSync(t.workDir)).toEqual([]);
    const listed = (await t.app.inject({ method: 'GET', url: '/api/datasources' })).json().datasources;
    expect(listed).toEqual([]);
  });
});

import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { conformanceFixtureStatements, runConnectorConformance } from '../connector-conformance.js';
import { openDuckDbConnector } from './duckdb-connector.js';

const directory = mkdtempSync(join(tmpdir(), 'insightx-duckdb-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function createDatabase(path: string, statements: string[]): Promise<void> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  for (const statement of statements) await connection.run(statement);
  connection.closeSync();
  instance.closeSync();
}

runConnectorConformance('DuckDB', async () => {
  const path = join(directory, 'conformance.duckdb');
  await createDatabase(path, conformanceFixtureStatements());
  return openDuckDbConnector({ name: 'conformance', path, readOnly: true });
});

describe('DuckDB connector', () => {
  it('normalises lists, structs, timestamps, huge integers and non-finite numbers', async () => {
    const connector = await openDuckDbConnector({ name: 'memory' });
    const result = await connector.query(
      "SELECT [1, 2] AS l, {'a': 1} AS s, TIMESTAMP '2024-01-02 03:04:05.5' AS ts, 170141183460469231731687303715884105727::HUGEINT AS h, 12::HUGEINT AS small, 'nan'::DOUBLE AS n, 1.50::DECIMAL(4,2) AS d",
    );
    expect(result.rows[0]).toEqual(['[1,2]', '{"a":1}', '2024-01-02T03:04:05.5', '170141183460469231731687303715884105727', 12, null, 1.5]);
    expect(result.columns.map((column) => column.type)).toEqual(['INTEGER[]', 'STRUCT("a" INTEGER)', 'TIMESTAMP', 'HUGEINT', 'HUGEINT', 'DOUBLE', 'DECIMAL(4,2)']);
    await connector.close();
  });

  it('registers CSV, Parquet and JSON files as tables', async () => {
    const csv = join(directory, 'people.csv');
    writeFileSync(csv, 'name,age\nAsha,31\nRavi,45\n');
    const jsonl = join(directory, 'events.jsonl');
    writeFileSync(jsonl, '{"kind":"click","n":1}\n{"kind":"view","n":2}\n');
    const parquet = join(directory, 'numbers.parquet');
    const writer = await openDuckDbConnector({ name: 'writer', allowExternalAccess: true });
    await writer.runInternal(`COPY (SELECT range AS n FROM range(5)) TO '${parquet}' (FORMAT parquet)`);
    await writer.close();
    const connector = await openDuckDbConnector({ name: 'files', files: [{ table: 'people', path: csv }, { table: 'events', path: jsonl }, { table: 'numbers', path: parquet }] });
    expect(await connector.listTables()).toEqual(['events', 'numbers', 'people']);
    expect((await connector.query('SELECT sum(age) FROM people')).rows).toEqual([[76]]);
    expect((await connector.query('SELECT kind FROM events ORDER BY n')).rows).toEqual([['click'], ['view']]);
    expect((await connector.query('SELECT count(*) FROM numbers')).rows).toEqual([[5]]);
    await connector.close();
  });

  it('keeps registered files in a private read-only database that disappears on close', async () => {
    const csv = join(directory, 'scores.csv');
    writeFileSync(csv, 'team,score\nred,3\nblue,5\n');
    const workDir = join(directory, 'work');
    mkdirSync(workDir);
    const connector = await openDuckDbConnector({ name: 'scores', files: [{ table: 'scores', path: csv }], workDir });
    const write = await connector.runInternal("INSERT INTO scores VALUES ('green', 1)").catch((error: unknown) => error);
    expect(String((write as Error).message)).toMatch(/read-only/i);
    expect(connector.sourcePaths).toEqual([csv]);
    expect(readdirSync(workDir)).toHaveLength(1);
    await connector.close();
    expect(readdirSync(workDir)).toEqual([]);
  });

  it('blocks file access and settings in the engine itself after setup', async () => {
    const connector = await openDuckDbConnector({ name: 'memory' });
    const read = await connector.query("SELECT * FROM read_csv('/etc/passwd')").catch((error: unknown) => error);
    expect(read).toMatchObject({ code: 'CONNECTOR_QUERY_FAILED' });
    expect(String((read as Error).message)).toMatch(/disabled by configuration/);
    const setting = await connector.runInternal('SET enable_external_access = true').catch((error: unknown) => error);
    expect(String((setting as Error).message)).toMatch(/locked|Cannot change/i);
    await connector.close();
  });

  it('opens user databases in READ_ONLY mode: the engine refuses a write that skipped every check', async () => {
    const path = join(directory, 'readonly.duckdb');
    await createDatabase(path, ['CREATE TABLE t (x INTEGER)', 'INSERT INTO t VALUES (1)']);
    const connector = await openDuckDbConnector({ name: 'readonly', path, readOnly: true });
    const error = await connector.runInternal('INSERT INTO t VALUES (2)').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'CONNECTOR_QUERY_FAILED' });
    expect(String((error as Error).message)).toMatch(/read-only/i);
    expect((await connector.query('SELECT count(*) FROM t')).rows).toEqual([[1]]);
    await connector.close();
  });

  it('streams only up to the cap from a large result', async () => {
    const connector = await openDuckDbConnector({ name: 'memory' });
    const result = await connector.query('SELECT range AS n FROM range(10000000)', { limit: 3 });
    expect(result).toMatchObject({ rows: [[0], [1], [2]], rowCount: 3, truncated: true });
    await connector.close();
  });
});

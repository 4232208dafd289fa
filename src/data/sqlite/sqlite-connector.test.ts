import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { conformanceFixtureStatements, runConnectorConformance } from '../connector-conformance.js';
import { openSqliteConnector } from './sqlite-connector.js';

const directory = mkdtempSync(join(tmpdir(), 'insightx-sqlite-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function createDatabase(path: string, statements: string[]): void {
  const database = new Database(path);
  for (const statement of statements) database.exec(statement);
  database.close();
}

runConnectorConformance('SQLite', async () => {
  const path = join(directory, 'conformance.sqlite');
  createDatabase(path, conformanceFixtureStatements());
  return openSqliteConnector({ name: 'conformance', path });
});

const SPIDER_WORLD = '/work/shared/eval/spider-open/database/world_1/world_1.sqlite';

describe('SQLite connector', () => {
  it('keeps text found in a numeric column as text, never 0', async () => {
    const path = join(directory, 'messy.sqlite');
    createDatabase(path, ['CREATE TABLE m (x INTEGER, y REAL)', "INSERT INTO m VALUES (1, 1.5), ('n/a', 'abc'), (NULL, NULL)"]);
    const connector = await openSqliteConnector({ name: 'messy', path });
    const result = await connector.query('SELECT x, y FROM m ORDER BY rowid');
    expect(result.rows).toEqual([[1, 1.5], ['n/a', 'abc'], [null, null]]);
    expect(result.columns).toEqual([{ name: 'x', type: 'INTEGER' }, { name: 'y', type: 'REAL' }]);
    await connector.close();
  });

  it('names the storage class of expression columns and turns blobs into hex', async () => {
    const path = join(directory, 'plain.sqlite');
    createDatabase(path, ['CREATE TABLE p (x INTEGER)']);
    const connector = await openSqliteConnector({ name: 'plain', path });
    const result = await connector.query("SELECT 1 + 1 AS two, 0.5 AS half, 'a' AS text, x'CAFE' AS blob");
    expect(result.columns.map((column) => column.type)).toEqual(['INTEGER', 'REAL', 'TEXT', 'BLOB']);
    expect(result.rows).toEqual([[2, 0.5, 'a', '\\xcafe']]);
    await connector.close();
  });

  it('refuses ATTACH and PRAGMA assignments, which SQLite counts as read-only', async () => {
    const path = join(directory, 'attach.sqlite');
    createDatabase(path, ['CREATE TABLE a (x INTEGER)']);
    const connector = await openSqliteConnector({ name: 'attach', path });
    const target = join(directory, 'created-by-attach.sqlite');
    for (const sql of [`ATTACH '${target}' AS other`, 'PRAGMA query_only = OFF']) {
      await expect(connector.query(sql)).rejects.toMatchObject({ code: 'SQL_NOT_READ_ONLY' });
    }
    expect(existsSync(target)).toBe(false);
    await connector.close();
  });

  it('fails clearly for a file that is missing or not a database', async () => {
    await expect(openSqliteConnector({ name: 'missing', path: join(directory, 'missing.sqlite') })).rejects.toMatchObject({ code: 'DATASOURCE_UNREADABLE' });
    const text = join(directory, 'text.sqlite');
    writeFileSync(text, 'not a database');
    await expect(openSqliteConnector({ name: 'text', path: text })).rejects.toMatchObject({ code: 'DATASOURCE_UNREADABLE' });
  });

  it.runIf(existsSync(SPIDER_WORLD))('reads a real database with declared foreign keys', async () => {
    const connector = await openSqliteConnector({ name: 'world', path: SPIDER_WORLD });
    const schema = await connector.describe();
    expect(schema.find((table) => table.name === 'city')?.foreignKeys).toEqual([{ column: 'CountryCode', refTable: 'country', refColumn: 'Code' }]);
    const result = await connector.query("SELECT Name, Population FROM city WHERE CountryCode = 'NLD' ORDER BY Population DESC", { limit: 2 });
    expect(result.rows).toEqual([['Amsterdam', 731200], ['Rotterdam', 593321]]);
    expect(result.truncated).toBe(true);
    await connector.close();
  });
});

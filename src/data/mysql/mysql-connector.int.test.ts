import { afterAll, describe, expect, it } from 'vitest';
import { createMysqlTestDatabase, type MysqlTestDatabase } from '../../../test/support/mysql-test-database.js';
import { mysqlProblem, requireService } from '../../../test/support/services.js';
import { conformanceFixtureStatements, runConnectorConformance } from '../connector-conformance.js';
import { openMysqlConnector } from './mysql-connector.js';

const available = requireService('mysql', await mysqlProblem(), 'The MySQL/MariaDB connector tests');
const databases: MysqlTestDatabase[] = [];
afterAll(async () => {
  await Promise.all(databases.map((database) => database.drop()));
});

async function freshDatabase(prefix: string, statements: string[]): Promise<MysqlTestDatabase> {
  const database = await createMysqlTestDatabase(prefix, statements);
  databases.push(database);
  return database;
}

if (available) {
  runConnectorConformance(
    'MySQL/MariaDB',
    async () => {
      const database = await freshDatabase('conformance', conformanceFixtureStatements());
      return openMysqlConnector({ name: 'conformance', url: database.url });
    },
    { bigintCast: (literal) => `CAST(${literal} AS SIGNED)` },
  );
}

describe.skipIf(!available)('MySQL/MariaDB connector', () => {
  it('normalises DECIMAL, BIGINT UNSIGNED, zero dates, TIMESTAMP, TIME, YEAR, JSON, BIT, ENUM, SET and binary', async () => {
    const database = await freshDatabase('types', [
      "SET SESSION sql_mode = ''",
      `CREATE TABLE kinds (id INT PRIMARY KEY, exact DECIMAL(30,10), wide BIGINT UNSIGNED, day DATE, at DATETIME(3), stamp TIMESTAMP NULL,
        span TIME, yr YEAR, doc JSON, flags BIT(10), colour ENUM('red','green'), tags SET('a','b','c'), raw VARBINARY(4))`,
      `INSERT INTO kinds VALUES (1, 12345678901234567890.0123456789, 18446744073709551615, '0000-00-00', '2024-05-01 10:11:12.250',
        '2024-05-01 10:11:12', '-12:30:00', 2024, '{"a": [1, 2]}', b'1000000001', 'green', 'a,c', X'DEADBEEF')`,
    ]);
    const connector = await openMysqlConnector({ name: 'types', url: database.url });
    try {
      // The session runs at UTC, so the TIMESTAMP written above at the server's zone reads back converted: compare with the server's own answer.
      const [expected] = await database.select("SELECT DATE_FORMAT(CONVERT_TZ(stamp, @@session.time_zone, '+00:00'), '%Y-%m-%dT%H:%i:%sZ') AS utc FROM kinds");
      const result = await connector.query('SELECT exact, wide, day, at, stamp, span, yr, doc, flags, colour, tags, raw, exact * 0 AS zero FROM kinds');
      expect(result.rows[0]).toEqual([
        '12345678901234567890.0123456789', '18446744073709551615', null, '2024-05-01T10:11:12.250', expected.utc, '-12:30:00', 2024,
        '{"a": [1, 2]}', 513, 'green', 'a,c', '0xDEADBEEF', 0,
      ]);
      expect(result.columns.map((column) => column.type)).toEqual([
        'DECIMAL(30,10)', 'BIGINT UNSIGNED', 'DATE', 'DATETIME', 'TIMESTAMP', 'TIME', 'YEAR', expect.stringMatching(/JSON|TEXT/), 'BIT', 'ENUM', 'SET', 'VARBINARY', expect.stringMatching(/^DECIMAL/),
      ]);
    } finally {
      await connector.close();
    }
  });

  it('caps a result at the configured byte cap (limits.resultMaxBytes): rows stop before a value too big for it', async () => {
    const database = await freshDatabase('bytes', ['CREATE TABLE notes (id INT PRIMARY KEY, body LONGTEXT)', "INSERT INTO notes VALUES (1, 'short'), (2, REPEAT('x', 2000000)), (3, 'after')"]);
    const connector = await openMysqlConnector({ name: 'bytes', url: database.url, resultMaxBytes: 1000 });
    try {
      const capped = await connector.query('SELECT id, body FROM notes ORDER BY id');
      expect(capped).toMatchObject({ rows: [[1, 'short']], rowCount: 1, truncated: true, truncatedReason: 'bytes' });
      const whole = await connector.query('SELECT id, body FROM notes ORDER BY id', { maxBytes: 4_000_000 });
      expect(whole).toMatchObject({ rowCount: 3, truncated: false });
      expect(whole.truncatedReason).toBeUndefined();
    } finally {
      await connector.close();
    }
  });

  it('describes views and comments, and keeps the password out of a failed login', async () => {
    const database = await freshDatabase('describe', [
      "CREATE TABLE branches (id INT PRIMARY KEY COMMENT 'Branch number', city VARCHAR(40) COMMENT 'City the branch is in') COMMENT 'Bank branches'",
      'CREATE VIEW big_branches AS SELECT id, city FROM branches WHERE id > 10',
    ]);
    const connector = await openMysqlConnector({ name: 'describe', url: database.url });
    try {
      const schema = await connector.describe();
      const branches = schema.find((table) => table.name === 'branches')!;
      expect(branches.description).toBe('Bank branches');
      expect(branches.columns.map((column) => column.description)).toEqual(['Branch number', 'City the branch is in']);
      expect(schema.find((table) => table.name === 'big_branches')).toMatchObject({ view: true });
    } finally {
      await connector.close();
    }
    const wrong = new URL(database.url);
    wrong.password = 'Sup3rSecretPassw0rd';
    const error = await openMysqlConnector({ name: 'wrong', url: wrong.toString() }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'CONNECTOR_CONNECTION_FAILED' });
    expect(JSON.stringify({ message: (error as Error).message, details: (error as { details: unknown }).details })).not.toContain('Sup3rSecretPassw0rd');
  });

  it('warns when the account can write, and not when a read-only user connects', async () => {
    const database = await freshDatabase('grants', ['CREATE TABLE t (x INT)']);
    const writer = await openMysqlConnector({ name: 'writer', url: database.url });
    const reader = `ix_reader_${database.name.slice(-8)}`;
    try {
      expect((await writer.accountWarnings()).join(' ')).toMatch(/can change data/);
      await database.run([`CREATE USER '${reader}'@'%' IDENTIFIED BY 'reader-pw'`, `GRANT SELECT, SHOW VIEW ON \`${database.name}\`.* TO '${reader}'@'%'`]);
      const url = new URL(database.url);
      url.username = reader;
      url.password = 'reader-pw';
      const readOnly = await openMysqlConnector({ name: 'reader', url: url.toString() });
      try {
        expect(await readOnly.accountWarnings()).toEqual([]);
        expect((await readOnly.query('SELECT count(*) FROM t')).rows).toEqual([[0]]);
      } finally {
        await readOnly.close();
      }
    } finally {
      await writer.close();
      await database.run([`DROP USER IF EXISTS '${reader}'@'%'`]);
    }
  });

  it('stops at the byte cap and says the result was truncated', async () => {
    const database = await freshDatabase('bytes', ['CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(200))']);
    await database.run([`INSERT INTO notes VALUES ${Array.from({ length: 200 }, (_, index) => `(${index + 1}, REPEAT('x', 100))`).join(', ')}`]);
    const connector = await openMysqlConnector({ name: 'bytes', url: database.url });
    try {
      const capped = await connector.query('SELECT id, body FROM notes ORDER BY id', { maxBytes: 2_000 });
      expect(capped.truncated).toBe(true);
      expect(capped.rowCount).toBeGreaterThan(5);
      expect(capped.rowCount).toBeLessThan(25);
      expect(JSON.stringify(capped.rows).length).toBeLessThanOrEqual(2_000);
      expect((await connector.query('SELECT count(*) FROM notes')).rows).toEqual([[200]]);
    } finally {
      await connector.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { medianAggregate, truncateTime } from '../../src/analyst/dialect-sql.js';
import type { TimeGrain } from '../../src/core/dna.js';
import { openMysqlConnector, type MysqlConnector } from '../../src/data/mysql/mysql-connector.js';
import { createMysqlTestDatabase, type MysqlTestDatabase } from '../support/mysql-test-database.js';
import { mysqlProblem, requireService } from '../support/services.js';

const available = requireService('mysql', await mysqlProblem(), 'The MySQL analyst SQL tests');

/** 2024-08-15 was a Thursday: its week starts on Monday 2024-08-12. Months are 'YYYY-MM' labels in every dialect. */
const EXPECTED: Record<TimeGrain, string> = {
  year: '2024-01-01', quarter: '2024-07-01', month: '2024-08', week: '2024-08-12', day: '2024-08-15',
  hour: '2024-08-15T13:00:00', minute: '2024-08-15T13:47:00', second: '2024-08-15T13:47:29',
};

describe.skipIf(!available)('the analyst\'s MySQL SQL on a real server', () => {
  let database: MysqlTestDatabase;
  let connector: MysqlConnector;
  beforeAll(async () => {
    database = await createMysqlTestDatabase('dialect', [
      'CREATE TABLE events (id INT PRIMARY KEY, at DATETIME, amount DECIMAL(8,2))',
      "INSERT INTO events VALUES (1, '2024-08-15 13:47:29', 4), (2, '2024-08-16 00:00:00', 1), (3, '2024-08-17 00:00:00', 10), (4, '2024-08-18 00:00:00', 2.5), (5, NULL, NULL)",
    ]);
    connector = await openMysqlConnector({ name: 'dialect', url: database.url });
  });
  afterAll(async () => {
    await connector?.close();
    await database?.drop();
  });

  it.each(Object.entries(EXPECTED))('truncates a time to its %s', async (grain, expected) => {
    const result = await connector.query(`SELECT ${truncateTime('at', grain as TimeGrain, 'mysql')} FROM events WHERE id = 1`);
    expect(result.rows).toEqual([[expected]]);
  });

  it('computes an exact median: the mean of the middle two of an even count, NULLs left out, and per group', async () => {
    expect((await connector.query(`SELECT ${medianAggregate('amount', 'mysql')} FROM events`)).rows).toEqual([[3.25]]);
    expect((await connector.query(`SELECT ${medianAggregate('amount', 'mysql')} FROM events WHERE id < 4`)).rows).toEqual([[4]]);
    const grouped = await connector.query(`SELECT id % 2 AS odd, ${medianAggregate('amount', 'mysql')} AS m FROM events GROUP BY id % 2 ORDER BY odd`);
    expect(grouped.rows).toEqual([[0, 1.75], [1, 7]]);
  });
});

import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMysqlTestDatabase, type MysqlTestDatabase } from '../../../test/support/mysql-test-database.js';
import { mysqlProblem, requireService } from '../../../test/support/services.js';
import type { ErrorCode } from '../../core/error-codes.js';
import { openMysqlConnector, type MysqlConnector } from '../mysql/mysql-connector.js';
import { assertReadOnly } from './assert-read-only.js';

const available = requireService('mysql', await mysqlProblem(), 'The MySQL/MariaDB read-only guard tests');
const outFile = `/tmp/insightx-guard-${randomBytes(4).toString('hex')}.txt`;

type Case = [sql: string, code: ErrorCode, pastTheGuard?: 'engine-refuses'];

/**
 * Hostile MySQL/MariaDB statements, each with the code the guard refuses it with. Those marked
 * `engine-refuses` are also sent past the guard (trusted path): the READ ONLY transaction must
 * refuse them on its own.
 */
const HOSTILE: Case[] = [
  ['DELETE FROM accounts', 'SQL_NOT_READ_ONLY', 'engine-refuses'],
  ['UPDATE accounts SET balance = 0', 'SQL_NOT_READ_ONLY', 'engine-refuses'],
  ["INSERT INTO accounts (id, owner, balance) VALUES (999, 'mallory', 1)", 'SQL_NOT_READ_ONLY', 'engine-refuses'],
  ["REPLACE INTO accounts VALUES (1, 'mallory', 0, '2024-01-01')", 'SQL_NOT_READ_ONLY', 'engine-refuses'],
  ['DROP TABLE accounts', 'SQL_NOT_READ_ONLY', 'engine-refuses'],
  ['TRUNCATE TABLE accounts', 'SQL_NOT_READ_ONLY', 'engine-refuses'],
  ['ALTER TABLE accounts ADD COLUMN x INT', 'SQL_NOT_READ_ONLY', 'engine-refuses'],
  ['CREATE TABLE copy AS SELECT * FROM accounts', 'SQL_NOT_READ_ONLY', 'engine-refuses'],
  ['WITH rich AS (SELECT id FROM accounts) DELETE FROM accounts', 'SQL_NOT_READ_ONLY'],
  ['CALL drain_accounts()', 'SQL_FORBIDDEN_STATEMENT', 'engine-refuses'],
  [`SELECT * FROM accounts INTO OUTFILE '${outFile}'`, 'SQL_FORBIDDEN_STATEMENT'],
  [`SELECT owner FROM accounts LIMIT 1 INTO DUMPFILE '${outFile}'`, 'SQL_FORBIDDEN_STATEMENT'],
  ['SELECT sum(balance) FROM accounts INTO @total', 'SQL_FORBIDDEN_STATEMENT'],
  ["SELECT LOAD_FILE('/etc/passwd')", 'SQL_FORBIDDEN_FUNCTION'],
  ["SELECT owner FROM accounts WHERE owner = load_file('/etc/hostname')", 'SQL_FORBIDDEN_FUNCTION'],
  ["LOAD DATA INFILE '/etc/passwd' INTO TABLE accounts", 'SQL_FORBIDDEN_STATEMENT'],
  ["LOAD DATA LOCAL INFILE '/etc/passwd' INTO TABLE accounts", 'SQL_FORBIDDEN_STATEMENT'],
  ['SELECT SLEEP(100)', 'SQL_FORBIDDEN_FUNCTION'],
  ['SELECT count(*) FROM accounts WHERE SLEEP(5) = 0', 'SQL_FORBIDDEN_FUNCTION'],
  ["SELECT BENCHMARK(1000000000, MD5('x'))", 'SQL_FORBIDDEN_FUNCTION'],
  ["SELECT GET_LOCK('insightx', 10)", 'SQL_FORBIDDEN_FUNCTION'],
  ["SELECT RELEASE_LOCK('insightx')", 'SQL_FORBIDDEN_FUNCTION'],
  ['SELECT @total := sum(balance) FROM accounts', 'SQL_FORBIDDEN_FUNCTION'],
  ['SELECT @@secure_file_priv', 'SQL_FORBIDDEN_FUNCTION'],
  ['SET @a = 1', 'SQL_FORBIDDEN_STATEMENT'],
  ['SET SESSION TRANSACTION READ WRITE', 'SQL_FORBIDDEN_STATEMENT'],
  ['DO SLEEP(10)', 'SQL_FORBIDDEN_STATEMENT'],
  ['HANDLER accounts OPEN', 'SQL_FORBIDDEN_STATEMENT'],
  ['SELECT * FROM accounts FOR UPDATE', 'SQL_FORBIDDEN_STATEMENT'],
  ['SELECT * FROM accounts LOCK IN SHARE MODE', 'SQL_FORBIDDEN_STATEMENT'],
  ["SELECT 1 /*!50000 , LOAD_FILE('/etc/passwd') */", 'SQL_FORBIDDEN_STATEMENT'],
  // MySQL reads "--x" as minus minus: the call runs although a comment reader sees none.
  ["SELECT id --LOAD_FILE('/etc/passwd')\nFROM accounts", 'SQL_FORBIDDEN_STATEMENT'],
  ["SELECT status --SLEEP(100)\nFROM accounts", 'SQL_FORBIDDEN_STATEMENT'],
  ["SELECT 1 /*M! , LOAD_FILE('/etc/passwd') */", 'SQL_FORBIDDEN_STATEMENT'],
  ['SELECT /*+ MAX_EXECUTION_TIME(100000000) */ count(*) FROM accounts', 'SQL_FORBIDDEN_STATEMENT'],
  ['SELECT * FROM mysql.user', 'SQL_FORBIDDEN_FUNCTION'],
  ['SELECT * FROM information_schema.PROCESSLIST', 'SQL_FORBIDDEN_FUNCTION'],
  ['SELECT NEXTVAL(ticket_numbers)', 'SQL_FORBIDDEN_FUNCTION'],
  ['SHOW GRANTS', 'SQL_FORBIDDEN_STATEMENT'],
  ['KILL 1', 'SQL_FORBIDDEN_STATEMENT'],
  ["GRANT ALL ON *.* TO 'mallory'@'%'", 'SQL_NOT_READ_ONLY'],
  ['SELECT 1; DELETE FROM accounts', 'SQL_MULTIPLE_STATEMENTS'],
  // MySQL reads \' as an escaped quote: the string ends earlier than the ANSI rules say.
  ["SELECT 'a\\'' ; DELETE FROM accounts; SELECT ''", 'SQL_MULTIPLE_STATEMENTS'],
  ['selec * from accounts', 'SQL_PARSE_ERROR'],
  ['', 'SQL_PARSE_ERROR'],
];

const LEGITIMATE = [
  'SELECT `owner`, "balance" FROM accounts ORDER BY balance DESC LIMIT 3',
  "SELECT 'DELETE FROM accounts; DROP TABLE accounts' AS text",
  'SELECT count(*) FROM accounts -- ; DROP TABLE accounts',
  'SELECT /* ; DELETE FROM accounts */ count(*) FROM accounts',
  "SELECT 'sleep(5)' AS looks_like_a_call, 'it''s' AS quoted",
  "SELECT '--x /*! not run */' AS text, owner FROM accounts -- a comment\nLIMIT 1",
  'WITH rich AS (SELECT * FROM accounts WHERE balance > 100) SELECT count(*) FROM rich',
  "SELECT DATE_FORMAT(opened, '%Y-%m') AS month, count(*) AS n FROM accounts GROUP BY DATE_FORMAT(opened, '%Y-%m') ORDER BY 1",
  'SELECT id, row_number() OVER (ORDER BY balance DESC) AS rank_in_bank FROM accounts',
  'SELECT "a"."owner", "b"."city" FROM "accounts" AS "a" JOIN "branches" AS "b" ON "b"."id" = "a"."id" % 3 + 1 WHERE "a"."id" < 5',
  "SELECT CASE WHEN balance > 100 THEN 'big' ELSE 'small' END AS size FROM accounts",
  'SELECT a.owner, b.city FROM accounts a JOIN branches b ON b.id = a.id % 3 + 1',
  "SELECT owner FROM accounts WHERE owner LIKE '%;%' OR owner = 'a''b'",
  'SELECT owner FROM accounts WHERE id IN (SELECT id FROM accounts WHERE balance > 10) ORDER BY id',
];

const FIXTURE = [
  'CREATE TABLE branches (id INT PRIMARY KEY, city VARCHAR(40))',
  "INSERT INTO branches VALUES (1, 'Pune'), (2, 'Lyon'), (3, 'Quito')",
  'CREATE TABLE accounts (id INT PRIMARY KEY, owner VARCHAR(40), balance DECIMAL(12,2), opened DATE)',
  `INSERT INTO accounts VALUES ${Array.from({ length: 60 }, (_, index) => `(${index + 1}, 'owner ${index + 1}', ${(index * 13.5).toFixed(2)}, '2024-0${(index % 9) + 1}-15')`).join(', ')}`,
  'CREATE PROCEDURE drain_accounts() DELETE FROM accounts',
  'CREATE SEQUENCE ticket_numbers',
];

describe.skipIf(!available)('read-only guard on MySQL/MariaDB', () => {
  let database: MysqlTestDatabase;
  let connector: MysqlConnector;
  let before: string;

  /** CHECKSUM TABLE of every table, the table list and the sequence's next value, as one text. */
  async function checksum(): Promise<string> {
    const tables = await database.select(`SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = '${database.name}' ORDER BY TABLE_NAME`);
    const sums = await database.select('CHECKSUM TABLE accounts, branches');
    const sequence = await database.select('SELECT next_not_cached_value AS next FROM ticket_numbers');
    return JSON.stringify({ tables, sums, sequence });
  }

  beforeAll(async () => {
    database = await createMysqlTestDatabase('guard', FIXTURE);
    connector = await openMysqlConnector({ name: 'guard', url: database.url });
    before = await checksum();
  });
  afterAll(async () => {
    await connector?.close();
    await database?.drop();
  });

  it('has at least twenty hostile MySQL statements to refuse', () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(20);
  });

  it.each(HOSTILE.map(([sql, code]) => [code, sql]))('refuses with %s: %s', async (code, sql) => {
    await expect(assertReadOnly(connector, sql)).rejects.toMatchObject({ code, details: { sql } });
    await expect(connector.query(sql)).rejects.toMatchObject({ code });
  });

  it.each(LEGITIMATE)('lets a legitimate SELECT through and runs it: %s', async (sql) => {
    await expect(assertReadOnly(connector, sql)).resolves.toBeUndefined();
    await expect(connector.query(sql)).resolves.toMatchObject({ truncated: false });
  });

  it('refuses writes in the engine when they are sent past the guard, and every table is unchanged', async () => {
    for (const [sql] of HOSTILE.filter(([, , past]) => past === 'engine-refuses')) {
      await expect(connector.runInternal(sql), sql).rejects.toMatchObject({ code: 'CONNECTOR_PERMISSION_DENIED' });
    }
    expect(await checksum()).toBe(before);
    expect(existsSync(outFile)).toBe(false);
    expect(await database.select("SELECT IS_USED_LOCK('insightx') AS holder")).toEqual([{ holder: null }]);
  });

  it('cancels a long SLEEP when its AbortSignal fires: the server ends it (processlist)', async () => {
    const controller = new AbortController();
    const marker = `insightx_cancel_${randomBytes(3).toString('hex')}`;
    const running = connector.runInternal(`SELECT SLEEP(30) AS ${marker}`, [], { signal: controller.signal, timeoutMs: 60_000 });
    await waitFor(async () => (await processesRunning(marker)) === 1);
    controller.abort();
    await expect(running).rejects.toMatchObject({ code: 'CONNECTOR_QUERY_CANCELLED' });
    await waitFor(async () => (await processesRunning(marker)) === 0);
    expect(await processesRunning(marker)).toBe(0);
    expect((await connector.query('SELECT count(*) FROM accounts')).rows).toEqual([[60]]);
  });

  it('stops a long user query at its timeout: the server ends it (processlist)', async () => {
    const sql = 'SELECT count(*) AS insightx_timeout_probe FROM accounts a, accounts b, accounts c, accounts d, accounts e WHERE a.balance + b.balance + c.balance + d.balance + e.balance > -1';
    await expect(connector.query(sql, { timeoutMs: 500 })).rejects.toMatchObject({ code: 'CONNECTOR_QUERY_TIMEOUT' });
    await waitFor(async () => (await processesRunning('insightx_timeout_probe')) === 0);
    expect(await processesRunning('insightx_timeout_probe')).toBe(0);
  });

  async function processesRunning(marker: string): Promise<number> {
    const rows = await database.select(`SELECT count(*) AS n FROM information_schema.PROCESSLIST WHERE INFO LIKE '%${marker}%' AND INFO NOT LIKE '%PROCESSLIST%'`);
    return Number(rows[0].n);
  }
});

/** Polls until `check` holds (the server needs a moment to start or end a statement); fails if it never does. */
async function waitFor(check: () => Promise<boolean>, attempts = 200): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the server never reached the expected state (see the processlist)');
}

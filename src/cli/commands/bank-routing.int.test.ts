import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBank, type SeededBank } from '../../../scripts/seed-bank.js';
import { mysqlProblem, postgresProblem, requireService, TEST_DATABASE_URL, TEST_MYSQL_URL } from '../../../test/support/services.js';
import { runCli } from '../main.js';

const pgAvailable = requireService('postgres', await postgresProblem(), 'Routing questions across the bank databases');
const myAvailable = requireService('mysql', await mysqlProblem(), 'Routing questions across the bank databases');

async function cli(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    cwd,
    env: { PG_PASSWORD: 'unused-with-trust-auth' },
    stdout: { write: (text: string) => ((out += text), true) },
    stderr: { write: (text: string) => ((err += text), true) },
  });
  return { code, out, err };
}

async function pgValue(url: string, sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number(Object.values((await client.query(sql)).rows[0])[0]);
  } finally {
    await client.end();
  }
}

async function myValue(url: string, sql: string): Promise<number> {
  const connection = await mysql.createConnection({ uri: url });
  try {
    const [rows] = await connection.query(sql);
    return Number(Object.values((rows as Record<string, unknown>[])[0])[0]);
  } finally {
    await connection.end();
  }
}

type Db = 'customers' | 'accounts' | 'loans' | 'employees';

/** Each question, the database it belongs to, and the number SQL written by hand gives. */
const QUESTIONS: { question: string; db: Db; sql: string }[] = [
  { question: 'How many customers are there?', db: 'customers', sql: 'SELECT count(*) FROM customers' },
  { question: 'How many customers live in Porto?', db: 'customers', sql: "SELECT count(*) FROM customers WHERE city = 'Porto'" },
  { question: 'How many business customers are there?', db: 'customers', sql: "SELECT count(*) FROM customers WHERE segment = 'business'" },
  { question: 'How many branches are there?', db: 'customers', sql: 'SELECT count(*) FROM branches' },
  { question: 'What is the total balance of all accounts?', db: 'accounts', sql: 'SELECT sum(balance) FROM accounts' },
  { question: 'How many savings accounts are there?', db: 'accounts', sql: "SELECT count(*) FROM accounts WHERE account_type = 'savings'" },
  { question: 'How many transactions went through the atm channel?', db: 'accounts', sql: "SELECT count(*) FROM transactions WHERE channel = 'atm'" },
  { question: 'How many loans are defaulted?', db: 'loans', sql: "SELECT count(*) FROM loans WHERE loan_status = 'defaulted'" },
  { question: 'What is the average interest rate of loans?', db: 'loans', sql: 'SELECT avg(interest_rate) FROM loans' },
  { question: 'What is the total paid amount of repayments?', db: 'loans', sql: 'SELECT sum(paid_amount) FROM repayments' },
  { question: 'What is the average salary of employees?', db: 'employees', sql: 'SELECT avg(salary) FROM employees' },
  { question: 'How many employees are analysts?', db: 'employees', sql: "SELECT count(*) FROM employees WHERE job_title = 'analyst'" },
];

describe.skipIf(!pgAvailable || !myAvailable)('routing questions across three PostgreSQL databases and one MariaDB database', () => {
  let bank: SeededBank;
  let cwd: string;
  const names: Record<Db, string> = { customers: 'customer_db', accounts: 'accounts_db', loans: 'loans_db', employees: 'employees_db' };

  beforeAll(async () => {
    bank = await seedBank(TEST_DATABASE_URL, TEST_MYSQL_URL);
    cwd = mkdtempSync(path.join(tmpdir(), 'insightx-bank-'));
    for (const db of Object.keys(names) as Db[]) {
      const added = await cli(cwd, 'datasource', 'add', names[db], bank.urls[db]);
      expect(added.err).toBe('');
      expect(added.code).toBe(0);
    }
  }, 120_000);
  afterAll(async () => {
    await bank?.drop();
    if (cwd) rmSync(cwd, { recursive: true, force: true });
  });

  it.each(QUESTIONS)('"$question" goes to the $db database and answers with the hand-written SQL\'s number', async ({ question, db, sql }) => {
    const asked = await cli(cwd, 'ask', question, '--json');
    const result = JSON.parse(asked.out) as { datasource: string; datasourceReason: string; rows: unknown[][]; events: { type: string; datasourceScores?: unknown[] }[] };
    expect(result.datasource).toBe(names[db]);
    expect(result.datasourceReason).toMatch(/^it has /);
    const decided = result.events.find((event) => event.type === 'route-decided');
    expect(decided?.datasourceScores).toHaveLength(4);
    const expected = db === 'employees' ? await myValue(bank.urls[db], sql) : await pgValue(bank.urls[db], sql);
    expect(result.rows).toHaveLength(1);
    expect(Number(result.rows[0][result.rows[0].length - 1])).toBeCloseTo(expected, 2);
  }, 120_000);

  it('prints which datasource answered and why', async () => {
    const asked = await cli(cwd, 'ask', 'How many loans are defaulted?');
    expect(asked.out).toMatch(/^Datasource: loans_db \(it has /m);
  }, 120_000);

  it('answers a question that needs two databases with where each part lives, an offer, and no number', async () => {
    const asked = await cli(cwd, 'ask', 'What is the average salary of employees in the Risk department per customer city?');
    expect(asked.code).toBe(0);
    expect(asked.out).toMatch(/lives in employees_db/);
    expect(asked.out).toMatch(/lives in customer_db/);
    expect(asked.out).toContain('separately');
    expect(asked.out).not.toMatch(/\d/);
  }, 120_000);
});

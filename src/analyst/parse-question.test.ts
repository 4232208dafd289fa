import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileRows } from './fixtures/profile-rows.js';
import { flightsTable, paymentsTable } from './fixtures/sample-tables.js';
import { openDuckDb, openSqlite, type FixtureDb, type Row } from './fixtures/fixture-db.js';
import { parseQuestion } from './parse-question.js';
import type { SqlParse } from './parse-types.js';

const tables = [paymentsTable(), flightsTable()];

/** Rows as comparable values: numbers rounded, column names ignored, order kept. */
function values(rows: Row[]): unknown[][] {
  return rows.map((row) => Object.values(row).map((v) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Math.round(Number(v) * 1e6) / 1e6 : v)));
}

function sqlOf(question: string, dialect: 'duckdb' | 'sqlite', history: { question: string; sql: string | null }[] = []): SqlParse {
  const parse = parseQuestion(question, { dna: profileRows(tables, dialect), history })[0];
  expect(parse.kind, `${question} → ${JSON.stringify(parse)}`).toBe('sql');
  return parse as SqlParse;
}

const DUCKDB_CASES: [string, string][] = [
  ['What is the average transaction amount?', 'SELECT avg(amount) FROM payments'],
  ['How many payments are there?', 'SELECT count(*) FROM payments'],
  ["What's the failure rate for Android users?", "SELECT avg(CASE WHEN status = 'failed' THEN 1.0 ELSE 0 END) FROM payments WHERE device_type = 'Android'"],
  ['How many failed payments in 2024?', "SELECT count(*) FROM payments WHERE status = 'failed' AND year(created_at) = 2024"],
  ['total revenue by state', 'SELECT state, sum(amount) AS s FROM payments GROUP BY state ORDER BY s DESC'],
  ['Top 3 states by revenue', 'SELECT state, sum(amount) AS s FROM payments GROUP BY state ORDER BY s DESC LIMIT 3'],
  ['Which bank has the highest failure rate?', "SELECT bank, avg(CASE WHEN status = 'failed' THEN 1.0 ELSE 0 END) AS r FROM payments GROUP BY bank ORDER BY r DESC LIMIT 1"],
  ['Which bank has the lowest average amount?', 'SELECT bank, avg(amount) AS a FROM payments GROUP BY bank ORDER BY a ASC LIMIT 1'],
  ['monthly revenue', "SELECT strftime(created_at, '%Y-%m') AS m, sum(amount) FROM payments GROUP BY m ORDER BY m"],
  ['number of payments per quarter', "SELECT CAST(date_trunc('quarter', created_at) AS DATE) AS q, count(*) FROM payments GROUP BY q ORDER BY q"],
  ['Android vs iOS failure rate', "SELECT device_type, avg(CASE WHEN status = 'failed' THEN 1.0 ELSE 0 END) AS r FROM payments WHERE device_type IN ('Android', 'iOS') GROUP BY device_type ORDER BY r DESC"],
  ['How many payments over 500 in Q1 2024?', "SELECT count(*) FROM payments WHERE amount > 500 AND created_at >= '2024-01-01' AND created_at < '2024-04-01'"],
  ['number of payments between 100 and 200', 'SELECT count(*) FROM payments WHERE amount BETWEEN 100 AND 200'],
  ['median amount by device', 'SELECT device_type, median(amount) AS m FROM payments GROUP BY device_type ORDER BY m DESC'],
  ['maximum amount in March', "SELECT max(amount) FROM payments WHERE month(created_at) = 3 AND year(created_at) = 2024"],
  ['How many distinct banks are there?', 'SELECT count(DISTINCT bank) FROM payments'],
  ['fraud rate by bank', 'SELECT bank, avg(CASE WHEN is_fraud_flagged THEN 1.0 ELSE 0 END) AS r FROM payments GROUP BY bank ORDER BY r DESC'],
  ['share of failed payments', "SELECT avg(CASE WHEN status = 'failed' THEN 1.0 ELSE 0 END) FROM payments"],
  ['total amount of pending payments on web in the last 30 days', "SELECT sum(amount) FROM payments WHERE status = 'pending' AND device_type = 'Web' AND created_at >= '2024-12-02' AND created_at < '2025-01-01'"],
  ['average amount for HDFC and SBI by month', "SELECT strftime(created_at, '%Y-%m') AS m, avg(amount) FROM payments WHERE bank IN ('HDFC', 'SBI') GROUP BY m ORDER BY m"],
  ['failure rate excluding Web', "SELECT avg(CASE WHEN status = 'failed' THEN 1.0 ELSE 0 END) FROM payments WHERE device_type <> 'Web'"],
  ['how many payments from andriod in karnataka', "SELECT count(*) FROM payments WHERE device_type = 'Android' AND state = 'Karnataka'"],
  ['What is the largest transaction amount?', 'SELECT max(amount) FROM payments'],
  ['What is the total amount of successful payments?', "SELECT sum(amount) FROM payments WHERE status = 'success'"],
  ['Top 3 banks by number of payments', 'SELECT bank, count(*) AS c FROM payments GROUP BY bank ORDER BY c DESC LIMIT 3'],
  ['failure rate by device and bank', "SELECT device_type, bank, avg(CASE WHEN status = 'failed' THEN 1.0 ELSE 0 END) AS r FROM payments GROUP BY device_type, bank ORDER BY r DESC"],
  ['How many payments came from customers aged 50+?', "SELECT count(*) FROM payments WHERE customer_age_group = '50+'"],
  // An unrelated schema, to show nothing above is tuned to payments.
  ['average arrival delay by carrier', 'SELECT carrier, avg(arrivalDelayMinutes) AS d FROM flights GROUP BY carrier ORDER BY d DESC'],
  ['How many flights were cancelled in 2024?', "SELECT count(*) FROM flights WHERE cancelled AND year(flightDate) = 2024"],
  ['Which carrier has the longest total distance miles?', 'SELECT carrier, sum(distanceMiles) AS s FROM flights GROUP BY carrier ORDER BY s DESC LIMIT 1'],
  ['number of flights from JFK to LAX', "SELECT count(*) FROM flights WHERE originAirport = 'JFK' AND destAirport = 'LAX'"],
  ['flights with arrival delay over 60 minutes by origin airport', 'SELECT originAirport, count(*) AS c FROM flights WHERE arrivalDelayMinutes > 60 GROUP BY originAirport ORDER BY c DESC'],
];

describe('parseQuestion on DuckDB', () => {
  let db: FixtureDb;
  beforeAll(async () => { db = await openDuckDb(tables); });
  afterAll(() => db.close());
  for (const [question, handSql] of DUCKDB_CASES) {
    it(`answers "${question}" like the hand-written SQL`, async () => {
      const parse = sqlOf(question, 'duckdb');
      const ours = values(await db.query(parse.sql));
      const theirs = values(await db.query(handSql));
      // Our SQL may add a share column after the hand-written ones; compare the leading columns.
      expect(ours.map((row) => row.slice(0, theirs[0]?.length ?? 0))).toEqual(theirs);
    });
  }
});

const SQLITE_CASES: [string, string][] = [
  ['monthly revenue', "SELECT strftime('%Y-%m', created_at) AS m, sum(amount) FROM payments GROUP BY m ORDER BY m"],
  ['weekly number of payments', "SELECT date(created_at, '-' || ((CAST(strftime('%w', created_at) AS INTEGER) + 6) % 7) || ' days') AS w, count(*) FROM payments GROUP BY w ORDER BY w"],
  ['median amount', 'SELECT avg(amount) FROM (SELECT amount FROM payments ORDER BY amount LIMIT 2 - (SELECT count(*) FROM payments) % 2 OFFSET ((SELECT count(*) FROM payments) - 1) / 2)'],
  ['median amount by device', 'SELECT device_type, avg(amount) AS m FROM (SELECT device_type, amount, row_number() OVER (PARTITION BY device_type ORDER BY amount) AS rn, count(*) OVER (PARTITION BY device_type) AS n FROM payments) WHERE rn >= n / 2.0 AND rn <= n / 2.0 + 1 GROUP BY device_type ORDER BY m DESC'],
  ['How many flights were cancelled?', 'SELECT count(*) FROM flights WHERE cancelled'],
  ['failure rate by quarter', "SELECT strftime('%Y', created_at) || '-' || printf('%02d', ((CAST(strftime('%m', created_at) AS INTEGER) - 1) / 3) * 3 + 1) || '-01' AS q, avg(CASE WHEN status = 'failed' THEN 1.0 ELSE 0 END) FROM payments GROUP BY q ORDER BY q"],
];

describe('parseQuestion on SQLite', () => {
  let db: FixtureDb;
  beforeAll(() => { db = openSqlite(tables); });
  afterAll(() => db.close());
  for (const [question, handSql] of SQLITE_CASES) {
    it(`answers "${question}" like the hand-written SQL`, async () => {
      const ours = values(await db.query(sqlOf(question, 'sqlite').sql));
      const theirs = values(await db.query(handSql));
      expect(ours.map((row) => row.slice(0, theirs[0]?.length ?? 0))).toEqual(theirs);
    });
  }
});

describe('follow-up questions', () => {
  it('carries the measure of the previous turn and swaps the segment', async () => {
    const first = sqlOf("What's the failure rate for Android users?", 'duckdb');
    const second = sqlOf('and for iOS?', 'duckdb', [{ question: "What's the failure rate for Android users?", sql: first.sql }]);
    expect(second.sql).toContain("device_type = 'iOS'");
    expect(second.sql).not.toContain('Android');
    expect(second.frame.measures[0].label).toBe('failure_rate');
  });
  it('adds a period to the previous question', () => {
    const history = [{ question: 'total revenue by state', sql: null }];
    const next = sqlOf('what about in Q2?', 'duckdb', history);
    expect(next.frame.groupBy[0].column.column).toBe('state');
    expect(next.sql).toContain("created_at >= '2024-04-01'");
    expect(next.sql).toContain("created_at < '2024-07-01'");
  });
});

describe('refusals and clarifications', () => {
  const dna = profileRows(tables);
  it('refuses a question the data cannot answer, naming what is missing', () => {
    const parse = parseQuestion("what's the weather in Paris", { dna })[0];
    expect(parse.kind).toBe('refuse');
    expect(parse.kind === 'refuse' && parse.reason).toMatch(/weather/);
  });
  it('refuses a metric with no column behind it', () => {
    const parse = parseQuestion('What is the customer churn?', { dna })[0];
    expect(parse.kind).toBe('refuse');
    expect(parse.kind === 'refuse' && parse.reason).toMatch(/churn/);
  });
  it('asks what to rank by when a ranking names no measure', () => {
    const parse = parseQuestion('top 5 states', { dna })[0];
    expect(parse.kind).toBe('clarify');
    expect(parse.kind === 'clarify' && parse.options.length).toBeGreaterThanOrEqual(2);
  });
  it('asks which table when two tables fit equally', () => {
    const twin = profileRows([paymentsTable(), { ...paymentsTable(), name: 'payments_archive' }]);
    const parse = parseQuestion('average amount', { dna: twin })[0];
    expect(parse.kind).toBe('clarify');
  });
});

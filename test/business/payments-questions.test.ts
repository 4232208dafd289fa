import { describe, expect, it } from 'vitest';
import { useBusinessRuntime } from './business-runtime.js';
import { checkOutcome, itAnswersEachCase, type BusinessCase } from './business-checks.js';
import { showsNumber } from './answer-numbers.js';

const FAILED = "avg(CASE WHEN status = 'failed' THEN 1 ELSE 0 END)";

/** Questions about the 1M-row `payments` table, each with the query a person would write. */
const cases: BusinessCase[] = [
  // one number
  { question: 'What is the average transaction amount?', expect: { kind: 'value', sql: 'SELECT avg(amount) FROM payments' } },
  { question: 'How many payments are there?', expect: { kind: 'value', sql: 'SELECT count(*) FROM payments' } },
  { question: 'What is the total payment amount?', expect: { kind: 'value', sql: 'SELECT sum(amount) FROM payments' } },
  { question: 'What is the largest transaction amount?', expect: { kind: 'value', sql: 'SELECT max(amount) FROM payments' } },
  { question: 'What is the smallest payment amount?', expect: { kind: 'value', sql: 'SELECT min(amount) FROM payments' } },
  { question: 'What is the median transaction amount?', expect: { kind: 'value', sql: 'SELECT median(amount) FROM payments' } },
  { question: 'What is the overall failure rate?', expect: { kind: 'value', sql: `SELECT ${FAILED} FROM payments` } },
  { question: 'How many payments failed?', expect: { kind: 'value', sql: "SELECT count(*) FROM payments WHERE status = 'failed'" } },
  { question: 'How many payments are pending?', expect: { kind: 'value', sql: "SELECT count(*) FROM payments WHERE status = 'pending'" } },
  { question: "What's the failure rate on iOS?", expect: { kind: 'value', sql: `SELECT ${FAILED} FROM payments WHERE device_type = 'iOS'` } },
  { question: 'What is the failure rate for Web payments?', expect: { kind: 'value', sql: `SELECT ${FAILED} FROM payments WHERE device_type = 'Web'` } },
  { question: 'What is the average amount of UPI payments?', expect: { kind: 'value', sql: "SELECT avg(amount) FROM payments WHERE payment_method = 'UPI'" } },
  { question: 'How many payments were flagged as fraud?', expect: { kind: 'value', sql: 'SELECT count(*) FROM payments WHERE is_fraud_flagged' } },
  { question: 'What is the failure rate in Maharashtra?', expect: { kind: 'value', sql: `SELECT ${FAILED} FROM payments WHERE state = 'Maharashtra'` } },
  { question: 'What is the total amount of successful payments?', expect: { kind: 'value', sql: "SELECT sum(amount) FROM payments WHERE status = 'success'" } },
  { question: 'What is the average amount of payments on 3G networks?', expect: { kind: 'value', sql: "SELECT avg(amount) FROM payments WHERE network_type = '3G'" } },
  { question: 'How many payments were made in March 2024?', expect: { kind: 'value', sql: "SELECT count(*) FROM payments WHERE created_at >= '2024-03-01' AND created_at < '2024-04-01'" } },
  { question: 'What was the total payment amount in Q1 2024?', expect: { kind: 'value', sql: "SELECT sum(amount) FROM payments WHERE created_at >= '2024-01-01' AND created_at < '2024-04-01'" } },
  // "Last month" is relative to the data's latest date (2024-12-31): the data's latest month, December.
  { question: 'How many payments were made last month?', expect: { kind: 'value', sql: "SELECT count(*) FROM payments WHERE created_at >= '2024-12-01' AND created_at < '2025-01-01'" } },
  { question: 'What is the average amount of payments over 10000?', expect: { kind: 'value', sql: 'SELECT avg(amount) FROM payments WHERE amount > 10000' } },
  { question: 'How many payments are between 500 and 1000?', expect: { kind: 'value', sql: 'SELECT count(*) FROM payments WHERE amount BETWEEN 500 AND 1000' } },
  { question: 'How many distinct banks are there?', expect: { kind: 'value', sql: 'SELECT count(DISTINCT bank) FROM payments' } },
  { question: 'How many payments came from Tier 1 cities?', expect: { kind: 'value', sql: "SELECT count(*) FROM payments WHERE city_tier = 'Tier 1'" } },
  { question: 'What is the failure rate for HDFC Bank?', expect: { kind: 'value', sql: `SELECT ${FAILED} FROM payments WHERE bank = 'HDFC Bank'` } },
  { question: 'What is the failure rate of Android payments on WiFi?', expect: { kind: 'value', sql: `SELECT ${FAILED} FROM payments WHERE device_type = 'Android' AND network_type = 'WiFi'` } },
  // breakdowns and rankings
  { question: 'Failure rate by device type', expect: { kind: 'ranking', sql: `SELECT device_type, ${FAILED} AS r FROM payments GROUP BY 1 ORDER BY r DESC` } },
  { question: 'Average amount by state', expect: { kind: 'ranking', sql: 'SELECT state, avg(amount) AS a FROM payments GROUP BY 1 ORDER BY a DESC' } },
  { question: 'Number of payments by payment method', expect: { kind: 'ranking', sql: 'SELECT payment_method, count(*) AS n FROM payments GROUP BY 1 ORDER BY n DESC' } },
  { question: 'Failure rate by bank', expect: { kind: 'ranking', sql: `SELECT bank, ${FAILED} AS r FROM payments GROUP BY 1 ORDER BY r DESC` } },
  { question: 'Total amount by merchant category', expect: { kind: 'ranking', sql: 'SELECT merchant_category, sum(amount) AS s FROM payments GROUP BY 1 ORDER BY s DESC' } },
  { question: 'Failure rate by network type', expect: { kind: 'ranking', sql: `SELECT network_type, ${FAILED} AS r FROM payments GROUP BY 1 ORDER BY r DESC` } },
  { question: 'Which state has the highest failure rate?', expect: { kind: 'ranking', sql: `SELECT state, ${FAILED} AS r FROM payments GROUP BY 1 ORDER BY r DESC LIMIT 1` } },
  { question: 'Which bank has the lowest failure rate?', expect: { kind: 'ranking', sql: `SELECT bank, ${FAILED} AS r FROM payments GROUP BY 1 ORDER BY r ASC LIMIT 1` } },
  { question: 'Top 5 states by total amount', expect: { kind: 'ranking', sql: 'SELECT state, sum(amount) AS s FROM payments GROUP BY 1 ORDER BY s DESC LIMIT 5' } },
  { question: 'Top 3 merchant categories by number of payments', expect: { kind: 'ranking', sql: 'SELECT merchant_category, count(*) AS n FROM payments GROUP BY 1 ORDER BY n DESC LIMIT 3' } },
  { question: 'Bottom 3 banks by average amount', expect: { kind: 'ranking', sql: 'SELECT bank, avg(amount) AS a FROM payments GROUP BY 1 ORDER BY a ASC LIMIT 3' } },
  { question: 'Number of payments per customer age group', expect: { kind: 'ranking', sql: 'SELECT customer_age_group, count(*) AS n FROM payments GROUP BY 1 ORDER BY n DESC' } },
  { question: 'Failure rate by city tier', expect: { kind: 'ranking', sql: `SELECT city_tier, ${FAILED} AS r FROM payments GROUP BY 1 ORDER BY r DESC` } },
  { question: 'Failure rate by app version', expect: { kind: 'ranking', sql: `SELECT app_version, ${FAILED} AS r FROM payments GROUP BY 1 ORDER BY r DESC` } },
  { question: 'Number of failed payments by failure reason', expect: { kind: 'ranking', sql: "SELECT failure_reason, count(*) AS n FROM payments WHERE status = 'failed' GROUP BY 1 ORDER BY n DESC" } },
  // time series
  { question: 'Number of payments per month', expect: { kind: 'series', sql: "SELECT date_trunc('month', created_at) AS m, count(*) FROM payments GROUP BY 1 ORDER BY 1" } },
  { question: 'Failure rate by month', expect: { kind: 'series', sql: `SELECT date_trunc('month', created_at) AS m, ${FAILED} FROM payments GROUP BY 1 ORDER BY 1` } },
  { question: 'Total payment amount per quarter', expect: { kind: 'series', sql: "SELECT date_trunc('quarter', created_at) AS q, sum(amount) FROM payments GROUP BY 1 ORDER BY 1" } },
  { question: 'Daily number of payments in December 2024', expect: { kind: 'series', sql: "SELECT date_trunc('day', created_at) AS d, count(*) FROM payments WHERE created_at >= '2024-12-01' AND created_at < '2025-01-01' GROUP BY 1 ORDER BY 1" } },
  { question: 'Weekly number of payments', expect: { kind: 'series', sql: "SELECT date_trunc('week', created_at) AS w, count(*) FROM payments GROUP BY 1 ORDER BY 1" } },
  // comparisons
  {
    question: 'Android vs iOS failure rate',
    expect: { kind: 'values', sql: `SELECT (SELECT ${FAILED} FROM payments WHERE device_type = 'Android'), (SELECT ${FAILED} FROM payments WHERE device_type = 'iOS')` },
  },
  {
    question: 'Compare the average amount of UPI and card payments',
    expect: { kind: 'values', sql: "SELECT (SELECT avg(amount) FROM payments WHERE payment_method = 'UPI'), (SELECT avg(amount) FROM payments WHERE payment_method = 'card')" },
  },
];

describe('business questions on payments (full pipeline, embedded model)', () => {
  const runtime = useBusinessRuntime();
  itAnswersEachCase(cases, runtime);

  it("What's the failure rate for Android users? — the Android share of failed payments, compared with the overall rate", async () => {
    const outcome = await runtime().ask("What's the failure rate for Android users?");
    const [[android, overall]] = (await runtime().query(
      `SELECT (SELECT ${FAILED} FROM payments WHERE device_type = 'Android'), (SELECT ${FAILED} FROM payments)`,
    )) as number[][];
    checkOutcome(outcome, [[android]], { kind: 'value', sql: '' });
    expect(showsNumber(outcome.answer, overall), `answer compares with the overall ${overall}: ${outcome.answer}`).toBe(true);
    expect(outcome.answer).toMatch(/above|below|in line with/);
  });

  it('Distribution of payment amounts — buckets that add up to every payment', async () => {
    const outcome = await runtime().ask('Distribution of payment amounts');
    const [[total]] = (await runtime().query('SELECT count(*) FROM payments')) as number[][];
    expect(outcome.status).toBe('completed');
    expect(outcome.rowCount).toBeGreaterThan(3);
    const counted = outcome.rows.reduce((sum, row) => sum + (row[row.length - 1] as number), 0);
    expect(counted, `SQL: ${outcome.sql}`).toBe(total);
    expect(outcome.chart?.type).toBe('histogram');
  });
});

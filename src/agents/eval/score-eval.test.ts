import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteConnector, type SqliteConnector } from '../../data/sqlite/sqlite-connector.js';
import type { EvalQuestion } from './eval-question.js';
import type { EvalRecord, EvalVerdict } from './run-eval.js';
import { withLegacyDoubleQuotes } from './legacy-double-quotes.js';
import { formatOutcomeSummary, scoreRecord, summarizeOutcomes, type RunRows } from './score-eval.js';

let dir: string;
let connector: SqliteConnector;
let runRows: RunRows;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'insightx-score-'));
  const file = path.join(dir, 'shop.sqlite');
  const db = new Database(file);
  db.exec(`CREATE TABLE orders (order_id INTEGER PRIMARY KEY, city TEXT, amount REAL, status TEXT);
    INSERT INTO orders VALUES (1, 'Leeds', 10.5, 'paid'), (2, 'Leeds', 20, 'refunded'), (3, 'York', 7.25, 'paid'), (4, 'Hull', 1.0, 'paid');`);
  db.close();
  connector = await openSqliteConnector({ name: 'shop', path: file });
  runRows = async (_dbId, sql) => (await connector.query(sql)).rows;
});

afterAll(async () => {
  await connector.close();
  rmSync(dir, { recursive: true, force: true });
});

function record(verdict: EvalVerdict, sql: string | null = null): EvalRecord {
  return { id: 'q', dbId: 'shop', question: '…', route: null, status: verdict === 'failed' ? 'failed' : 'completed', verdict, sql, confidence: null, readingIndex: null, confidenceSource: null, sqlAttempts: 0, errorCode: null, errorMessage: null, elapsedMs: 0 };
}

const question = (fields: Partial<EvalQuestion>): EvalQuestion => ({ id: 'q', question: '…', dbId: 'shop', ...fields });
const perCity = question({ goldSql: 'SELECT city, count(*) FROM orders GROUP BY city' });
const topCity = question({ goldSql: 'SELECT city, sum(amount) FROM orders GROUP BY city ORDER BY 2 DESC', expect: 'answer' });

describe('scoreRecord', () => {
  it('counts an answer correct when its rows equal the gold rows on the same database, in any order', async () => {
    const scored = await scoreRecord(record('answered', "SELECT city, count(order_id) FROM orders GROUP BY city ORDER BY city DESC"), perCity, runRows);
    expect(scored).toEqual({ outcome: 'correct', reason: null });
  });

  it('counts an answer wrong when its rows differ, or come in another order where the gold orders', async () => {
    expect(await scoreRecord(record('answered', "SELECT city, count(*) FROM orders WHERE status = 'paid' GROUP BY city"), perCity, runRows)).toEqual({ outcome: 'wrong', reason: 'rows differ' });
    expect(await scoreRecord(record('answered', 'SELECT city, sum(amount) FROM orders GROUP BY city ORDER BY 2'), topCity, runRows)).toEqual({ outcome: 'wrong', reason: 'rows in another order' });
  });

  it('counts an answer whose SQL fails on the database as wrong, naming the error', async () => {
    const scored = await scoreRecord(record('answered', 'SELECT refund_amount FROM orders'), perCity, runRows);
    expect(scored.outcome).toBe('wrong');
    expect(scored.reason).toMatch(/predicted SQL failed: .*refund_amount/);
  });

  it('counts a clarification, refusal or failure on an answerable question as abstained', async () => {
    for (const verdict of ['clarified', 'refused', 'failed'] as const) {
      expect((await scoreRecord(record(verdict), perCity, runRows)).outcome, verdict).toBe('abstained');
    }
  });

  it('counts asking or refusing correct where the question expects it, and any answer there wrong', async () => {
    const refundRate = question({ expect: 'refuse' });
    const best = question({ expect: 'clarify' });
    expect((await scoreRecord(record('refused'), refundRate, runRows)).outcome).toBe('correct');
    expect((await scoreRecord(record('clarified'), best, runRows)).outcome).toBe('correct');
    expect(await scoreRecord(record('answered', 'SELECT count(*) FROM orders'), refundRate, runRows)).toEqual({ outcome: 'wrong', reason: 'answered where it should refuse' });
    expect((await scoreRecord(record('failed'), best, runRows)).outcome).toBe('abstained');
  });

  it('leaves a question unscored when its gold SQL fails or it has no gold and no expectation', async () => {
    const broken = await scoreRecord(record('answered', 'SELECT 1'), question({ goldSql: 'SELECT nope FROM orders' }), runRows);
    expect(broken.outcome).toBeNull();
    expect(broken.reason).toMatch(/^gold SQL failed/);
    expect(await scoreRecord(record('answered', 'SELECT 1'), question({}), runRows)).toEqual({ outcome: null, reason: null });
  });
});

describe('summarizeOutcomes', () => {
  it('counts correct, wrong and abstained, and the precision of answered questions', async () => {
    const items = [
      { record: record('answered', 'SELECT city, count(*) FROM orders GROUP BY city'), question: perCity },
      { record: record('answered', 'SELECT city FROM orders'), question: perCity },
      { record: record('refused'), question: perCity },
      { record: record('clarified'), question: question({ expect: 'clarify' }) },
      { record: record('answered', 'SELECT 1'), question: question({ goldSql: 'SELECT nope FROM orders' }) },
    ];
    const scored = await Promise.all(items.map(async (item) => ({ record: item.record, scored: await scoreRecord(item.record, item.question, runRows) })));
    const summary = summarizeOutcomes(scored);
    expect(summary).toMatchObject({ scored: 4, correct: 2, wrong: 1, abstained: 1, answered: 2, answeredCorrect: 1, precision: 0.5, goldErrors: 1 });
    expect(formatOutcomeSummary(summary)).toBe('4 scored: 2 correct, 1 wrong, 1 abstained; precision of answered 1/2 = 50.0%; 1 gold queries failed (not scored, see --details)');
  });
});

describe('withLegacyDoubleQuotes', () => {
  it('reads a double-quoted word that names no column as a string, as Python sqlite3 (score.py) does', async () => {
    const legacy = withLegacyDoubleQuotes(runRows);
    await expect(runRows('shop', 'SELECT count(*) FROM orders WHERE status = "paid"')).rejects.toThrow(/no such column: "paid"/);
    expect(await legacy('shop', 'SELECT count(*) FROM orders WHERE status = "paid" AND "city" <> "York"')).toEqual([[2]]);
    // A real column in double quotes stays a column; other errors still fail.
    expect(await legacy('shop', 'SELECT "city" FROM orders WHERE order_id = 3')).toEqual([['York']]);
    await expect(legacy('shop', 'SELECT refund FROM orders')).rejects.toThrow(/no such column: refund/);
  });
});

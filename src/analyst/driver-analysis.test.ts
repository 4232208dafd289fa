import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeDriverResult, isOutlierFollowUp, isWhyFollowUp, planDriverAnalysis, type PreviousResult } from './driver-analysis.js';
import { openDuckDb, openSqlite, type FixtureDb, type Row } from './fixtures/fixture-db.js';
import { profileRows } from './fixtures/profile-rows.js';
import { paymentsTable } from './fixtures/sample-tables.js';
import { parseQuestion } from './parse-question.js';
import type { Cell } from '../core/query-result.js';

const table = paymentsTable();

async function previousOf(db: FixtureDb, dialect: 'duckdb' | 'sqlite', question: string): Promise<PreviousResult> {
  const parse = parseQuestion(question, { dna: profileRows([table], dialect) })[0];
  if (parse.kind !== 'sql') throw new Error(`no SQL for ${question}`);
  const rows = await db.query(parse.sql);
  const names = Object.keys(rows[0]);
  return { sql: parse.sql, columns: names.map((name) => ({ name, type: 'VARCHAR' })), rows: rows.map((row) => names.map((name) => row[name] as Cell)) };
}

const cells = (rows: Row[]) => rows.map((row) => Object.values(row) as Cell[]);

describe('the questions it answers', () => {
  it('knows "why" questions and outlier questions about the previous answer', () => {
    for (const question of ['Why is that?', 'why?', 'and why is Android so high?', 'What drives this?', 'How come?']) expect(isWhyFollowUp(question), question).toBe(true);
    for (const question of ['Why do payments fail in the month of March across every state and bank of the country?', 'What is the failure rate?']) expect(isWhyFollowUp(question), question).toBe(false);
    expect(isOutlierFollowUp('Which of these are outliers?')).toBe(true);
    expect(isOutlierFollowUp('Are any of them unusual?')).toBe(true);
    expect(isOutlierFollowUp('Which states are outliers in failure rate?')).toBe(false);
  });
});

for (const dialect of ['duckdb', 'sqlite'] as const) {
  describe(`the driver query on ${dialect}`, () => {
    let db: FixtureDb;
    const dna = profileRows([table], dialect);
    beforeAll(async () => {
      db = dialect === 'duckdb' ? await openDuckDb([table]) : openSqlite([table]);
    });
    afterAll(() => db?.close());

    const handRate = async (where: string) =>
      Number(Object.values((await db.query(`SELECT avg(CASE WHEN status = 'failed' THEN 1.0 ELSE 0 END) AS r FROM payments WHERE ${where}`))[0])[0]);

    it('compares the top group of a breakdown with the rest, each number as written by hand', async () => {
      const previous = await previousOf(db, dialect, 'failure rate by device type');
      const plan = planDriverAnalysis(dna, previous)!;
      expect(plan.segment).toEqual({ column: 'device_type', value: 'Android' });
      expect(plan.metric.name).toBe('failure_rate');
      expect(plan.dimensions).not.toContain('device_type');
      expect(plan.dimensions).not.toContain('status');
      const rows = cells(await db.query(plan.sql));
      const [overall] = rows;
      expect(overall[0]).toBe('(overall)');
      expect(Number(overall[3])).toBeCloseTo(await handRate("device_type = 'Android'"), 12);
      expect(Number(overall[5])).toBeCloseTo(await handRate("device_type <> 'Android'"), 12);
      for (const row of rows.slice(1)) {
        const where = `CAST(${row[0]} AS VARCHAR) = '${row[1]}'`;
        expect(Number(row[3])).toBeCloseTo(await handRate(`device_type = 'Android' AND ${where}`), 12);
        expect(Number(row[5])).toBeCloseTo(await handRate(`device_type <> 'Android' AND ${where}`), 12);
      }
      // Largest |contribution| first.
      const contributions = rows.slice(1).map((row) => Math.abs(Number(row[8])));
      expect(contributions).toEqual([...contributions].sort((a, b) => b - a));
      const words = describeDriverResult(plan.sql, rows);
      expect(words).toContain('device_type = Android has failure rate');
      expect(words).toContain(`${rows[1][0]} = ${rows[1][1]}`);
    });

    it('takes the segment from the filter of a filtered question, and keeps the other filters', async () => {
      const previous = await previousOf(db, dialect, 'failure rate for iOS payments at HDFC');
      const plan = planDriverAnalysis(dna, previous)!;
      expect(plan.segment).toEqual({ column: 'device_type', value: 'iOS' });
      const [overall] = cells(await db.query(plan.sql));
      expect(Number(overall[3])).toBeCloseTo(await handRate("device_type = 'iOS' AND bank = 'HDFC'"), 12);
      expect(Number(overall[5])).toBeCloseTo(await handRate("device_type <> 'iOS' AND bank = 'HDFC'"), 12);
    });

    it('plans nothing when the previous answer was not about a segment', async () => {
      expect(planDriverAnalysis(dna, await previousOf(db, dialect, 'How many payments are there?'))).toBeNull();
      expect(planDriverAnalysis(dna, { sql: 'SELECT a.x FROM payments a JOIN other b ON a.id = b.id', columns: [], rows: [] })).toBeNull();
    });
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite, type FixtureDb } from './fixtures/fixture-db.js';
import { profileRows, type FixtureTable } from './fixtures/profile-rows.js';
import { parseQuestion } from './parse-question.js';
import type { SqlParse } from './parse-types.js';

// HR data: a nullable end date, a status column, dates stored as text (as SQLite keeps them).
const employees: FixtureTable = {
  name: 'employees',
  columns: [
    { name: 'employee_id', type: 'INTEGER', role: 'id', primaryKey: true },
    { name: 'full_name', type: 'VARCHAR', role: 'text' },
    { name: 'department', type: 'VARCHAR', role: 'dimension' },
    { name: 'hire_date', type: 'VARCHAR', role: 'text' },
    { name: 'end_date', type: 'VARCHAR', role: 'text' },
    { name: 'salary', type: 'INTEGER', role: 'measure' },
  ],
  rows: [
    [1, 'Ada', 'Engineering', '2019-03-01', null, 120],
    [2, 'Ben', 'Sales', '2020-06-15', '2024-02-01', 80],
    [3, 'Cy', 'Sales', '2020-11-30', null, 85],
    [4, 'Di', 'Engineering', '2021-01-10', null, 110],
    [5, 'Ed', 'Finance', '2022-08-08', '2024-09-30', 90],
  ],
};
// Customers whose segment is written in several cases.
const customers: FixtureTable = {
  name: 'tbl_customers',
  columns: [
    { name: 'cust_id', type: 'INTEGER', role: 'id', primaryKey: true },
    { name: 'cust_name', type: 'VARCHAR', role: 'text' },
    { name: 'segment', type: 'VARCHAR', role: 'dimension' },
  ],
  rows: [[1, 'Acme', 'retail'], [2, 'Bolt', 'Retail'], [3, 'Core', 'RETAIL'], [4, 'Dyne', 'enterprise'], [5, 'Echo', 'Enterprise']],
};

// A brand called "Units" beside a quantity column people call units.
const lines: FixtureTable = {
  name: 'order_lines',
  columns: [
    { name: 'line_id', type: 'INTEGER', role: 'id', primaryKey: true },
    { name: 'brand', type: 'VARCHAR', role: 'dimension' },
    { name: 'category', type: 'VARCHAR', role: 'dimension' },
    { name: 'quantity', type: 'INTEGER', role: 'measure' },
  ],
  rows: [[1, 'Units', 'Toys', 3], [2, 'Acme', 'Toys', 5], [3, 'Acme', 'Books', 2], [4, 'Units', 'Books', 1]],
};

const dna = profileRows([employees, customers, lines], 'sqlite');
let db: FixtureDb;

beforeAll(async () => {
  db = openSqlite([employees, customers, lines]);
});
afterAll(async () => {
  await db.close();
});

function sqlOf(question: string): SqlParse {
  const parse = parseQuestion(question, { dna })[0];
  expect(parse.kind, `${question} → ${JSON.stringify(parse)}`).toBe('sql');
  return parse as SqlParse;
}

const rowsOf = async (question: string) => (await db.query(sqlOf(question).sql)).map((row) => Object.values(row));

describe('business mechanisms of the analyst', () => {
  it('"current employees" are the ones whose end date is empty', async () => {
    const parse = sqlOf('How many current employees are there?');
    expect(parse.interpretation.restatement).toBe('Count of employees where end_date is empty');
    expect(await rowsOf('How many current employees are there?')).toEqual([[3]]);
  });

  it('the verb picks the time column: "hired in 2020" filters hire_date', async () => {
    const parse = sqlOf('How many employees were hired in 2020?');
    expect(parse.sql).toMatch(/hire_date >= '2020-01-01' AND hire_date < '2021-01-01'/);
    expect(await rowsOf('How many employees were hired in 2020?')).toEqual([[2]]);
  });

  it('grouping folds case-only variants of one category', async () => {
    expect(await rowsOf('Number of customers per segment')).toEqual([['retail', 3], ['enterprise', 2]]);
    expect(sqlOf('Number of customers per segment').interpretation.parts).toContainEqual({ role: 'grouping', text: 'segment (case folded)', words: ['segment'] });
  });

  it('a filter on a category with case variants matches every variant', async () => {
    expect(await rowsOf('How many retail customers are there?')).toEqual([[3]]);
    expect(await rowsOf('How many enterprise customers are there?')).toEqual([[2]]);
    expect(sqlOf('How many retail customers are there?').sql).toMatch(/lower\(segment\) = 'retail'/);
  });

  it('a question that opens with a named entity lists it by name; one asking a figure counts', async () => {
    expect((await rowsOf('retail customers')).sort()).toEqual([['Acme'], ['Bolt'], ['Core']]);
    expect(await rowsOf('how many retail customers')).toEqual([[3]]);
  });

  it('a filter on a category without case variants compares as stored', () => {
    expect(sqlOf('How many employees are in Sales?').sql).toMatch(/department = 'Sales'/);
  });

  it('a count per category counts rows per category, not per row key', async () => {
    const parse = sqlOf('Which departments have more than one employee?');
    expect(parse.frame.groupBy.map((group) => group.column.column)).toEqual(['department']);
    expect((await rowsOf('Which departments have more than one employee?')).sort()).toEqual([['Engineering'], ['Sales']]);
    expect(parse.interpretation.restatement).toBe('Department of employees, keeping groups where count of employees > 1');
  });

  it('a common noun equal to a cell value is not a filter: "units" is the quantity, not the brand Units', async () => {
    const parse = sqlOf('total units by category');
    expect(parse.frame.filters).toEqual([]);
    expect((await rowsOf('total units by category')).sort()).toEqual([['Books', 3], ['Toys', 8]]);
    // Written as a name, it is the brand.
    expect(sqlOf('How many order lines for Units?').sql).toMatch(/brand = 'Units'/);
  });

  it('"most common" returns the category with its count, never raw rows', async () => {
    const parse = sqlOf('What is the most common department?');
    expect(parse.frame.groupBy.map((group) => group.column.column)).toEqual(['department']);
    expect(parse.frame.limit).toBe(1);
    const rows = await rowsOf('What is the most common department?');
    expect(rows).toHaveLength(1);
    expect(rows[0][1]).toBe(2);
  });

  it('a breakdown shows the group before its measure', async () => {
    expect(await rowsOf('How many employees are in each department?')).toEqual([['Sales', 2], ['Engineering', 2], ['Finance', 1]].sort((a, b) => (b[1] as number) - (a[1] as number)));
  });
});

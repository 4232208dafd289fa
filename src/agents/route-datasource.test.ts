import { describe, expect, it } from 'vitest';
import { profileRows } from '../analyst/fixtures/profile-rows.js';
import { describeSplitAnswer, routeDatasource } from './route-datasource.js';

const customers = profileRows([
  {
    name: 'customers',
    columns: [
      { name: 'customer_id', type: 'INTEGER', role: 'id', primaryKey: true },
      { name: 'full_name', type: 'VARCHAR', role: 'text' },
      { name: 'city', type: 'VARCHAR', role: 'dimension' },
      { name: 'segment', type: 'VARCHAR', role: 'dimension' },
    ],
    rows: [[1, 'Ana Silva', 'Lisbon', 'retail'], [2, 'Ben Ito', 'Porto', 'private'], [3, 'Cleo Ward', 'Lisbon', 'retail']],
  },
], 'postgres');
const loans = profileRows([
  {
    name: 'loans',
    columns: [
      { name: 'loan_id', type: 'INTEGER', role: 'id', primaryKey: true },
      { name: 'borrower_id', type: 'INTEGER', role: 'id' },
      { name: 'principal', type: 'DOUBLE', role: 'measure' },
      { name: 'status', type: 'VARCHAR', role: 'dimension' },
    ],
    rows: [[1, 1, 1000, 'defaulted'], [2, 2, 2500, 'current'], [3, 3, 400, 'repaid']],
  },
], 'postgres');
const employees = profileRows([
  {
    name: 'employees',
    columns: [
      { name: 'employee_id', type: 'INTEGER', role: 'id', primaryKey: true },
      { name: 'department', type: 'VARCHAR', role: 'dimension' },
      { name: 'salary', type: 'DOUBLE', role: 'measure' },
    ],
    rows: [[1, 'Risk', 5000], [2, 'Lending', 4000], [3, 'Risk', 6000]],
  },
], 'mysql');
const sources = [
  { name: 'customers_db', dna: customers },
  { name: 'loans_db', dna: loans },
  { name: 'hr_db', dna: employees },
];

describe('routing a question across datasources', () => {
  it.each([
    ['average salary by department', 'hr_db'],
    ['How many loans are defaulted?', 'loans_db'],
    ['total principal by status', 'loans_db'],
    ['number of customers per city', 'customers_db'],
    ['which customers live in Lisbon', 'customers_db'],
  ])('sends "%s" to %s and says why, with every candidate scored', (question, expected) => {
    const route = routeDatasource(question, sources);
    expect(route.kind).toBe('single');
    if (route.kind !== 'single') return;
    expect(route.datasource).toBe(expected);
    expect(route.reason).toMatch(/^it has /);
    expect(route.scores.map((score) => score.datasource).sort()).toEqual(['customers_db', 'hr_db', 'loans_db']);
    expect(route.scores[0].score).toBeGreaterThan(route.scores[1].score);
  });

  it('answers a question that needs two datasources with where each part lives, an offer, and no number', () => {
    const route = routeDatasource('average salary of employees in the Lisbon city', sources);
    expect(route.kind).toBe('split');
    if (route.kind !== 'split') return;
    expect(route.parts.map((part) => part.datasource).sort()).toEqual(['customers_db', 'hr_db']);
    const answer = describeSplitAnswer(route);
    expect(answer).toMatch(/lives in hr_db/);
    expect(answer).toMatch(/lives in customers_db/);
    expect(answer).toContain('separately');
    expect(answer).not.toMatch(/\d/);
  });

  it('says no datasource fits when none names anything in the question', () => {
    expect(routeDatasource('what is the weather on Mars', sources).kind).toBe('none');
  });
});

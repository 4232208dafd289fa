import { describe, expect, it } from 'vitest';
import type { QueryResult } from '../core/query-result.js';
import { composeAnswer } from './compose-answer.js';
import { profileRows } from './fixtures/profile-rows.js';
import { flightsTable, paymentsTable } from './fixtures/sample-tables.js';
import { parseQuestion } from './parse-question.js';
import type { SqlParse } from './parse-types.js';

const dna = profileRows([paymentsTable(), flightsTable()]);
const baseline = dna.tables[0].derivedMetrics[0].baseline as number;

function result(columns: string[], rows: QueryResult['rows']): QueryResult {
  return { columns: columns.map((name) => ({ name, type: 'DOUBLE' })), rows, rowCount: rows.length, truncated: false, elapsedMs: 1 };
}

function parse(question: string): SqlParse {
  return parseQuestion(question, { dna })[0] as SqlParse;
}

describe('composeAnswer', () => {
  it('quotes the result cell and compares it with the DNA baseline', () => {
    const answer = composeAnswer({ question: 'failure rate for Android', parse: parse("What's the failure rate for Android users?"), result: result(['failure_rate'], [[0.0625]]), dna });
    expect(answer).toContain('Android');
    expect(answer).toContain('6.25%');
    const relative = Math.round(Math.abs((0.0625 - baseline) / baseline) * 100);
    expect(answer).toContain(`${relative}% ${0.0625 > baseline ? 'above' : 'below'} the overall ${(baseline * 100).toFixed(2).replace(/\.?0+$/, '')}%`);
  });

  it('formats plain numbers with thousands separators and two decimals', () => {
    const answer = composeAnswer({ question: 'average amount', parse: parse('average amount'), result: result(['avg_amount'], [[12345.678]]), dna });
    expect(answer).toContain('12,345.68');
  });

  it('names the top rows of a breakdown with their values', () => {
    const rows: QueryResult['rows'] = [['Delhi', 2500000.5], ['Kerala', 1200000], ['Gujarat', 900000], ['Goa', 10]];
    const answer = composeAnswer({ question: 'revenue by state', parse: parse('total revenue by state'), result: result(['state', 'total_amount'], rows), dna });
    expect(answer).toContain('Delhi 2,500,000.50');
    expect(answer).toContain('Kerala 1,200,000');
    expect(answer).toContain('4 groups');
  });

  it('says which group wins a superlative question', () => {
    const answer = composeAnswer({ question: 'Which bank has the highest failure rate?', parse: parse('Which bank has the highest failure rate?'), result: result(['bank', 'failure_rate'], [['ICICI', 0.08]]), dna });
    expect(answer).toMatch(/^ICICI has the highest failure rate: 8%/);
  });

  it('describes a time series by its first, last and peak periods', () => {
    const rows: QueryResult['rows'] = [['2024-01-01', 10], ['2024-02-01', 30], ['2024-03-01', 20]];
    const answer = composeAnswer({ question: 'monthly revenue', parse: parse('monthly revenue'), result: result(['month', 'total_amount'], rows), dna });
    expect(answer).toContain('from 10 in 2024-01-01 to 20 in 2024-03-01');
    expect(answer).toContain('peaking at 30 in 2024-02-01');
  });

  it('states a single listed row column by column, and counts longer lists', () => {
    const one = composeAnswer({ question: 'which bank', parse: null, result: result(['bank', 'state'], [['HDFC', 'Kerala']]), dna });
    expect(one).toBe('Bank is HDFC, state is Kerala.');
    const many = composeAnswer({ question: 'banks', parse: null, result: result(['bank'], [['HDFC'], ['SBI'], ['Axis']]), dna });
    expect(many).toBe('3 rows (bank): HDFC; SBI; Axis.');
  });

  it('says when nothing matched', () => {
    expect(composeAnswer({ question: 'x', parse: parse('average amount'), result: result(['avg_amount'], []), dna })).toMatch(/^No rows matched/);
  });

  it('every number in the answer is a result cell or the baseline comparison', () => {
    const answer = composeAnswer({ question: 'failure rate for Android', parse: parse("What's the failure rate for Android users?"), result: result(['failure_rate'], [[0.0625]]), dna });
    const numbers = answer.match(/\d[\d,.]*%?/g) ?? [];
    const relative = `${Math.round(Math.abs((0.0625 - baseline) / baseline) * 100)}%`;
    const allowed = ['6.25%', relative, `${Number((baseline * 100).toFixed(2))}%`];
    for (const n of numbers) expect(allowed).toContain(n);
  });

  it('gives a sum of a group as its share of the total, and compares averages with the overall', () => {
    const withTotals = profileRows([paymentsTable(), flightsTable()]);
    withTotals.tables[0].derivedMetrics.push(
      { name: 'total_amount', description: 'Total amount', expression: 'sum(amount)', baseline: 1650.2, unit: 'amount' },
      { name: 'average_amount', description: 'Average amount', expression: 'avg(amount)', baseline: 80.5, unit: 'amount' },
    );
    const answerFor = (question: string, columns: string[], rows: QueryResult['rows']) =>
      composeAnswer({ question, parse: parseQuestion(question, { dna: withTotals })[0] as SqlParse, result: result(columns, rows), dna: withTotals });
    const sums = answerFor('total amount by state', ['state', 'total_amount'], [['Delhi', 350.75], ['Kerala', 120]]);
    expect(sums).toContain('Delhi: 350.75, 21% of the total 1,650.20');
    expect(sums).not.toMatch(/above|below/);
    const segment = answerFor('total amount for android', ['total_amount'], [[350.75]]);
    expect(segment).toContain('350.75, 21% of the total 1,650.20');
    const averages = answerFor('average amount by state', ['state', 'average_amount'], [['Delhi', 100.625], ['Kerala', 60]]);
    expect(averages).toContain('Delhi is 25% above the overall 80.50');
  });
});

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
    expect(answer).toMatch(/^Total revenue by state: /);
    expect(answer).toContain('Goa 10');
  });

  it('says which group wins a superlative question', () => {
    const answer = composeAnswer({ question: 'Which bank has the highest failure rate?', parse: parse('Which bank has the highest failure rate?'), result: result(['bank', 'failure_rate'], [['ICICI', 0.08]]), dna });
    expect(answer).toMatch(/^ICICI has the highest failure rate, at 8%, \d+% above the overall [\d.]+%\.$/);
  });

  it('describes a time series by its first, last and peak periods', () => {
    const rows: QueryResult['rows'] = [['2024-01-01', 10], ['2024-02-01', 30], ['2024-03-01', 20]];
    const answer = composeAnswer({ question: 'monthly revenue', parse: parse('monthly revenue'), result: result(['month', 'total_amount'], rows), dna });
    expect(answer).toBe('The monthly total revenue went from 10 in Jan 2024 to 20 in Mar 2024, peaking at 30 in Feb 2024, over 3 months.');
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
    expect(sums).toContain('Delhi accounts for 21% of the total 1,650.20');
    expect(sums).not.toMatch(/above|below/);
    const segment = answerFor('total amount for android', ['total_amount'], [[350.75]]);
    expect(segment).toBe('The total amount of Android payments is 350.75, 21% of the overall total 1,650.20.');
    const averages = answerFor('average amount by state', ['state', 'average_amount'], [['Delhi', 100.625], ['Kerala', 60]]);
    expect(averages).toContain('Delhi is 25% above the overall 80.50; Kerala is 25% below it.');
  });

  it('says a filtered count as a number of rows, with value filters as words before the noun and its share of all rows', () => {
    const answer = composeAnswer({ question: 'How many payments failed?', parse: parse('How many payments failed?'), result: result(['count'], [[270]]), dna });
    expect(answer).toBe('There are 270 failed payments, 9% of all 3,000 payments.');
    const two = composeAnswer({ question: 'How many Android payments failed?', parse: parse('How many Android payments failed?'), result: result(['count'], [[135]]), dna });
    expect(two).toMatch(/^There are 135 failed Android payments, 4\.5% of all 3,000 payments\.$/);
  });

  it('says an unfiltered count or average without a comparison with itself', () => {
    expect(composeAnswer({ question: 'How many payments are there?', parse: parse('How many payments are there?'), result: result(['count'], [[3000]]), dna })).toBe('There are 3,000 payments.');
    expect(composeAnswer({ question: 'average amount', parse: parse('average amount'), result: result(['avg_amount'], [[12345.678]]), dna })).toBe('The average amount is 12,345.68.');
  });

  it('names a date range filter after the noun, with its dates when it is relative', () => {
    const quarter = composeAnswer({ question: 'How many payments in Q1 2024?', parse: parse('How many payments in Q1 2024?'), result: result(['count'], [[700]]), dna });
    expect(quarter).toMatch(/^There are 700 payments in Q1 2024, /);
    const lastMonth = composeAnswer({ question: 'How many payments failed last month?', parse: parse('How many payments failed last month?'), result: result(['count'], [[20]]), dna });
    expect(lastMonth).toMatch(/^There were 20 failed payments last month \(2024-\d\d-01 to 2024-\d\d-\d\d\), /);
  });

  it('says a rate of a segment as "the rate of <segment rows>" and compares it with the overall', () => {
    const answer = composeAnswer({ question: 'failure rate for Android', parse: parse("What's the failure rate for Android users?"), result: result(['failure_rate'], [[0.0625]]), dna });
    expect(answer).toMatch(/^The failure rate of Android payments is 6\.25%, \d+% (above|below) the overall/);
  });

  it('puts filters that are not names after the noun: "with <column> <value>", numeric ranges in words', () => {
    const status = composeAnswer({ question: 'average amount of pending payments', parse: parse('What is the average amount of pending payments?'), result: result(['average_amount'], [[80]]), dna });
    expect(status).toMatch(/^The average amount of payments with status pending is 80/);
    const over = composeAnswer({ question: 'How many payments are over 1000?', parse: parse('How many payments have amount over 1000?'), result: result(['count'], [[400]]), dna });
    expect(over).toMatch(/^There are 400 payments with amount above 1,?000/);
  });

  it('compares two segments side by side and each with the overall', () => {
    const answer = composeAnswer({ question: 'Android vs iOS failure rate', parse: parse('Android vs iOS failure rate'), result: result(['device_type', 'failure_rate'], [['Android', 0.09], ['iOS', 0.04]]), dna });
    expect(answer).toMatch(/^Android has a failure rate of 9%, against 4% for iOS\. Android is \d+% above the overall [\d.]+% and iOS \d+% below it\.$/);
  });

  it('says a top N as "the top N <groups> by <measure>" and a breakdown of a filtered count by its rows', () => {
    const top = composeAnswer({ question: 'Top 2 states by total amount', parse: parse('Top 2 states by total amount'), result: result(['state', 'total_amount'], [['Delhi', 500], ['Kerala', 300]]), dna });
    expect(top).toMatch(/^The top 2 states by total amount: Delhi 500, Kerala 300\./);
    const rows: QueryResult['rows'] = [['Delhi', 50], ['Kerala', 40], ['Goa', 30], ['Assam', 20], ['Bihar', 10], ['Punjab', 5]];
    const failed = composeAnswer({ question: 'Number of failed payments by state', parse: parse('Number of failed payments by state'), result: result(['state', 'count'], rows), dna });
    expect(failed).toMatch(/^Number of failed payments by state: Delhi 50, Kerala 40, Goa 30, … \(6 states in all\)\. Delhi accounts for 1\.67% of all 3,000 payments\.$/);
  });

  it('formats humanised column names in breakdowns', () => {
    const answer = composeAnswer({ question: 'failure rate by device type', parse: parse('failure rate by device type'), result: result(['device_type', 'failure_rate'], [['Android', 0.09], ['Web', 0.06], ['iOS', 0.04]]), dna });
    expect(answer).toMatch(/^Failure rate by device type: Android 9%, Web 6%, iOS 4%\. Android is \d+% above the overall [\d.]+%; iOS is \d+% below it\.$/);
  });

  it('sets numeric group labels apart from their values, and says when every group is in line with the overall', () => {
    const years = composeAnswer({ question: 'Number of payments by bank', parse: parse('Number of payments by bank'), result: result(['bank', 'count'], [['2015', 3], ['2014', 3]]), dna });
    expect(years).toMatch(/^Number of payments by bank: 2015: 3, 2014: 3\./);
    const flat = composeAnswer({ question: 'failure rate by device type', parse: parse('failure rate by device type'), result: result(['device_type', 'failure_rate'], [['Android', baseline], ['Web', baseline]]), dna });
    expect(flat).toMatch(/All device types are in line with the overall [\d.]+%\.$/);
  });

  it('says a boolean flag filter once, as a condition on the rows', () => {
    const answer = composeAnswer({ question: 'How many payments were flagged as fraud?', parse: parse('How many payments were flagged as fraud?'), result: result(['count'], [[50]]), dna });
    expect(answer).toBe('There are 50 payments that are fraud flagged, 1.67% of all 3,000 payments.');
  });

  it('says the group with the most rows of a filtered count', () => {
    const question = 'Which state has the most failed payments in Q1 2024?';
    const answer = composeAnswer({ question, parse: parse(question), result: result(['state', 'count'], [['Delhi', 30]]), dna });
    expect(answer).toBe('Delhi has the most failed payments in Q1 2024, at 30, 1% of all 3,000 payments.');
  });

  it('keeps the date range of a time series in its subject', () => {
    const question = 'Daily number of payments in December 2024';
    const rows: QueryResult['rows'] = [['2024-12-01', 5], ['2024-12-02', 9], ['2024-12-03', 7]];
    const answer = composeAnswer({ question, parse: parse(question), result: result(['day', 'count'], rows), dna });
    expect(answer).toBe('The daily number of payments in December 2024 went from 5 in 2024-12-01 to 7 in 2024-12-03, peaking at 9 in 2024-12-02, over 3 days.');
  });
});

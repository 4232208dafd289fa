import { describe, expect, it } from 'vitest';
import type { QueryResult } from '../core/query-result.js';
import { chooseChart } from './choose-chart.js';
import { profileRows } from './fixtures/profile-rows.js';
import { paymentsTable } from './fixtures/sample-tables.js';
import { parseQuestion } from './parse-question.js';
import type { SqlParse } from './parse-types.js';

const dna = profileRows([paymentsTable()]);
const frameOf = (question: string) => (parseQuestion(question, { dna })[0] as SqlParse).frame;
function result(columns: [string, string][], rows: QueryResult['rows']): QueryResult {
  return { columns: columns.map(([name, type]) => ({ name, type })), rows, rowCount: rows.length, truncated: false, elapsedMs: 1 };
}

describe('chooseChart', () => {
  it('shows one number as a KPI', () => {
    expect(chooseChart({ question: 'average amount', frame: frameOf('average amount'), result: result([['avg_amount', 'DOUBLE']], [[5]]) }).type).toBe('kpi');
  });
  it('draws a time series as a line over the period column', () => {
    const chart = chooseChart({ question: 'monthly revenue', frame: frameOf('monthly revenue'), result: result([['month', 'DATE'], ['total_amount', 'DOUBLE']], [['2024-01-01', 1], ['2024-02-01', 2]]) });
    expect(chart).toMatchObject({ type: 'line', x: 'month', y: ['total_amount'] });
  });
  it('draws a breakdown as bars, and shares of a few categories as a pie', () => {
    const rows: QueryResult['rows'] = [['Android', 5], ['iOS', 3]];
    expect(chooseChart({ question: 'revenue by device', frame: frameOf('revenue by device'), result: result([['device_type', 'VARCHAR'], ['total_amount', 'DOUBLE']], rows) }).type).toBe('bar');
    expect(chooseChart({ question: 'share of payments by device', frame: null, result: result([['device_type', 'VARCHAR'], ['count', 'BIGINT']], rows) }).type).toBe('pie');
  });
  it('draws a distribution as a histogram', () => {
    const chart = chooseChart({ question: 'distribution of amount', frame: frameOf('distribution of amount'), result: result([['bucket_start', 'DOUBLE'], ['count', 'BIGINT']], [[0, 5], [100, 3]]) });
    expect(chart.type).toBe('histogram');
  });
  it('emits a Recharts Viz component with default params', () => {
    const chart = chooseChart({ question: 'revenue by device?', frame: null, result: result([['device_type', 'VARCHAR'], ['total', 'DOUBLE']], [['Web', 1], ['iOS', 2]]) });
    expect(chart.code).toContain('export default function Viz({ data, params })');
    expect(chart.code).toContain("from 'recharts'");
    // With no reading, the title names the columns drawn, not the question's words.
    expect(chart.params).toMatchObject({ title: 'total by device_type', chartType: 'bar', colorScheme: 'default' });
  });
  it('titles the chart with what was computed, not with the question', () => {
    const chart = chooseChart({ question: 'how is revenue doing by device?', frame: frameOf('revenue by device'), result: result([['device_type', 'VARCHAR'], ['total_amount', 'DOUBLE']], [['Web', 1], ['iOS', 2]]) });
    expect(chart.params.title).toBe('Total amount, by device_type');
  });
});

describe('chooseChart formats ratios as percentages', () => {
  const percentOf = (code: string) => JSON.parse(/const PERCENT = (.*);/.exec(code)![1]) as string[];
  it('marks a derived-metric rate, as the answer words it', () => {
    const question = "What's the failure rate for Android users?";
    const chart = chooseChart({ question, frame: frameOf(question), dna, result: result([['failure_rate', 'DOUBLE']], [[0.054592]]) });
    expect(chart.type).toBe('kpi');
    expect(percentOf(chart.code)).toEqual(['failure_rate']);
  });
  it('marks rate-named columns holding ratios, but not percentages already scaled or plain numbers', () => {
    const chart = chooseChart({
      question: 'rates by device',
      frame: null,
      result: result([['device_type', 'VARCHAR'], ['refund_rate', 'DOUBLE'], ['discount_pct', 'DOUBLE'], ['total', 'DOUBLE']], [['Web', 0.1, 15, 1000], ['iOS', 0.2, 20, 2000]]),
    });
    expect(percentOf(chart.code)).toEqual(['refund_rate']);
  });
});

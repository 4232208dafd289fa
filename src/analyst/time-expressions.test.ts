import { describe, expect, it } from 'vitest';
import { truncateTime } from './dialect-sql.js';
import { formatPeriod } from './format-number.js';
import { classifyResultColumns } from './python/result-columns.js';
import { findTimeRanges } from './time-expressions.js';
import { tokenize } from './tokenize.js';

const range = (question: string, latest: string) => {
  const [cue] = findTimeRanges(tokenize(question), new Date(`${latest}T00:00:00Z`));
  return cue ? [cue.from, cue.to] : null;
};

describe('relative periods are the data’s latest period', () => {
  it('reads "last month", "last quarter", "last year" as the period holding the latest date', () => {
    expect(range('orders last month', '2024-12-31')).toEqual(['2024-12-01', '2025-01-01']);
    expect(range('orders last quarter', '2024-12-26')).toEqual(['2024-10-01', '2025-01-01']);
    expect(range('orders last year', '2024-12-31')).toEqual(['2024-01-01', '2025-01-01']);
  });

  it('reads "this month" and "last month" alike, and a mid-month end stays in its month', () => {
    expect(range('orders this month', '2024-06-15')).toEqual(['2024-06-01', '2024-07-01']);
    expect(range('orders last month', '2024-06-15')).toEqual(['2024-06-01', '2024-07-01']);
  });

  it('keeps "last 3 months" as a rolling window ending at the latest date', () => {
    expect(range('orders in the last 3 months', '2024-12-31')).toEqual(['2024-10-01', '2025-01-01']);
  });
});

describe('months are labelled YYYY-MM', () => {
  it('writes the month of a time column as YYYY-MM text in every dialect', () => {
    expect(truncateTime('created_at', 'month', 'sqlite')).toBe("strftime('%Y-%m', created_at)");
    expect(truncateTime('created_at', 'month', 'duckdb')).toBe("strftime(created_at, '%Y-%m')");
    expect(truncateTime('created_at', 'month', 'postgres')).toBe("to_char(created_at, 'YYYY-MM')");
    expect(truncateTime('created_at', 'month', 'clickhouse')).toBe("formatDateTime(created_at, '%Y-%m')");
  });

  it('keeps other grains as the period’s first day', () => {
    expect(truncateTime('created_at', 'year', 'sqlite')).toBe("strftime('%Y-01-01', created_at)");
    expect(truncateTime('created_at', 'day', 'postgres')).toBe("CAST(date_trunc('day', created_at) AS DATE)");
  });

  it('names a YYYY-MM month as people read it in the answer text', () => {
    expect(formatPeriod('2024-03', 'month')).toBe('Mar 2024');
    expect(formatPeriod('2024-03-01', 'month')).toBe('Mar 2024');
    // A YYYY-MM text is only read as a month where the grain is a month.
    expect(formatPeriod('2024-03', 'day')).toBe('2024-03');
  });

  it('treats a YYYY-MM column as a time axis for statistics', () => {
    const roles = classifyResultColumns(
      [{ name: 'month', type: 'VARCHAR' }, { name: 'total', type: 'DOUBLE' }],
      [['2024-01', 10], ['2024-02', 12], ['2024-03', 9]],
    );
    expect(roles.times).toEqual(['month']);
    expect(roles.numeric).toEqual(['total']);
    // A code that only looks like a month is not one.
    expect(classifyResultColumns([{ name: 'code', type: 'VARCHAR' }], [['2024-13'], ['2024-99']]).times).toEqual([]);
  });
});

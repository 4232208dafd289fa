import type { Dialect, TimeGrain } from '../../core/dna.js';
import type { Cell } from '../../core/query-result.js';
import type { TypeFamily } from './dialect-sql.js';

/**
 * Expressions whose maxima reveal the grain data is recorded at: the largest second, minute,
 * hour and day-of-month. All zero seconds, minutes and hours mean daily data; days that are
 * always the 1st mean monthly data.
 */
export function timeGrainExpressions(dialect: Dialect, quoted: string): string[] {
  if (dialect === 'sqlite') {
    return ['%S', '%M', '%H', '%d'].map((part) => `max(CAST(strftime('${part}', ${quoted}) AS INTEGER))`);
  }
  if (dialect === 'clickhouse') {
    return ['toSecond', 'toMinute', 'toHour', 'toDayOfMonth'].map((fn) => `max(${fn}(${quoted}))`);
  }
  // PostgreSQL refuses extract(hour FROM <date>); a cast to timestamp serves dates and zoned values alike.
  const value = dialect === 'postgres' ? `CAST(${quoted} AS TIMESTAMP)` : quoted;
  return ['second', 'minute', 'hour', 'day'].map((part) => `max(extract(${part} FROM ${value}))`);
}

export function timeGrainFrom(family: TypeFamily, parts: Cell[]): TimeGrain {
  const [second, minute, hour, day] = parts.map((value) => Number(value ?? 0));
  if (family !== 'date') {
    if (second > 0) return 'second';
    if (minute > 0) return 'minute';
    if (hour > 0) return 'hour';
  }
  return day === 1 ? 'month' : 'day';
}

import type { Dialect, TimeGrain } from '../core/dna.js';

const RESERVED = new Set(
  ('select from where group by order limit offset having join on as and or not in is null case when then else end ' +
    'table tables column values value index key primary foreign default check unique user date time timestamp year month day ' +
    'interval union except intersect all distinct desc asc between like count sum avg min max rank position level type name names ' +
    'to with window partition range rows over filter natural left right inner outer full cross using status start end').split(' '),
);

/** An identifier quoted only when it must be (mixed case keeps its case in PostgreSQL). */
export function quoteIdentifier(name: string): string {
  if (/^[a-z_][a-z0-9_]*$/.test(name) && !RESERVED.has(name)) return name;
  return `"${name.replace(/"/g, '""')}"`;
}

/** A literal value. */
export function literal(value: string | number | boolean): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * A time column truncated to a grain, as a value the engine can sort. A month is the text
 * 'YYYY-MM' in every dialect (as people write and read a month; it sorts as the months do);
 * other grains are the period's first day or instant.
 */
export function truncateTime(expression: string, grain: TimeGrain, dialect: Dialect): string {
  if (grain === 'month') return monthLabel(expression, dialect);
  switch (dialect) {
    case 'duckdb':
    case 'postgres':
      if (grain === 'hour' || grain === 'minute' || grain === 'second') return `date_trunc('${grain}', ${expression})`;
      return `CAST(date_trunc('${grain}', ${expression}) AS DATE)`;
    case 'clickhouse': {
      const fn: Record<TimeGrain, string> = {
        second: 'toStartOfSecond', minute: 'toStartOfMinute', hour: 'toStartOfHour', day: 'toDate',
        week: 'toMonday', month: 'toStartOfMonth', quarter: 'toStartOfQuarter', year: 'toStartOfYear',
      };
      return `${fn[grain]}(${expression})`;
    }
    case 'mysql':
      // DATE_FORMAT gives text; CAST back to DATE/DATETIME keeps it sortable and typed. Weeks start on Monday.
      switch (grain) {
        case 'year': return `CAST(DATE_FORMAT(${expression}, '%Y-01-01') AS DATE)`;
        case 'quarter': return `MAKEDATE(YEAR(${expression}), 1) + INTERVAL (QUARTER(${expression}) - 1) QUARTER`;
        case 'week': return `DATE_SUB(DATE(${expression}), INTERVAL WEEKDAY(${expression}) DAY)`;
        case 'day': return `DATE(${expression})`;
        case 'hour': return `CAST(DATE_FORMAT(${expression}, '%Y-%m-%d %H:00:00') AS DATETIME)`;
        case 'minute': return `CAST(DATE_FORMAT(${expression}, '%Y-%m-%d %H:%i:00') AS DATETIME)`;
        default: return `CAST(DATE_FORMAT(${expression}, '%Y-%m-%d %H:%i:%s') AS DATETIME)`;
      }
    case 'sqlite':
      switch (grain) {
        case 'year': return `strftime('%Y-01-01', ${expression})`;
        case 'quarter':
          return `printf('%s-%02d-01', strftime('%Y', ${expression}), ((CAST(strftime('%m', ${expression}) AS INTEGER) - 1) / 3) * 3 + 1)`;
        // Weeks start on Monday, as date_trunc('week') does.
        case 'week': return `date(${expression}, '-' || ((CAST(strftime('%w', ${expression}) AS INTEGER) + 6) % 7) || ' days')`;
        case 'day': return `date(${expression})`;
        case 'hour': return `strftime('%Y-%m-%d %H:00:00', ${expression})`;
        default: return `strftime('%Y-%m-%d %H:%M:00', ${expression})`;
      }
  }
}

/** The month of a time value as 'YYYY-MM' text. */
function monthLabel(expression: string, dialect: Dialect): string {
  switch (dialect) {
    case 'duckdb': return `strftime(${expression}, '%Y-%m')`;
    case 'postgres': return `to_char(${expression}, 'YYYY-MM')`;
    case 'clickhouse': return `formatDateTime(${expression}, '%Y-%m')`;
    case 'sqlite': return `strftime('%Y-%m', ${expression})`;
    case 'mysql': return `DATE_FORMAT(${expression}, '%Y-%m')`;
  }
}

/** A median aggregate, or null where the engine has none (SQLite: the builder ranks rows instead). */
export function medianAggregate(expression: string, dialect: Dialect): string | null {
  switch (dialect) {
    case 'duckdb':
    case 'clickhouse':
      return `median(${expression})`;
    case 'postgres':
      return `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${expression})`;
    case 'mysql': {
      // Neither server has a median aggregate (MariaDB's MEDIAN() is a window function only): the sorted
      // values are concatenated and the middle one (or the mean of the middle two) is picked. The
      // connector raises group_concat_max_len so long groups are not cut.
      const sorted = `GROUP_CONCAT(${expression} ORDER BY ${expression} SEPARATOR ',')`;
      const at = (position: string) => `CAST(SUBSTRING_INDEX(SUBSTRING_INDEX(${sorted}, ',', ${position}), ',', -1) AS DOUBLE)`;
      return `(${at(`FLOOR((count(${expression}) + 1) / 2)`)} + ${at(`FLOOR((count(${expression}) + 2) / 2)`)}) / 2`;
    }
    case 'sqlite':
      return null;
  }
}

/** Integer division toward negative infinity for bucket starts. */
export function bucketStart(expression: string, width: number, dialect: Dialect): string {
  if (dialect === 'sqlite') {
    // SQLite may lack floor(); CAST truncates toward zero, which is floor for the non-negative values histograms mostly see.
    return `(CAST(${expression} / ${width} AS INTEGER) * ${width})`;
  }
  return `(floor(${expression} / ${width}) * ${width})`;
}

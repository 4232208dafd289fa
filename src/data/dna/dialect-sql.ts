import type { Dialect } from '../../core/dna.js';

/** Type families the profiler treats differently. */
export type TypeFamily = 'integer' | 'decimal' | 'float' | 'boolean' | 'date' | 'timestamp' | 'text' | 'other';

/** The family of an engine type name, across DuckDB, SQLite (affinity rules), PostgreSQL, ClickHouse. */
export function typeFamily(type: string): TypeFamily {
  const upper = type.toUpperCase().replace(/^NULLABLE\((.*)\)$/, '$1');
  // Nested and interval types first: `INTEGER[]`, `STRUCT("a" INTEGER)` and `INTERVAL` contain "INT".
  if (/\[|^(STRUCT|MAP|UNION|LIST|ARRAY|TUPLE)\b|^INTERVAL|^TIME(\b(?!STAMP)|$)|^(BLOB|BYTEA|BIT|VARBINARY|GEOMETRY|VARIANT|JSON)\b/.test(upper)) return 'other';
  if (/^(BOOL|BOOLEAN)$/.test(upper)) return 'boolean';
  if (/TIMESTAMP|DATETIME/.test(upper)) return 'timestamp';
  if (/^DATE(32)?$/.test(upper)) return 'date';
  if (/^(DECIMAL|NUMERIC)/.test(upper)) return 'decimal';
  if (/INT/.test(upper)) return 'integer';
  if (/REAL|FLOA|DOUB/.test(upper)) return 'float';
  if (/CHAR|CLOB|TEXT|STRING|VARCHAR|UUID|ENUM/.test(upper) || upper === '') return 'text';
  return 'other';
}

export function isNumericFamily(family: TypeFamily): boolean {
  return family === 'integer' || family === 'decimal' || family === 'float';
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * A table name as SQL. PostgreSQL connectors name a table `schema.table` when two schemas
 * share the name (src/data/postgres/postgres-describe.ts): each part is quoted on its own.
 */
export function quoteTable(dialect: Dialect, name: string): string {
  const dot = name.indexOf('.');
  if (dialect !== 'postgres' || dot <= 0) return quoteIdentifier(name);
  return `${quoteIdentifier(name.slice(0, dot))}.${quoteIdentifier(name.slice(dot + 1))}`;
}

export function sqlLiteral(value: string | number | boolean): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * The numeric value of a column for aggregates. SQLite lets text sit in numeric columns and
 * `avg('n/a')` counts it as 0; only real numbers may enter the statistics.
 */
export function numericValue(dialect: Dialect, column: string): string {
  const quoted = quoteIdentifier(column);
  if (dialect === 'sqlite') return `(CASE WHEN typeof(${quoted}) IN ('integer', 'real') THEN ${quoted} END)`;
  if (dialect === 'clickhouse') return `toFloat64(${quoted})`;
  if (dialect === 'mysql') return `CAST(${quoted} AS DOUBLE)`;
  return dialect === 'duckdb' ? `CAST(${quoted} AS DOUBLE)` : `CAST(${quoted} AS DOUBLE PRECISION)`;
}

/** Distinct count: approximate (HyperLogLog) where the engine has it; exact elsewhere. */
export function distinctCount(dialect: Dialect, column: string): string {
  const quoted = quoteIdentifier(column);
  if (dialect === 'duckdb') return `approx_count_distinct(${quoted})`;
  if (dialect === 'clickhouse') return `uniq(${quoted})`;
  return `count(DISTINCT ${quoted})`;
}

/** Sample standard deviation, or the pieces to compute it when the engine has no function. */
export function stddevExpression(dialect: Dialect, numeric: string): string {
  if (dialect === 'sqlite') return `avg(${numeric} * ${numeric})`;
  if (dialect === 'clickhouse') return `stddevSamp(${numeric})`;
  return `stddev_samp(${numeric})`;
}

/** Quartiles as three expressions, or undefined when the engine has no quantile aggregate. */
export function quartileExpressions(dialect: Dialect, numeric: string): [string, string, string] | undefined {
  if (dialect === 'duckdb') return [0.25, 0.5, 0.75].map((q) => `approx_quantile(${numeric}, ${q})`) as [string, string, string];
  if (dialect === 'postgres') return [0.25, 0.5, 0.75].map((q) => `percentile_cont(${q}) WITHIN GROUP (ORDER BY ${numeric})`) as [string, string, string];
  if (dialect === 'clickhouse') return [0.25, 0.5, 0.75].map((q) => `quantile(${q})(${numeric})`) as [string, string, string];
  return undefined;
}

/** Text form of a value (for min/max of dates and for top values). */
export function asText(dialect: Dialect, expression: string): string {
  if (dialect === 'mysql') return `CAST(${expression} AS CHAR)`;
  return dialect === 'clickhouse' ? `toString(${expression})` : `CAST(${expression} AS VARCHAR)`;
}


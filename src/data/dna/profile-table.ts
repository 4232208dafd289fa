import type { ColumnProfile, Dialect, TableProfile, TimeGrain, TopValue } from '../../core/dna.js';
import type { Cell } from '../../core/query-result.js';
import type { Connector, TableSchema } from '../connector.js';
import { columnSynonyms, tableSynonyms } from './column-synonyms.js';
import { deriveMetrics } from './derive-metrics.js';
import { asText, distinctCount, isNumericFamily, numericValue, quartileExpressions, quoteIdentifier, quoteTable, stddevExpression, typeFamily, type TypeFamily } from './dialect-sql.js';
import { inferColumnRole } from './infer-column-role.js';
import { timeGrainExpressions, timeGrainFrom } from './time-grain.js';

/** Top values kept per column: numbers need few (their range says more)… */
const TOP_VALUES = 20;
/**
 * …text needs more: a question names cell values ("students from Leeds", "the course Algebra"),
 * and only values in the DNA can be linked. 50 covers most dimensions and the names of small tables.
 */
const TOP_TEXT_VALUES = 50;
/** Free-text columns (names, titles) keep top values only up to this many distinct values. */
const TEXT_VALUES_MAX_DISTINCT = 1000;
/** Columns with more distinct values than this get no top values (ids, free text). */
const TOP_VALUES_MAX_DISTINCT = 5000;
const TIME_NAME = /(^|_)(date|time|timestamp|datetime|day|created|updated|modified)(_|$)|_(at|on)$/i;

interface ColumnPlan {
  name: string;
  type: string;
  family: TypeFamily;
  primaryKey: boolean;
  numeric: boolean;
  /** Text that may hold dates (SQLite): min/max and grain are computed, kept only if they parse. */
  maybeTime: boolean;
}

/** A large table is profiled from a sample of about this many rows (PostgreSQL, MySQL/MariaDB). */
export const SAMPLE_TARGET_ROWS = 100_000;
/** Tables with more rows than this (twice the sample) are sampled, by default. */
export const SAMPLE_ABOVE_ROWS = 2 * SAMPLE_TARGET_ROWS;
/** The figures a sampled profile takes from the sample; the row count stays exact. */
const SAMPLED_FIGURES = ['nullShare', 'distinctCount', 'topValues', 'min', 'max', 'mean', 'stddev', 'quantiles', 'timeRange', 'derivedMetrics'];

export interface ProfileTableOptions {
  signal?: AbortSignal;
  /** Per-query timeout (the profiler's remaining time budget). */
  timeoutMs?: number;
  /** The table's exact row count, when known: large tables are then sampled where the engine can. */
  rowCount?: number;
  /** Rows in a sample (default SAMPLE_TARGET_ROWS); tables with more than twice as many are sampled. */
  sampleRows?: number;
}

/**
 * How a table is read: whole, or for a large table a sample. PostgreSQL reads a TABLESAMPLE (a
 * view, a bounded scan); MySQL/MariaDB has no TABLESAMPLE and reads its first `sampleRows` rows
 * in storage order (InnoDB keeps them by primary key), so each query costs the same whatever
 * the table's size. Other engines read the whole table.
 */
function tableSource(dialect: Dialect, schema: TableSchema, rowCount: number | undefined, sampleRows: number): { from: string; sample?: { method: string } } {
  const table = quoteTable(dialect, schema.name);
  if (rowCount === undefined || rowCount <= 2 * sampleRows) return { from: table };
  if (dialect === 'mysql') return { from: `(SELECT * FROM ${table} LIMIT ${sampleRows}) AS sampled`, sample: { method: `bounded scan: the first ${sampleRows} rows in storage order` } };
  if (dialect !== 'postgres') return { from: table };
  if (schema.view) return { from: `(SELECT * FROM ${table} LIMIT ${sampleRows}) AS sampled`, sample: { method: `first ${sampleRows} rows of the view` } };
  const percent = Math.max(0.01, Math.min(100, Number(((100 * sampleRows) / rowCount).toPrecision(3))));
  // SYSTEM samples whole pages: fast on any size; REPEATABLE keeps the profile stable between runs.
  return { from: `${table} TABLESAMPLE SYSTEM (${percent}) REPEATABLE (42)`, sample: { method: `TABLESAMPLE SYSTEM (${percent}%)` } };
}

/**
 * Profiles one table with one aggregate query (counts, distinct counts, min/max/mean/stddev,
 * quartiles, time grain) plus one small GROUP BY per low-cardinality column for top values.
 * A large PostgreSQL or MySQL/MariaDB table is read through a sample; the profile says so in `sampled`.
 */
export async function profileTable(connector: Connector, schema: TableSchema, options: ProfileTableOptions): Promise<TableProfile> {
  const dialect = connector.dialect;
  const source = tableSource(dialect, schema, options.rowCount, options.sampleRows ?? SAMPLE_TARGET_ROWS);
  const table = source.from;
  const run = { signal: options.signal, timeoutMs: options.timeoutMs };
  const plans: ColumnPlan[] = schema.columns.map((column) => {
    const family = typeFamily(column.type);
    return { name: column.name, type: column.type, family, primaryKey: column.primaryKey, numeric: isNumericFamily(family), maybeTime: dialect === 'sqlite' && family === 'text' && TIME_NAME.test(column.name) };
  });
  const expressions = ['count(*)'];
  const slots = plans.map((plan) => {
    const start = expressions.length;
    expressions.push(...columnExpressions(dialect, plan));
    return start;
  });
  const stats = await connector.query(`SELECT ${expressions.join(', ')} FROM ${table}`, { limit: 1, ...run });
  const row = stats.rows[0] ?? [];
  // With a sample, shares and counts are of the rows read; the table's own count stays exact.
  const rowCount = Number(row[0] ?? 0);
  const columns: ColumnProfile[] = [];
  for (const [index, plan] of plans.entries()) {
    const column = await profileColumn(connector, table, plan, row.slice(slots[index]), rowCount, run);
    const description = schema.columns[index]?.description;
    columns.push(description ? { ...column, description } : column);
  }
  const totalRows = source.sample && options.rowCount !== undefined ? options.rowCount : rowCount;
  if (source.sample) scaleToTable(columns, rowCount, totalRows);
  const profile: TableProfile = {
    name: schema.name,
    rowCount: totalRows,
    columns,
    foreignKeys: schema.foreignKeys.map((key) => ({ ...key, inferred: false })),
    derivedMetrics: deriveMetrics(columns, totalRows),
    synonyms: tableSynonyms(schema.name),
  };
  if (schema.description) profile.description = schema.description;
  if (source.sample) profile.sampled = { rows: rowCount, method: source.sample.method, figures: SAMPLED_FIGURES };
  return profile;
}

/**
 * Counts from a sample, brought to the table's size: top-value counts scale with it, and a
 * column unique within the sample is taken as unique in the table (an id); other distinct
 * counts stay what the sample saw (a lower bound).
 */
function scaleToTable(columns: ColumnProfile[], sampleRows: number, totalRows: number): void {
  if (sampleRows === 0) return;
  const factor = totalRows / sampleRows;
  for (const column of columns) {
    const nonNull = Math.round(sampleRows * (1 - column.nullShare));
    if (nonNull > 0 && column.distinctCount >= nonNull) column.distinctCount = Math.round(column.distinctCount * factor);
    column.topValues = column.topValues.map((top) => ({ ...top, count: Math.round(top.count * factor) }));
  }
}

/** Per column, in order: non-null count, distinct count, then family-specific aggregates. */
function columnExpressions(dialect: Dialect, plan: ColumnPlan): string[] {
  const quoted = quoteIdentifier(plan.name);
  // Nested and exotic types (LIST, MAP, STRUCT, INTERVAL) get counts only: not every engine can
  // compare them for distinctness, and one failing column must not fail the whole profile.
  if (plan.family === 'other' && dialect !== 'sqlite') return [`count(${quoted})`, 'NULL'];
  const list = [`count(${quoted})`, distinctCount(dialect, plan.name)];
  if (plan.numeric) {
    const value = numericValue(dialect, plan.name);
    list.push(`min(${value})`, `max(${value})`, `avg(${value})`, stddevExpression(dialect, value));
    list.push(...(quartileExpressions(dialect, value) ?? ['NULL', 'NULL', 'NULL']));
  } else if (plan.family === 'date' || plan.family === 'timestamp' || plan.maybeTime) {
    list.push(asText(dialect, `min(${quoted})`), asText(dialect, `max(${quoted})`), ...timeGrainExpressions(dialect, quoted));
  }
  return list;
}

/** `table` is the SQL the column is read from: a quoted name, or a sample of the table. */
async function profileColumn(connector: Connector, table: string, plan: ColumnPlan, values: Cell[], rowCount: number, run: QueryRun): Promise<ColumnProfile> {
  const nonNull = Number(values[0] ?? 0);
  let distinct = Math.min(Number(values[1] ?? 0), nonNull);
  let topValues: TopValue[] = [];
  const limit = plan.numeric ? TOP_VALUES : TOP_TEXT_VALUES;
  if (distinct > 0 && distinct <= TOP_VALUES_MAX_DISTINCT && !(plan.numeric && distinct > TOP_VALUES && plan.family !== 'integer')) {
    topValues = await readTopValues(connector, table, plan.name, limit, run);
    // An approximate distinct count is replaced by the exact one: every value was seen, or
    // there are few enough that counting them exactly is cheap ("22 states", not "23").
    if (topValues.length < limit) distinct = topValues.length;
    else if (connector.dialect === 'duckdb') distinct = await exactDistinct(connector, table, plan.name, run);
  }
  const holdsDates = plan.maybeTime && typeof values[2] === 'string' && !Number.isNaN(Date.parse(String(values[2]).replace(' ', 'T')));
  const role = inferColumnRole({ name: plan.name, family: plan.family, rowCount, nonNullCount: nonNull, distinctCount: distinct, topValues, primaryKey: plan.primaryKey, holdsDates });
  if (role === 'id' && nonNull === rowCount && rowCount > 0 && distinct !== rowCount && distinct > rowCount * 0.9) {
    // Approximate distinct counts are close, not exact: settle uniqueness exactly for key candidates.
    distinct = await exactDistinct(connector, table, plan.name, run);
  }
  const profile: ColumnProfile = {
    name: plan.name,
    type: plan.type,
    role,
    nullShare: rowCount === 0 ? 0 : (rowCount - nonNull) / rowCount,
    distinctCount: distinct,
    topValues: keepsTopValues(role, distinct) ? topValues : [],
    primaryKey: plan.primaryKey || (role === 'id' && nonNull === rowCount && distinct === rowCount && rowCount > 0),
    synonyms: columnSynonyms(plan.name, role),
  };
  if (plan.numeric) {
    const [min, max, mean, spread, p25, p50, p75] = values.slice(2).map(toNumber);
    Object.assign(profile, { min, max, mean, stddev: stddevFrom(connector.dialect, spread, mean, nonNull) });
    if (p50 !== null) profile.quantiles = { p25, p50, p75 };
  } else if (role === 'time') {
    const [min, max, ...grainParts] = values.slice(2);
    if (typeof min === 'string' && typeof max === 'string') {
      const grain: TimeGrain = timeGrainFrom(plan.family, grainParts);
      const [first, last] = [isoText(min), isoText(max)];
      Object.assign(profile, { min: first, max: last, timeRange: { min: first, max: last, grain } });
    }
  }
  return profile;
}

/** Categories always; small integer measures (ratings, counts); names and titles of moderate cardinality. */
function keepsTopValues(role: ColumnProfile['role'], distinct: number): boolean {
  if (['dimension', 'status', 'boolean', 'geo'].includes(role)) return true;
  if (role === 'measure') return distinct <= TOP_VALUES;
  return role === 'text' && distinct <= TEXT_VALUES_MAX_DISTINCT;
}

interface QueryRun {
  signal?: AbortSignal;
  timeoutMs?: number;
}

async function readTopValues(connector: Connector, table: string, column: string, limit: number, run: QueryRun): Promise<TopValue[]> {
  const quoted = quoteIdentifier(column);
  const result = await connector.query(
    `SELECT ${quoted}, count(*) AS n FROM ${table} WHERE ${quoted} IS NOT NULL GROUP BY ${quoted} ORDER BY n DESC, ${quoted} LIMIT ${limit}`,
    { limit, ...run },
  );
  return result.rows.map(([value, count]) => ({ value: value ?? null, count: Number(count) }));
}

async function exactDistinct(connector: Connector, table: string, column: string, run: QueryRun): Promise<number> {
  const result = await connector.query(`SELECT count(DISTINCT ${quoteIdentifier(column)}) FROM ${table}`, { limit: 1, ...run });
  return Number(result.rows[0]?.[0] ?? 0);
}

/** Engines print timestamps as `2024-01-01 10:00:00`; the DNA speaks ISO 8601. */
function isoText(value: string): string {
  const iso = /^\d{4}-\d{2}-\d{2} \d/.test(value) ? value.replace(' ', 'T') : value;
  // PostgreSQL prints zones as `+00`; ISO 8601 readers (Date.parse) want `+00:00`.
  return iso.replace(/([T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?[+-]\d{2})$/, '$1:00');
}

function toNumber(value: Cell | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : null;
}

/** SQLite returns avg(x²); the sample standard deviation follows from it and the mean. */
function stddevFrom(dialect: Dialect, spread: number | null, mean: number | null, count: number): number | null {
  if (dialect !== 'sqlite') return spread;
  if (spread === null || mean === null || count < 2) return null;
  const variance = Math.max(0, (spread - mean * mean) * (count / (count - 1)));
  return Math.sqrt(variance);
}

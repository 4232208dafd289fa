import type { DataDna, TableProfile } from '../core/dna.js';
import type { Cell, QueryColumn } from '../core/query-result.js';
import { literal, quoteIdentifier } from './dialect-sql.js';
import { formatNumber, formatPercent } from './format-number.js';

/**
 * "Why is that?" after an answer about a segment (issue 10, item 4): the segment against the
 * rest of the table across the table's other dimensions (from the Data DNA), as one read-only
 * query. Each row compares the metric inside the segment and in the rest at one value of one
 * dimension; `contribution` weights that gap by the value's share of the segment, so the rows
 * at the top are where the segment differs most. It shows association, not cause.
 */

const WHY = /^\s*(?:(?:and|but|so|ok(?:ay)?),?\s+)?(?:why\b|how come\b|what (?:drives|explains|causes)\b)/i;
const OUTLIER = /\b(outlier|anomal|unusual|stand(?:s)? out)/i;
const REFERS_BACK = /\b(these|those|them|they|this|that|above|previous|it)\b/i;
const DIMENSION_ROLES = new Set(['dimension', 'status', 'geo', 'boolean']);
const MAX_DIMENSIONS = 8;
const MAX_VALUES = 60;
/** A value covering this share of the segment or more is not a contributor: it is the segment. */
const NEAR_WHOLE = 0.9;
/** The rows of the driver result: the overall comparison first, then the largest contributors. */
export const DRIVER_ROWS = 12;
export const DRIVER_COLUMNS = ['dimension', 'value', 'segment_rows', 'segment_metric', 'rest_rows', 'rest_metric', 'gap', 'segment_share', 'contribution'] as const;
export const ASSOCIATION_NOTE = 'This shows where the segment differs from the rest (association), not what causes the difference.';

/** "Why is that?", "how come?", "what drives this?" — a question about the previous answer. */
export function isWhyFollowUp(question: string): boolean {
  return WHY.test(question) && question.trim().split(/\s+/).length <= 8;
}

/** "Which of these are outliers?" — statistics on the previous result rather than a new query. */
export function isOutlierFollowUp(question: string): boolean {
  return OUTLIER.test(question) && REFERS_BACK.test(question);
}

export interface PreviousResult {
  sql: string;
  columns: QueryColumn[];
  rows: Cell[][];
}

export interface DriverPlan {
  sql: string;
  table: string;
  segment: { column: string; value: string };
  metric: { name: string; expression: string; ratio: boolean };
  dimensions: string[];
}

/** The top-level parts of a SELECT: its select list, FROM table, WHERE text (depth-0 keywords only). */
function splitSelect(sql: string): { select: string; from: string; where: string | null } | null {
  const keywords = /\b(SELECT|FROM|WHERE|GROUP\s+BY|HAVING|ORDER\s+BY|LIMIT|UNION|WITH|JOIN)\b/gi;
  const marks: { word: string; index: number; end: number }[] = [];
  let depth = 0;
  let quoted: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const char = sql[i];
    if (quoted) {
      if (char === quoted) quoted = null;
      continue;
    }
    if (char === "'" || char === '"') quoted = char;
    else if (char === '(') depth += 1;
    else if (char === ')') depth -= 1;
    else if (depth === 0 && /[A-Za-z]/.test(char) && (i === 0 || /\W/.test(sql[i - 1]))) {
      keywords.lastIndex = i;
      const match = keywords.exec(sql);
      if (match && match.index === i) marks.push({ word: match[1].toUpperCase().replace(/\s+/g, ' '), index: i, end: i + match[0].length });
    }
  }
  if (marks.some((mark) => mark.word === 'WITH' || mark.word === 'UNION' || mark.word === 'JOIN')) return null;
  const part = (word: string) => {
    const at = marks.findIndex((mark) => mark.word === word);
    if (at < 0) return null;
    return sql.slice(marks[at].end, marks[at + 1]?.index ?? sql.length).trim();
  };
  const select = part('SELECT');
  const from = part('FROM');
  if (!select || !from) return null;
  return { select, from, where: part('WHERE') };
}

/** Items of a select list, split at depth-0 commas. */
function selectItems(list: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let quoted: string | null = null;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const char = list[i];
    if (quoted) {
      if (char === quoted) quoted = null;
    } else if (char === "'" || char === '"') quoted = char;
    else if (char === '(') depth += 1;
    else if (char === ')') depth -= 1;
    else if (char === ',' && depth === 0) {
      items.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  items.push(list.slice(start).trim());
  return items;
}

const unquote = (name: string) => name.replace(/^[`"]|[`"]$/g, '');

function findTable(dna: DataDna, from: string): TableProfile | null {
  const name = unquote(from.split(/\s+/)[0] ?? '').toLowerCase();
  return dna.tables.find((table) => table.name.toLowerCase() === name) ?? null;
}

/** The metric the previous answer computed: its select item's expression, by the result's measure column. */
function findMetric(table: TableProfile, items: string[], columnName: string): DriverPlan['metric'] | null {
  for (const item of items) {
    const match = /^([\s\S]+?)\s+AS\s+([`"]?[\w ]+[`"]?)$/i.exec(item);
    if (match && unquote(match[2]) === columnName) {
      const expression = match[1].trim();
      const derived = table.derivedMetrics.find((metric) => metric.name === columnName);
      const ratio = derived ? derived.unit === 'ratio' : /^avg\s*\(\s*CASE\b/i.test(expression);
      return { name: columnName, expression, ratio };
    }
  }
  const derived = table.derivedMetrics.find((metric) => metric.name === columnName);
  return derived ? { name: derived.name, expression: derived.expression, ratio: derived.unit === 'ratio' } : null;
}

/** The segment: the group with the highest metric in a breakdown, or the value the previous query filtered on. */
function findSegment(table: TableProfile, previous: PreviousResult, where: string | null): { column: string; value: string; condition: string | null; measure: string | null } | null {
  const dims = new Set(table.columns.filter((column) => DIMENSION_ROLES.has(column.role)).map((column) => column.name));
  const dimIndex = previous.columns.findIndex((column) => dims.has(column.name));
  const measureIndex = previous.columns.findIndex((column, index) => index !== dimIndex && previous.rows.some((row) => typeof row[index] === 'number'));
  if (dimIndex >= 0 && measureIndex >= 0 && previous.rows.length >= 2) {
    const top = previous.rows.reduce((best, row) => (Number(row[measureIndex]) > Number(best[measureIndex]) ? row : best));
    if (top[dimIndex] === null) return null;
    return { column: previous.columns[dimIndex].name, value: String(top[dimIndex]), condition: null, measure: previous.columns[measureIndex].name };
  }
  if (!where) return null;
  for (const match of where.matchAll(/([`"]?)(\w+)\1\s*=\s*'((?:[^']|'')*)'/g)) {
    if (dims.has(match[2])) {
      return { column: match[2], value: match[3].replace(/''/g, "'"), condition: match[0], measure: measureIndex >= 0 ? previous.columns[measureIndex].name : null };
    }
  }
  return null;
}

/**
 * Plans the driver query from the previous turn's SQL and result; null when the previous answer
 * was not about a segment of one table (then there is nothing to compare).
 */
export function planDriverAnalysis(dna: DataDna, previous: PreviousResult): DriverPlan | null {
  const parts = splitSelect(previous.sql);
  if (!parts) return null;
  const table = findTable(dna, parts.from);
  if (!table) return null;
  const segment = findSegment(table, previous, parts.where);
  if (!segment) return null;
  const items = selectItems(parts.select);
  const metric = (segment.measure ? findMetric(table, items, segment.measure) : null) ?? { name: 'rows', expression: 'count(*)', ratio: false };
  const dimensions = table.columns
    .filter((column) => DIMENSION_ROLES.has(column.role) && !column.primaryKey && column.name !== segment.column)
    .filter((column) => column.distinctCount >= 2 && column.distinctCount <= MAX_VALUES && column.nullShare < 0.5)
    .filter((column) => !new RegExp(`(^|[^\\w])"?${column.name}"?([^\\w]|$)`).test(metric.expression))
    .slice(0, MAX_DIMENSIONS)
    .map((column) => column.name);
  if (dimensions.length === 0) return null;
  // The previous filters stay (only 2024, …); a filter on the segment itself becomes the comparison.
  const where = parts.where ? (segment.condition ? parts.where.replace(segment.condition, '1 = 1') : parts.where) : null;
  const q = quoteIdentifier;
  const base = `SELECT *, CASE WHEN ${q(segment.column)} = ${literal(segment.value)} THEN 1 ELSE 0 END AS in_segment FROM ${q(table.name)}${where ? ` WHERE ${where}` : ''}`;
  const cell = (dimension: string | null) =>
    dimension === null
      ? `SELECT '(overall)' AS dimension, ${literal(metric.name)} AS value, in_segment, count(*) AS n, ${metric.expression} AS metric FROM base GROUP BY in_segment`
      : `SELECT ${literal(dimension)} AS dimension, CAST(${q(dimension)} AS VARCHAR(200)) AS value, in_segment, count(*) AS n, ${metric.expression} AS metric FROM base WHERE ${q(dimension)} IS NOT NULL GROUP BY ${q(dimension)}, in_segment`;
  // A count compares shares (how over-represented a value is in the segment); a rate or an average compares the metric.
  const gap = metric.ratio || metric.expression !== 'count(*)' ? 's.metric - r.metric' : 's.n * 1.0 / st.n - r.n * 1.0 / rt.n';
  const sql = [
    `WITH base AS (${base}),`,
    `cells AS (${[cell(null), ...dimensions.map(cell)].join('\nUNION ALL\n')}),`,
    `totals AS (SELECT in_segment, count(*) AS n FROM base GROUP BY in_segment)`,
    `SELECT s.dimension, s.value, s.n AS segment_rows, s.metric AS segment_metric, r.n AS rest_rows, r.metric AS rest_metric,`,
    `  ${gap} AS gap, s.n * 1.0 / st.n AS segment_share, (${gap}) * s.n / st.n AS contribution`,
    `FROM cells s JOIN cells r ON r.dimension = s.dimension AND r.value = s.value AND r.in_segment = 0`,
    `JOIN totals st ON st.in_segment = 1 JOIN totals rt ON rt.in_segment = 0`,
    // A value nearly the whole segment (a flag that is almost always false) only restates the overall gap.
    `WHERE s.in_segment = 1 AND (s.dimension = '(overall)' OR s.n * 1.0 / st.n < ${NEAR_WHOLE})`,
    `ORDER BY CASE WHEN s.dimension = '(overall)' THEN 0 ELSE 1 END, abs((${gap}) * s.n / st.n) DESC, s.dimension, s.value`,
    `LIMIT ${DRIVER_ROWS}`,
  ].join('\n');
  return { sql, table: table.name, segment: { column: segment.column, value: segment.value }, metric, dimensions };
}

/** True when a result has the driver query's columns (the composer words it as a driver analysis). */
export function isDriverResult(columns: readonly { name: string }[]): boolean {
  return DRIVER_COLUMNS.every((name, index) => columns[index]?.name === name);
}

/**
 * The driver analysis in words, from the driver query and its rows: the segment against the
 * rest overall, then the largest contributors, every number read from the result (the run adds
 * ASSOCIATION_NOTE as a note, so every composer says it).
 */
export function describeDriverResult(sql: string, rows: readonly Cell[][]): string {
  const segment = /CASE WHEN ("(?:[^"]|"")+"|\w+) = '((?:[^']|'')*)' THEN 1 ELSE 0 END AS in_segment/.exec(sql);
  const segmentLabel = segment ? `${unquote(segment[1])} = ${segment[2].replace(/''/g, "'")}` : 'The segment';
  const overall = rows.find((row) => row[0] === '(overall)');
  const metricName = overall ? String(overall[1]) : 'the metric';
  const ratio = /rate|share|ratio|percent|pct/i.test(metricName) && rows.every((row) => [row[3], row[5]].every((value) => typeof value !== 'number' || (value >= 0 && value <= 1)));
  const show = (value: Cell) => (typeof value === 'number' ? (ratio ? formatPercent(value) : formatNumber(value)) : String(value));
  const metric = metricName.replace(/_/g, ' ');
  const drivers = rows.filter((row) => row[0] !== '(overall)' && typeof row[8] === 'number' && row[8] !== 0).slice(0, 3);
  const sentences: string[] = [];
  if (overall) {
    sentences.push(`${segmentLabel} has ${metric} ${show(overall[3])} over ${formatNumber(Number(overall[2]))} rows, against ${show(overall[5])} for the rest (${formatNumber(Number(overall[4]))} rows).`);
  }
  if (drivers.length > 0) {
    const parts = drivers.map((row) => `${row[0]} = ${row[1]} (${formatPercent(Number(row[7]))} of the segment): ${show(row[3])} in the segment vs ${show(row[5])} in the rest`);
    sentences.push(`The largest differences across the other dimensions: ${parts.join('; ')}.`);
  } else {
    sentences.push('No other dimension shows a difference between the segment and the rest.');
  }
  return sentences.join(' ');
}

import type { Cell, QueryResult } from '../../core/query-result.js';
import { quoteIdentifier } from '../dialect-sql.js';
import type { OutlierColumns } from './outlier-code.js';
import { Z_THRESHOLD } from './outlier-code.js';

/**
 * The SQL-only outlier method, for when Python is not available: the z-scores computed by the
 * engine over the SQL agent's result (wrapped as a CTE). Same definition as the pandas code:
 * sample standard deviation, |z| > 2. Engines without STDDEV_SAMP (SQLite) reject it; then
 * `zScoreFindings` computes the same numbers from the result rows.
 */
export function zScoreSql(sql: string, { value, label }: OutlierColumns): string {
  const inner = sql.trim().replace(/;\s*$/, '');
  const v = `base.${quoteIdentifier(value)}`;
  const z = `(CAST(${v} AS DOUBLE PRECISION) - stats.mean_value) / NULLIF(stats.std_value, 0)`;
  const labelSelect = label === null ? '' : `base.${quoteIdentifier(label)} AS label, `;
  return [
    `WITH base AS (\n${inner}\n), stats AS (`,
    `  SELECT AVG(CAST(${quoteIdentifier(value)} AS DOUBLE PRECISION)) AS mean_value, STDDEV_SAMP(CAST(${quoteIdentifier(value)} AS DOUBLE PRECISION)) AS std_value, COUNT(${quoteIdentifier(value)}) AS n`,
    `  FROM base WHERE ${quoteIdentifier(value)} IS NOT NULL`,
    ')',
    `SELECT ${labelSelect}${v} AS value, ${z} AS z_score, stats.mean_value, stats.std_value, stats.n`,
    'FROM base CROSS JOIN stats',
    `WHERE ${v} IS NOT NULL`,
    `ORDER BY ABS(${z}) DESC`,
  ].join('\n');
}

interface ScoredRow {
  label: string;
  value: number;
  z_score: number;
}

function findings(columns: OutlierColumns, rows: ScoredRow[], mean: number, std: number): Record<string, unknown> {
  const ranked = [...rows].sort((a, b) => Math.abs(b.z_score) - Math.abs(a.z_score));
  return {
    method: 'z-score',
    threshold: Z_THRESHOLD,
    column: columns.value,
    label: columns.label,
    n: rows.length,
    mean,
    std,
    outliers: ranked.filter((row) => Math.abs(row.z_score) > Z_THRESHOLD),
    largest: ranked.slice(0, 3),
  };
}

/** Reads the result of `zScoreSql` into the same shape the pandas z-score code returns. */
export function zScoreSqlFindings(columns: OutlierColumns, result: QueryResult): Record<string, unknown> {
  const at = (name: string) => result.columns.findIndex((column) => column.name.toLowerCase() === name);
  const [label, value, z, mean, std] = ['label', 'value', 'z_score', 'mean_value', 'std_value'].map(at) as [number, number, number, number, number];
  const rows = result.rows
    .filter((row) => typeof row[z] === 'number')
    .map((row, index) => ({ label: label >= 0 ? String(row[label]) : String(index), value: Number(row[value]), z_score: row[z] as number }));
  const first = result.rows[0];
  return findings(columns, rows, Number(first?.[mean] ?? Number.NaN), Number(first?.[std] ?? Number.NaN));
}

/** The z-scores of a result's value column, computed here (sample standard deviation). */
export function zScoreFindings(columns: OutlierColumns, result: { columns: { name: string }[]; rows: Cell[][] }): Record<string, unknown> {
  const valueAt = result.columns.findIndex((column) => column.name === columns.value);
  const labelAt = columns.label === null ? -1 : result.columns.findIndex((column) => column.name === columns.label);
  const present = result.rows
    .map((row, index) => ({ label: labelAt >= 0 ? String(row[labelAt]) : String(index), value: row[valueAt] }))
    .filter((row): row is { label: string; value: number } => typeof row.value === 'number');
  const mean = present.reduce((sum, row) => sum + row.value, 0) / present.length;
  const std = Math.sqrt(present.reduce((sum, row) => sum + (row.value - mean) ** 2, 0) / (present.length - 1));
  return findings(columns, present.map((row) => ({ ...row, z_score: (row.value - mean) / std })), mean, std);
}

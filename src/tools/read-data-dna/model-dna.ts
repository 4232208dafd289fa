import type { ColumnProfile, DataDna, TableProfile } from '../../core/dna.js';

/**
 * Top values a model sees per column: as many as the profiler keeps for text (50), so the
 * embedded analyst links the same cell values through the pipeline as over the DNA itself.
 */
const MAX_TOP_VALUES = 50;

export interface ModelDnaOptions {
  /** Keep only these tables (names as the DNA spells them). */
  tables?: string[];
  /** Keep only these columns per table; tables not listed keep all their columns. */
  columns?: Record<string, string[]>;
}

/** Numbers to 6 significant digits: the model needs magnitudes, not float noise. */
function lean(value: number | null | undefined): number | null | undefined {
  if (typeof value !== 'number' || Number.isInteger(value)) return value;
  return Number(value.toPrecision(6));
}

function leanColumn(column: ColumnProfile): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: column.name,
    type: column.type,
    role: column.role,
    nullShare: lean(column.nullShare),
    distinctCount: column.distinctCount,
  };
  if (column.topValues.length > 0) out.topValues = column.topValues.slice(0, MAX_TOP_VALUES);
  if (column.min !== undefined && column.min !== null) out.min = typeof column.min === 'number' ? lean(column.min) : column.min;
  if (column.max !== undefined && column.max !== null) out.max = typeof column.max === 'number' ? lean(column.max) : column.max;
  if (column.mean !== undefined && column.mean !== null) out.mean = lean(column.mean);
  if (column.stddev !== undefined && column.stddev !== null) out.stddev = lean(column.stddev);
  if (column.quantiles) {
    out.quantiles = { p25: lean(column.quantiles.p25), p50: lean(column.quantiles.p50), p75: lean(column.quantiles.p75) };
  }
  if (column.timeRange) out.timeRange = column.timeRange;
  if (column.primaryKey) out.primaryKey = true;
  if (column.synonyms.length > 0) out.synonyms = column.synonyms;
  if (column.valueSynonyms && column.valueSynonyms.length > 0) out.valueSynonyms = column.valueSynonyms;
  return out;
}

function leanTable(table: TableProfile, keepColumns: string[] | undefined): Record<string, unknown> {
  const keep = keepColumns ? new Set(keepColumns.map((name) => name.toLowerCase())) : undefined;
  const out: Record<string, unknown> = {
    name: table.name,
    rowCount: table.rowCount,
    columns: table.columns.filter((column) => !keep || keep.has(column.name.toLowerCase())).map(leanColumn),
  };
  if (table.foreignKeys.length > 0) out.foreignKeys = table.foreignKeys;
  // A metric over a column the selection dropped could not be written from what the model sees.
  const metrics = keep ? table.derivedMetrics.filter((metric) => usesOnly(metric.expression, table, keep)) : table.derivedMetrics;
  if (metrics.length > 0) out.derivedMetrics = metrics;
  if (table.synonyms.length > 0) out.synonyms = table.synonyms;
  return out;
}

/** Whether every column of `table` that `expression` names is among `kept` (lower-case names). */
function usesOnly(expression: string, table: TableProfile, kept: Set<string>): boolean {
  const words = new Set(expression.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? []);
  return table.columns.every((column) => kept.has(column.name.toLowerCase()) || !words.has(column.name.toLowerCase()));
}

/**
 * The Data DNA as a model reads it: the same shape as `DataDna` (so it parses back with the
 * zod schema, defaults filled in) with empty and default fields dropped, floats shortened and
 * top values capped. Optionally pruned to the tables and columns that matter.
 */
export function toModelDna(dna: DataDna, options: ModelDnaOptions = {}): Record<string, unknown> {
  const wanted = options.tables ? new Set(options.tables.map((name) => name.toLowerCase())) : undefined;
  const tables = dna.tables.filter((table) => !wanted || wanted.has(table.name.toLowerCase()));
  return {
    datasource: dna.datasource,
    dialect: dna.dialect,
    generatedAt: dna.generatedAt,
    fingerprint: dna.fingerprint,
    tables: tables.map((table) => leanTable(table, options.columns?.[table.name])),
  };
}

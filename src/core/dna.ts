import { z } from 'zod';

/**
 * Data DNA (ARCHITECTURE §3): a profile of every table of a datasource, computed by the
 * engine in SQL. Shown in the sidebar, and given to the models in a compact form.
 */

export const COLUMN_ROLES = ['id', 'measure', 'dimension', 'time', 'boolean', 'status', 'geo', 'text'] as const;
export const ColumnRole = z.enum(COLUMN_ROLES);
export type ColumnRole = z.infer<typeof ColumnRole>;

export const TopValue = z.object({ value: z.union([z.string(), z.number(), z.boolean(), z.null()]), count: z.number() });
export type TopValue = z.infer<typeof TopValue>;

export const TimeGrain = z.enum(['second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year']);
export type TimeGrain = z.infer<typeof TimeGrain>;

export const ColumnProfile = z.object({
  name: z.string(),
  /** The engine's type name, as it reports it (e.g. `VARCHAR`, `DOUBLE`, `TIMESTAMP`). */
  type: z.string(),
  role: ColumnRole,
  nullShare: z.number().min(0).max(1),
  distinctCount: z.number().int().nonnegative(),
  /** Most frequent values with their counts (dimensions, statuses, booleans, geo). */
  topValues: z.array(TopValue).default([]),
  min: z.union([z.number(), z.string()]).nullable().optional(),
  max: z.union([z.number(), z.string()]).nullable().optional(),
  mean: z.number().nullable().optional(),
  stddev: z.number().nullable().optional(),
  quantiles: z.object({ p25: z.number().nullable(), p50: z.number().nullable(), p75: z.number().nullable() }).optional(),
  /** For time columns: ISO strings of the range, and the grain the data is recorded at. */
  timeRange: z.object({ min: z.string(), max: z.string(), grain: TimeGrain }).optional(),
  primaryKey: z.boolean().default(false),
  /** Other words people use for this column (from its name, and from configuration). */
  synonyms: z.array(z.string()).default([]),
  /** Words the person defined as one value of this column ("by active I mean status = 'live'"): saved synonyms. */
  valueSynonyms: z.array(z.object({ word: z.string(), value: z.string() })).optional(),
  /** The column's comment in the database (`COMMENT ON COLUMN` in PostgreSQL, `COMMENT` in MySQL), when it has one. */
  description: z.string().optional(),
});
export type ColumnProfile = z.infer<typeof ColumnProfile>;

export const ForeignKey = z.object({
  column: z.string(),
  refTable: z.string(),
  refColumn: z.string(),
  /** false when declared by the schema, true when inferred from names, types and values. */
  inferred: z.boolean(),
});
export type ForeignKey = z.infer<typeof ForeignKey>;

/** A metric the profiler derived, e.g. a status column gives a failure rate. */
export const DerivedMetric = z.object({
  name: z.string(),
  description: z.string(),
  /** A SQL aggregate expression over the table, e.g. `avg(CASE WHEN status = 'failed' THEN 1 ELSE 0 END)`. */
  expression: z.string(),
  /** The metric over the whole table: the baseline answers compare with. */
  baseline: z.number().nullable(),
  unit: z.enum(['ratio', 'count', 'amount']),
});
export type DerivedMetric = z.infer<typeof DerivedMetric>;

export const TableProfile = z.object({
  name: z.string(),
  rowCount: z.number().int().nonnegative(),
  columns: z.array(ColumnProfile),
  foreignKeys: z.array(ForeignKey).default([]),
  derivedMetrics: z.array(DerivedMetric).default([]),
  synonyms: z.array(z.string()).default([]),
  /** The table's comment in the database (`COMMENT ON TABLE` in PostgreSQL, `COMMENT` in MySQL), when it has one. */
  description: z.string().optional(),
  /**
   * Present when the table was profiled from a sample (large tables): how many rows, by what
   * method, and which figures come from the sample (the others, e.g. `rowCount`, are exact).
   */
  sampled: z.object({ rows: z.number().int().nonnegative(), method: z.string(), figures: z.array(z.string()) }).optional(),
});
export type TableProfile = z.infer<typeof TableProfile>;

export const DataDna = z.object({
  datasource: z.string(),
  dialect: z.enum(['duckdb', 'sqlite', 'postgres', 'clickhouse', 'mysql']),
  generatedAt: z.string(),
  /** Changes when any table changes; the cache key. */
  fingerprint: z.string(),
  tables: z.array(TableProfile),
});
export type DataDna = z.infer<typeof DataDna>;
export type Dialect = DataDna['dialect'];

import { z } from 'zod';

/** A JSON-safe cell: connectors normalise bigint, decimal and dates to these at their boundary. */
export type Cell = string | number | boolean | null;

export const QueryColumn = z.object({ name: z.string(), type: z.string() });
export type QueryColumn = z.infer<typeof QueryColumn>;

/** What every connector returns (ARCHITECTURE §3). Rows are arrays in column order. */
export const QueryResult = z.object({
  columns: z.array(QueryColumn),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.boolean(), z.null()]))),
  /** Rows returned (≤ the cap). */
  rowCount: z.number().int().nonnegative(),
  /** True when the row cap cut the result. */
  truncated: z.boolean(),
  elapsedMs: z.number().nonnegative(),
});
export type QueryResult = z.infer<typeof QueryResult>;

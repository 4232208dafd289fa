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
  /** True when a cap cut the result: more rows (or bigger ones) existed. */
  truncated: z.boolean(),
  /** Which cap cut it: `rows` (the row cap) or `bytes` (the byte cap on the rows as JSON). */
  truncatedReason: z.enum(['rows', 'bytes']).optional(),
  elapsedMs: z.number().nonnegative(),
});
export type QueryResult = z.infer<typeof QueryResult>;

export type TruncatedReason = 'rows' | 'bytes';

/** The size a row has on the wire and in the store: its JSON text in UTF-8, plus a separator. */
export function rowJsonBytes(row: readonly Cell[]): number {
  return utf8Bytes(JSON.stringify(row)) + 1;
}

/** UTF-8 length of a text (Node's native count on the server, TextEncoder in a browser). */
export function utf8Bytes(text: string): number {
  return typeof Buffer === 'undefined' ? new TextEncoder().encode(text).length : Buffer.byteLength(text);
}

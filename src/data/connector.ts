import type { Dialect } from '../core/dna.js';
import type { QueryResult } from '../core/query-result.js';

export type { Dialect, QueryResult };

export interface QueryOptions {
  /** Row cap: at most this many rows come back; `truncated` says whether more existed. */
  limit?: number;
  timeoutMs?: number;
  /** Aborting interrupts the engine and rejects with CONNECTOR_QUERY_CANCELLED. */
  signal?: AbortSignal;
  /** Byte cap: rows stop once the result would exceed about this many bytes of JSON; `truncated` says so. */
  maxBytes?: number;
}

export interface ColumnSchema {
  name: string;
  /** The engine's type name. */
  type: string;
  nullable: boolean;
  primaryKey: boolean;
  /** The column's comment in the database, when it has one (becomes its description in the Data DNA). */
  description?: string;
}

export interface TableSchema {
  name: string;
  columns: ColumnSchema[];
  /** Declared foreign keys only; inferred ones are the profiler's job. */
  foreignKeys: { column: string; refTable: string; refColumn: string }[];
  /** The table's comment in the database, when it has one. */
  description?: string;
  /** True for a view. */
  view?: boolean;
}

/**
 * A database InsightX can ask questions of (ARCHITECTURE §3). Every implementation passes
 * the shared conformance suite in src/data/connector-conformance.ts.
 */
export interface Connector {
  readonly name: string;
  readonly dialect: Dialect;
  listTables(): Promise<string[]>;
  describe(): Promise<TableSchema[]>;
  /**
   * Runs one read-only statement. The SQL has passed the read-only guard; the connector
   * still enforces read-only at the engine where it can, the row cap and the timeout.
   */
  query(sql: string, options?: QueryOptions): Promise<QueryResult>;
  /** The engine's plan, as text. */
  explain(sql: string): Promise<string>;
  close(): Promise<void>;
}

import type { Dialect } from '../core/dna.js';
import type { QueryResult } from '../core/query-result.js';

export type { Dialect, QueryResult };

export interface QueryOptions {
  /** Row cap: at most this many rows come back; `truncated` says whether more existed. */
  limit?: number;
  /**
   * Byte cap: rows stop before their JSON text (UTF-8, see `rowJsonBytes`) would pass this many
   * bytes; the result is then `truncated` with `truncatedReason: 'bytes'`. A single value too big
   * for the cap is never converted in full.
   */
  maxBytes?: number;
  timeoutMs?: number;
  /** Aborting interrupts the engine and rejects with CONNECTOR_QUERY_CANCELLED. */
  signal?: AbortSignal;
}

export interface ColumnSchema {
  name: string;
  /** The engine's type name. */
  type: string;
  nullable: boolean;
  primaryKey: boolean;
  /** The column's comment in the database, when it has one (becomes its DNA description). */
  description?: string;
}

export interface TableSchema {
  name: string;
  columns: ColumnSchema[];
  /** Declared foreign keys only; inferred ones are the profiler's job. */
  foreignKeys: { column: string; refTable: string; refColumn: string }[];
  /** The table's comment in the database, when it has one (becomes its DNA description). */
  description?: string;
  /** A view (materialized or not) or a foreign table rather than a base table, where the engine says so. */
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
  /**
   * Warnings about the account the connector uses, e.g. that it can write: checked when a
   * datasource is registered and shown to the person registering it. Optional per engine.
   */
  accountWarnings?(): Promise<string[]>;
  /** The engine's plan, as text. */
  explain(sql: string): Promise<string>;
  close(): Promise<void>;
}

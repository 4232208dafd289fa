/** How a SQLite connector opens its database file (always read-only). */
export interface SqliteConnectionOptions {
  /** Datasource name the connector reports. */
  name: string;
  /** The database file; it must exist. */
  path: string;
  /** Default row cap when a query gives none. */
  rowCap?: number;
  /** Default byte cap on a result's rows (as JSON) when a query gives none. */
  resultMaxBytes?: number;
  /** Default statement timeout when a query gives none. */
  statementTimeoutMs?: number;
}

export const DEFAULT_ROW_CAP = 10_000;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;
/** 16 MiB of rows as JSON, as for DuckDB. */
export const DEFAULT_RESULT_MAX_BYTES = 16 * 1024 * 1024;

/** The first 16 bytes of every SQLite 3 database file. */
export const SQLITE_HEADER = 'SQLite format 3\0';

/** How a SQLite connector opens its database file (always read-only). */
export interface SqliteConnectionOptions {
  /** Datasource name the connector reports. */
  name: string;
  /** The database file; it must exist. */
  path: string;
  /** Default row cap when a query gives none. */
  rowCap?: number;
  /** Default statement timeout when a query gives none. */
  statementTimeoutMs?: number;
}

export const DEFAULT_ROW_CAP = 10_000;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;

/** The first 16 bytes of every SQLite 3 database file. */
export const SQLITE_HEADER = 'SQLite format 3\0';

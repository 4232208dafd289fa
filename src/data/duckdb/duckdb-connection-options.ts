/** A CSV, Parquet or JSON file loaded as a table when the connector opens. */
export interface DuckDbFileTable {
  /** Table name the file becomes (a plain identifier; quoted by the connector). */
  table: string;
  path: string;
}

/** How a DuckDB connector opens its database. */
export interface DuckDbConnectionOptions {
  /** Datasource name the connector reports. */
  name: string;
  /** A database file; omit (or `:memory:`) for an in-memory database, e.g. for file tables. */
  path?: string;
  /** Open the database file in DuckDB's READ_ONLY access mode (the engine refuses writes). */
  readOnly?: boolean;
  /** Files registered as tables by our own code (never by user SQL). */
  files?: DuckDbFileTable[];
  /** Where the private read-only copy of registered files is kept (default: the OS temp dir). */
  workDir?: string;
  /** Bounds on loading registered files (a small compressed file can hold billions of rows). */
  fileLoad?: Partial<FileLoadLimits>;
  /** Default row cap when a query gives none. */
  rowCap?: number;
  /** Default byte cap on a result's rows (as JSON) when a query gives none. */
  resultMaxBytes?: number;
  /** Default statement timeout when a query gives none. */
  statementTimeoutMs?: number;
  /**
   * Keep file and network access enabled after setup. Off by default: once the connector is
   * open, `read_csv('/etc/passwd')`, `httpfs` and friends fail inside the engine as well.
   */
  allowExternalAccess?: boolean;
}

/** How much loading one registered file may take; past a bound it is refused, not truncated. */
export interface FileLoadLimits {
  /** Wall time for loading all files of the connector (DATASOURCE_LOAD_TIMEOUT). */
  timeoutMs: number;
  /** Rows one file may hold (DATASOURCE_TOO_LARGE). */
  maxRows: number;
  /** Columns one file may hold (DATASOURCE_TOO_LARGE). */
  maxColumns: number;
  /** DuckDB threads used while loading, so one registration cannot take every core. */
  threads: number;
}

export const DEFAULT_FILE_LOAD_LIMITS: FileLoadLimits = { timeoutMs: 60_000, maxRows: 20_000_000, maxColumns: 1_000, threads: 1 };

export const DEFAULT_ROW_CAP = 10_000;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;
/** 16 MiB of rows as JSON: far above any chart or table, far below what hurts the server. */
export const DEFAULT_RESULT_MAX_BYTES = 16 * 1024 * 1024;

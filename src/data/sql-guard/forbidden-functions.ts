/**
 * Functions that reach outside the database — files, network, environment, other databases,
 * extensions — or into the engine's own configuration. Matched case-insensitively on the
 * function's name, wherever it is called (table or scalar position).
 */
const FORBIDDEN_NAMES = new Set([
  // files and globbing
  'glob', 'read_text', 'read_blob', 'read_csv', 'read_csv_auto', 'read_parquet', 'parquet_scan', 'read_json', 'read_json_auto',
  'read_json_objects', 'read_ndjson', 'read_ndjson_auto', 'read_ndjson_objects', 'sniff_csv', 'parquet_metadata', 'parquet_schema',
  'parquet_file_metadata', 'parquet_kv_metadata', 'read_xlsx', 'st_read', 'iceberg_scan', 'delta_scan', 'read_duckdb',
  // other databases and dynamic SQL
  'sqlite_scan', 'sqlite_attach', 'postgres_scan', 'postgres_query', 'postgres_execute', 'postgres_attach', 'mysql_scan', 'mysql_query',
  'mysql_execute', 'query', 'query_table', 'dblink', 'dblink_exec',
  // environment, settings, extensions, system
  'getenv', 'current_setting', 'set_config', 'load_extension', 'install_extension', 'system', 'shell', 'pg_read_file',
  'pg_read_binary_file', 'pg_ls_dir', 'pg_stat_file', 'lo_import', 'lo_export', 'pg_sleep', 'sleep_ms',
  // SQLite shell and extension functions
  'readfile', 'writefile', 'edit', 'fts3_tokenizer', 'zipfile', 'sqlar_compress', 'sqlar_uncompress', 'lsdir', 'fsdir',
  // network
  'http_get', 'http_post', 'url',
]);

/** Name families: readers, scanners and the engine's catalogue of settings, secrets and files. */
const FORBIDDEN_PREFIXES = ['read_', 'http_', 'postgres_', 'mysql_', 'sqlite_', 'iceberg_', 'delta_', 'duckdb_', 'pragma_', 'parquet_', 'pg_'];

/** True when calling `name(...)` is not allowed in a read-only analytical query. */
export function isForbiddenFunction(name: string): boolean {
  const lower = name.toLowerCase();
  return FORBIDDEN_NAMES.has(lower) || FORBIDDEN_PREFIXES.some((prefix) => lower.startsWith(prefix)) || lower.endsWith('_scan');
}

/** The only table functions a query may use in DuckDB: they generate rows, they read nothing. */
export const ALLOWED_TABLE_FUNCTIONS = new Set(['range', 'generate_series', 'unnest', 'generate_subscripts']);

/**
 * The engine's own catalogue, read as tables: it describes the server (database file paths,
 * settings such as temp_directory and secret_directory, loaded extensions), not the data.
 * DuckDB: the `system` catalogue, the `pg_catalog` schema, and views such as
 * `duckdb_databases` or `pragma_database_list`; SQLite: the pragma and page views and
 * `sqlite_schema`. The SQL-standard `information_schema` stays readable: it lists only table
 * and column names and types, as the Data DNA does. A user table of the same name is allowed.
 */
export const CATALOG_VIEW_PREFIXES = ['duckdb_', 'pragma_', 'pg_', 'sqlite_'];
export const CATALOG_VIEW_NAMES = new Set(['dbstat', 'sqlite_dbpage', 'sqlite_stmt']);
export const CATALOG_NAMES = new Set(['system']);
export const CATALOG_SCHEMAS = new Set(['pg_catalog']);

/** True when a table name is one of the engine's catalogue views (by name, schema aside). */
export function isCatalogViewName(name: string): boolean {
  const lower = name.toLowerCase();
  return CATALOG_VIEW_NAMES.has(lower) || CATALOG_VIEW_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

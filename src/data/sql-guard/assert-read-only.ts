import type { Connector } from '../connector.js';
import type { DuckDbConnector } from '../duckdb/duckdb-connector.js';
import type { MysqlConnector } from '../mysql/mysql-connector.js';
import type { SqliteConnector } from '../sqlite/sqlite-connector.js';
import { checkDuckDbReadOnly } from './duckdb-read-only-check.js';
import { checkMysqlReadOnly } from './mysql-read-only-check.js';
import { checkFunctions, checkParsedAsSelect, checkSqliteReadOnly } from './sqlite-read-only-check.js';
import { guardError } from './guard-error.js';
import { checkPostgresReadOnly } from './postgres-read-only-check.js';
import { splitStatements, tokenizeSql } from './sql-tokens.js';

const PARSER_DATABASE: Record<string, string> = { postgres: 'postgresql', clickhouse: 'postgresql', sqlite: 'sqlite', duckdb: 'postgresql' };

/**
 * The read-only guard (ARCHITECTURE §3). Resolves when `sql` is exactly one SELECT/WITH query
 * with no data-modifying CTE and no file, network or system function; otherwise throws an
 * AppError with SQL_PARSE_ERROR, SQL_MULTIPLE_STATEMENTS, SQL_NOT_READ_ONLY,
 * SQL_DATA_MODIFYING_CTE, SQL_FORBIDDEN_FUNCTION or SQL_FORBIDDEN_STATEMENT and the SQL in
 * `details.sql`. A parser decides — DuckDB's own (`json_serialize_sql`), SQLite's
 * prepare (`stmt.readonly`) plus node-sql-parser — never the first word. The connector still
 * enforces read-only in the engine, the row cap and the timeout when the query runs.
 */
export async function assertReadOnly(connector: Connector, sql: string): Promise<void> {
  if (connector.dialect === 'duckdb' && 'runInternal' in connector) return checkDuckDbReadOnly(connector as DuckDbConnector, sql);
  if (connector.dialect === 'sqlite' && 'inspect' in connector) return checkSqliteReadOnly(connector as SqliteConnector, sql);
  if (connector.dialect === 'mysql') return checkMysqlReadOnly(sql, 'flavour' in connector ? (connector as MysqlConnector).flavour : 'mysql');
  if (connector.dialect === 'postgres') return checkPostgresReadOnly(sql);
  // Other engines (ClickHouse): node-sql-parser decides; their connectors run in read-only
  // sessions as the second line.
  const tokens = tokenizeSql(sql, { nestedComments: connector.dialect !== 'sqlite' });
  const statements = splitStatements(tokens);
  if (statements.length === 0) throw guardError('SQL_PARSE_ERROR', sql, 'the SQL is empty');
  if (statements.length > 1) throw guardError('SQL_MULTIPLE_STATEMENTS', sql, `${statements.length} statements`);
  checkParsedAsSelect(sql, statements[0], PARSER_DATABASE[connector.dialect] ?? 'postgresql');
  checkFunctions(sql, tokens);
}

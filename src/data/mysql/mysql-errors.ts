import { AppError } from '../../core/app-error.js';

/** Why a running statement stopped early, when we stopped it. */
export type StopReason = 'timeout' | 'cancelled';

/** Server error numbers (MySQL and MariaDB share most; the two timeouts differ). */
const ER_QUERY_INTERRUPTED = 1317;
const ER_STATEMENT_TIMEOUT_MARIADB = 1969;
const ER_QUERY_TIMEOUT_MYSQL = 3024;
const ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION = 1792;
const PERMISSION_ERRORS = new Set([1044, 1045, 1142, 1143, 1227, 1370]);
const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'PROTOCOL_CONNECTION_LOST', 'ER_ACCESS_DENIED_ERROR', 'ER_BAD_DB_ERROR']);

interface MysqlDriverError {
  errno?: number;
  code?: string;
  sqlMessage?: string;
  message?: string;
}

/**
 * Turns what mysql2 threw into the connector's codes: our own KILL QUERY (or the server's
 * statement time limit) becomes CONNECTOR_QUERY_TIMEOUT / CONNECTOR_QUERY_CANCELLED; a refused
 * write CONNECTOR_PERMISSION_DENIED; every other engine error CONNECTOR_QUERY_FAILED with the
 * SQL and a hint. `secret` (the password) is removed from every message.
 */
export function toMysqlQueryError(error: unknown, sql: string, stopReason: StopReason | undefined, timeoutMs: number, secret = ''): AppError {
  if (error instanceof AppError) return error;
  const driver = (error ?? {}) as MysqlDriverError;
  const message = scrub(driver.sqlMessage ?? driver.message ?? String(error), secret);
  if (stopReason === 'cancelled') return new AppError('CONNECTOR_QUERY_CANCELLED', 'The query was cancelled.', { details: { sql }, cause: error });
  if (stopReason === 'timeout' || driver.errno === ER_STATEMENT_TIMEOUT_MARIADB || driver.errno === ER_QUERY_TIMEOUT_MYSQL) {
    return new AppError('CONNECTOR_QUERY_TIMEOUT', `The query ran longer than ${timeoutMs} ms and was stopped.`, {
      details: { sql, timeoutMs, hint: 'Narrow the question (filters, fewer groups) or raise limits.statementTimeoutMs.' },
      cause: error,
    });
  }
  if (driver.errno === ER_QUERY_INTERRUPTED) return new AppError('CONNECTOR_QUERY_CANCELLED', 'The query was interrupted on the server.', { details: { sql }, cause: error });
  if (driver.errno === ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION || (driver.errno !== undefined && PERMISSION_ERRORS.has(driver.errno))) {
    return new AppError('CONNECTOR_PERMISSION_DENIED', `MySQL refused the statement: ${message}`, {
      details: { sql, engineMessage: message, hint: 'InsightX only reads: each query runs in a READ ONLY transaction; grant the InsightX user SELECT on the tables it should read.' },
      cause: error,
    });
  }
  if (driver.code !== undefined && CONNECTION_ERRORS.has(driver.code)) return toMysqlConnectionError(error, secret, sql);
  return new AppError('CONNECTOR_QUERY_FAILED', `MySQL rejected the query: ${message}`, {
    details: { sql, engineMessage: message, hint: hintFor(driver.errno, message) },
    cause: error,
  });
}

/** A server that cannot be reached or refuses the login; the message never holds the password. */
export function toMysqlConnectionError(error: unknown, secret: string, sql?: string, where?: string): AppError {
  const driver = (error ?? {}) as MysqlDriverError;
  const message = scrub(driver.sqlMessage ?? driver.message ?? String(error), secret);
  const target = where ? ` at ${where}` : '';
  return new AppError('CONNECTOR_CONNECTION_FAILED', `Cannot reach the MySQL/MariaDB server${target}: ${message}. Check the host, port, user, password and database in the URL, and that the server runs.`, {
    details: { ...(sql === undefined ? {} : { sql }), ...(where ? { server: where } : {}), engineCode: driver.code ?? null },
    // The driver's error may quote the connection settings: keep it out of logs.
    cause: undefined,
  });
}

function scrub(text: string, secret: string): string {
  return secret.length >= 3 ? text.split(secret).join('***') : text;
}

function hintFor(errno: number | undefined, message: string): string {
  if (errno === 1064) return 'Fix the SQL syntax near the words the engine quotes; strings take single quotes, identifiers backticks or double quotes.';
  if (errno === 1054) return 'Use a column that exists; the Data DNA lists each table\'s columns (a double-quoted word is a column name here, not a string).';
  if (errno === 1146) return 'Use a table that exists; `insightx dna` lists them.';
  if (errno === 1052) return 'Qualify the column with its table: the name exists in more than one joined table.';
  if (errno === 1055 || /GROUP BY/i.test(message)) return 'Every selected column that is not aggregated must be in GROUP BY.';
  if (errno === 1305) return 'Use a function MySQL/MariaDB has: DATE_FORMAT for dates, CAST(x AS CHAR|SIGNED|DECIMAL|DOUBLE).';
  return 'Read the engine message and fix the SQL.';
}

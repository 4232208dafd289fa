import { AppError } from '../../core/app-error.js';
import type { JsonValue } from '../../core/app-error.js';
import type { ErrorCode } from '../../core/error-codes.js';
import { scrubSecret } from './postgres-connection-options.js';

/** Why a running statement stopped early, when we stopped it. */
export type StopReason = 'timeout' | 'cancelled' | 'closed';

interface PgError {
  code?: string;
  message?: string;
  hint?: string;
  position?: string;
}

/**
 * Turns what the pg driver threw into the connector's codes, by SQLSTATE: our own stop becomes
 * CONNECTOR_QUERY_TIMEOUT / CONNECTOR_QUERY_CANCELLED, a write refused by the read-only
 * transaction SQL_NOT_READ_ONLY, a missing privilege CONNECTOR_PERMISSION_DENIED, a lost
 * server CONNECTOR_CONNECTION_FAILED, everything else CONNECTOR_QUERY_FAILED with the SQL and
 * a hint. The password of `url` never appears in the message or the details.
 */
export function toPostgresQueryError(error: unknown, sql: string, stopReason: StopReason | undefined, timeoutMs: number, url: string): AppError {
  if (error instanceof AppError) return error;
  const pgError = (error ?? {}) as PgError;
  const sqlState = typeof pgError.code === 'string' ? pgError.code : '';
  const message = scrubSecret(pgError.message ?? String(error), url);
  if (stopReason === 'timeout' || (sqlState === '57014' && /statement timeout/i.test(message))) {
    return new AppError('CONNECTOR_QUERY_TIMEOUT', `The query ran longer than ${timeoutMs} ms and was stopped.`, {
      details: { sql, timeoutMs, hint: 'Narrow the question (filters, fewer groups) or raise limits.statementTimeoutMs.' },
    });
  }
  if (stopReason === 'closed') {
    return new AppError('CONNECTOR_QUERY_CANCELLED', 'The query was cancelled because its datasource was closed.', { details: { sql } });
  }
  if (stopReason === 'cancelled' || sqlState === '57014') {
    return new AppError('CONNECTOR_QUERY_CANCELLED', 'The query was cancelled.', { details: { sql } });
  }
  const code = sqlState === '' && !LOST_CONNECTION.test(message) ? 'CONNECTOR_QUERY_FAILED' : codeFor(sqlState);
  const hint = pgError.hint ? `${pgError.hint}` : hintFor(sqlState, message);
  const details: Record<string, JsonValue> = { sql, engineMessage: message, sqlState, hint };
  if (pgError.position) details.position = Number(pgError.position);
  if (code === 'CONNECTOR_CONNECTION_FAILED') {
    return new AppError(code, `The PostgreSQL server could not be reached or dropped the connection: ${message}. Check that it is running and that the URL is right.`, { details });
  }
  if (code === 'SQL_NOT_READ_ONLY') return new AppError(code, `Only read-only queries can run; PostgreSQL refused a write: ${message}.`, { details });
  if (code === 'CONNECTOR_PERMISSION_DENIED') return new AppError(code, `PostgreSQL refused the query for lack of permission: ${message}.`, { details });
  return new AppError('CONNECTOR_QUERY_FAILED', `PostgreSQL rejected the query: ${message}`, { details });
}

/** Driver errors without a SQLSTATE that mean the connection is gone. */
const LOST_CONNECTION = /connect|terminat|ECONN|EPIPE|socket|closed|timeout/i;

function codeFor(sqlState: string): ErrorCode {
  if (sqlState === '25006') return 'SQL_NOT_READ_ONLY';
  if (sqlState === '42501') return 'CONNECTOR_PERMISSION_DENIED';
  if (sqlState.startsWith('08') || sqlState.startsWith('57P') || sqlState === '' ) return 'CONNECTOR_CONNECTION_FAILED';
  return 'CONNECTOR_QUERY_FAILED';
}

function hintFor(sqlState: string, message: string): string {
  if (sqlState === '42601') return 'Fix the SQL syntax near the position the engine names.';
  if (sqlState === '42703') return "Use a column that exists; the Data DNA lists each table's columns.";
  if (sqlState === '42P01') return 'Use a table that exists; `insightx dna` lists them.';
  if (sqlState === '42883' || sqlState === '42804' || sqlState.startsWith('22')) return 'Check the types: cast values or compare like with like.';
  if (sqlState === '42803') return 'Every selected column must be grouped or aggregated.';
  if (sqlState === '25006' || sqlState === '42501') return 'InsightX only reads; ask the database owner for SELECT rights on the tables you need.';
  if (/cursor/i.test(message)) return 'Only a single SELECT or WITH query can run here.';
  return 'Read the engine message and fix the SQL.';
}

/**
 * A failure to connect (bad host, password, database) as CONNECTOR_CONNECTION_FAILED, naming
 * the datasource and the redacted URL, never the password.
 */
export function toPostgresConnectError(error: unknown, name: string, url: string, redactedUrl: string): AppError {
  const pgError = (error ?? {}) as PgError;
  const message = scrubSecret(pgError.message ?? String(error), url);
  const sqlState = typeof pgError.code === 'string' ? pgError.code : '';
  const hint =
    sqlState === '28P01' || sqlState === '28000'
      ? 'Check the user name and password (a ${VAR} reference in the URL is read from the environment).'
      : sqlState === '3D000'
        ? 'Check the database name at the end of the URL.'
        : 'Check that the server is running and reachable at the host and port of the URL.';
  return new AppError('CONNECTOR_CONNECTION_FAILED', `Cannot connect to the PostgreSQL datasource "${name}" at ${redactedUrl}: ${message}. ${hint}`, {
    details: { name, url: redactedUrl, sqlState, hint },
  });
}

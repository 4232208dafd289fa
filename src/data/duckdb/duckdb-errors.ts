import { AppError } from '../../core/app-error.js';

/** Why a running statement stopped early, when we stopped it. */
export type StopReason = 'timeout' | 'cancelled';

/**
 * Turns what DuckDB threw into the connector's codes: our own interrupt becomes
 * CONNECTOR_QUERY_TIMEOUT / CONNECTOR_QUERY_CANCELLED; every engine error becomes
 * CONNECTOR_QUERY_FAILED with the SQL and a hint from the engine's error class.
 */
export function toDuckDbQueryError(error: unknown, sql: string, stopReason: StopReason | undefined, timeoutMs: number): AppError {
  if (error instanceof AppError) return error;
  if (stopReason === 'timeout') {
    return new AppError('CONNECTOR_QUERY_TIMEOUT', `The query ran longer than ${timeoutMs} ms and was stopped.`, {
      details: { sql, timeoutMs, hint: 'Narrow the question (filters, fewer groups) or raise limits.statementTimeoutMs.' },
      cause: error,
    });
  }
  if (stopReason === 'cancelled') {
    return new AppError('CONNECTOR_QUERY_CANCELLED', 'The query was cancelled.', { details: { sql }, cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('CONNECTOR_QUERY_FAILED', `DuckDB rejected the query: ${firstLine(message)}`, {
    details: { sql, engineMessage: message, hint: hintFor(message) },
    cause: error,
  });
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

function hintFor(message: string): string {
  if (/^Parser Error/i.test(message)) return 'Fix the SQL syntax near the position the engine names.';
  if (/Referenced column|column .* not found/i.test(message)) return 'Use a column that exists; the Data DNA lists each table\'s columns.';
  if (/Table with name .* does not exist|Catalog Error/i.test(message)) return 'Use a table that exists; `insightx dna` lists them.';
  if (/Binder Error|Conversion Error|No function matches/i.test(message)) return 'Check the types: cast values or compare like with like.';
  if (/read-only|Permission Error|disabled by configuration|configuration has been locked/i.test(message)) {
    return 'InsightX only reads: files, network and settings are not reachable from SQL.';
  }
  return 'Read the engine message and fix the SQL.';
}

import { AppError } from '../../core/app-error.js';

/** What the worker reports when a statement fails. */
export interface SqliteWorkerError {
  message: string;
  code?: string;
}

/** Turns a worker failure into the connector's codes, with the SQL and a hint. */
export function toSqliteQueryError(error: SqliteWorkerError, sql: string): AppError {
  if (error.code === 'SQL_NOT_READ_ONLY') {
    return new AppError('SQL_NOT_READ_ONLY', 'Only a read-only SELECT/WITH query can run here.', { details: { sql, hint: 'InsightX only reads; run changes with your own database tools.' } });
  }
  if (/more than one statement/i.test(error.message)) {
    return new AppError('SQL_MULTIPLE_STATEMENTS', 'Only one statement may run at a time.', { details: { sql, hint: 'Send one SELECT or WITH query.' } });
  }
  if (/readonly|read-only|query_only/i.test(error.message)) {
    return new AppError('SQL_NOT_READ_ONLY', `SQLite refused to write: ${error.message}`, { details: { sql, hint: 'InsightX only reads.' } });
  }
  return new AppError('CONNECTOR_QUERY_FAILED', `SQLite rejected the query: ${error.message}`, {
    details: { sql, engineMessage: error.message, engineCode: error.code ?? null, hint: hintFor(error.message) },
  });
}

function hintFor(message: string): string {
  if (/syntax error|incomplete input/i.test(message)) return 'Fix the SQL syntax near the word the engine names.';
  if (/no such column/i.test(message)) return 'Use a column that exists; the Data DNA lists each table\'s columns.';
  if (/no such table/i.test(message)) return 'Use a table that exists; `insightx dna` lists them.';
  if (/no such function/i.test(message)) return 'SQLite lacks that function; use a portable one (e.g. strftime for dates).';
  return 'Read the engine message and fix the SQL.';
}

export function timeoutError(sql: string, timeoutMs: number): AppError {
  return new AppError('CONNECTOR_QUERY_TIMEOUT', `The query ran longer than ${timeoutMs} ms and was stopped.`, {
    details: { sql, timeoutMs, hint: 'Narrow the question (filters, fewer groups) or raise limits.statementTimeoutMs.' },
  });
}

export function cancelledError(sql: string): AppError {
  return new AppError('CONNECTOR_QUERY_CANCELLED', 'The query was cancelled.', { details: { sql } });
}

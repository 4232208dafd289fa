import { AppError } from '../../core/app-error.js';
import type { ErrorCode } from '../../core/error-codes.js';

const MESSAGES: Partial<Record<ErrorCode, string>> = {
  SQL_PARSE_ERROR: 'The SQL could not be parsed',
  SQL_MULTIPLE_STATEMENTS: 'Only one statement may run at a time; send a single SELECT or WITH query',
  SQL_NOT_READ_ONLY: 'Only read-only SELECT/WITH queries can run; InsightX never changes data',
  SQL_DATA_MODIFYING_CTE: 'A WITH clause may not contain INSERT, UPDATE or DELETE; use a plain SELECT inside WITH',
  SQL_FORBIDDEN_FUNCTION: 'The query calls a file, network or system function, or reads the engine\'s catalogue; query the datasource\'s tables instead',
  SQL_FORBIDDEN_STATEMENT: 'COPY, ATTACH, INSTALL, LOAD, PRAGMA, SET, SUMMARIZE, DESCRIBE, SHOW and similar statements are not allowed; use a plain SELECT',
};

/** The guard's rejection: the code, a message that says what to do, the SQL and the reason. */
export function guardError(code: ErrorCode, sql: string, reason?: string): AppError {
  const base = MESSAGES[code] ?? 'The SQL is not allowed';
  return new AppError(code, reason ? `${base} (${reason}).` : `${base}.`, { details: reason ? { sql, reason } : { sql } });
}

import { AppError } from '../core/app-error.js';

/**
 * Wraps a database driver error into STORE_QUERY_FAILED, keeping the PostgreSQL SQLSTATE
 * (`details.pgCode`) so repositories can tell a unique violation (23505) from a fault.
 */
export function toStoreError(error: unknown, sql: string): AppError {
  if (error instanceof AppError) return error;
  const pgCode = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : null;
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('STORE_QUERY_FAILED', `The store query failed: ${message}`, {
    cause: error,
    details: { pgCode, sql: sql.slice(0, 500) },
  });
}

/** True when the error is a unique-constraint violation. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof AppError && error.details.pgCode === '23505';
}

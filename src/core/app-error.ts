import { ERROR_CODES, type ErrorCategory, type ErrorCode } from './error-codes.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface AppErrorOptions {
  details?: Record<string, JsonValue>;
  cause?: unknown;
  /** Overrides the registry's default. */
  retryable?: boolean;
}

/** The one error base: a stable code, a category, an HTTP status, JSON-safe details. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly category: ErrorCategory;
  readonly httpStatus: number;
  readonly details: Record<string, JsonValue>;
  readonly isRetryable: boolean;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const info = ERROR_CODES[code];
    this.name = 'AppError';
    this.code = code;
    this.category = info.category;
    this.httpStatus = info.httpStatus;
    this.details = options.details ?? {};
    this.isRetryable = options.retryable ?? info.retryable;
  }

  toJSON(): { code: ErrorCode; message: string; details?: Record<string, JsonValue> } {
    return Object.keys(this.details).length > 0
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** Wraps anything thrown into an AppError; unknown errors become INTERNAL with the cause kept. */
export function toAppError(value: unknown): AppError {
  if (value instanceof AppError) return value;
  if (value instanceof Error && value.name === 'AbortError') {
    return new AppError('RUN_CANCELLED', 'The run was cancelled.', { cause: value });
  }
  const message = value instanceof Error ? value.message : String(value);
  return new AppError('INTERNAL', message, { cause: value });
}

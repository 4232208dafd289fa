import { AppError } from '../../core/app-error.js';

export const RESULT_FORMATS = ['json', 'csv', 'parquet'] as const;
export type ResultFormat = (typeof RESULT_FORMATS)[number];

export const CONTENT_TYPES: Record<ResultFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
};

/** `?format=` (default json); anything else is HTTP_UNSUPPORTED_FORMAT (406). */
export function parseResultFormat(value: unknown): ResultFormat {
  if (value === undefined || value === '') return 'json';
  if (typeof value === 'string' && (RESULT_FORMATS as readonly string[]).includes(value)) return value as ResultFormat;
  throw new AppError('HTTP_UNSUPPORTED_FORMAT', `Format "${String(value)}" is not supported; use format=json, csv or parquet.`, {
    details: { supported: [...RESULT_FORMATS] },
  });
}

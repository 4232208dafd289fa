import { AppError } from '../../core/app-error.js';

/**
 * The seq to resume after: the `Last-Event-ID` header (what EventSource sends on reconnect)
 * or `?lastEventId=` (for clients that cannot set headers). Absent means from the start.
 */
export function parseLastEventId(header: string | string[] | undefined, query: unknown): number {
  const raw = (Array.isArray(header) ? header[0] : header) ?? (typeof query === 'string' ? query : undefined);
  if (raw === undefined || raw.trim() === '') return -1;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < -1) {
    throw new AppError('INPUT_INVALID', `Last-Event-ID must be the id (a whole number) of the last event received, got "${raw}".`);
  }
  return value;
}

import type { Clock } from '../../core/clock.js';
import type { IdGenerator } from '../../core/ids.js';
import type { Queryable } from '../db.js';

/** What every repository closes over: where to query, and the injected ids and clock. */
export interface RepositoryContext {
  db: Queryable;
  ids: IdGenerator;
  clock: Clock;
  /** Bytes a stored result's rows may take as JSON (`limits.resultMaxBytes`); 16 MiB when unset. */
  resultMaxBytes?: number;
}

/** Timestamps come back as Date from both drivers; the API speaks ISO strings. */
export function toIso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}

export function toIsoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : toIso(value);
}

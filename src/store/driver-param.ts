import type { SqlParam } from './db.js';

/** Objects and arrays go to jsonb as JSON text; queries cast them with `$n::jsonb`. */
export function toDriverParam(value: SqlParam): unknown {
  if (value === null || value instanceof Date || typeof value !== 'object') return value;
  return JSON.stringify(value);
}

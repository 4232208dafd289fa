import type { Cell } from '../../core/query-result.js';

const MAX = BigInt(Number.MAX_SAFE_INTEGER);
const MIN = BigInt(Number.MIN_SAFE_INTEGER);

/**
 * Makes one SQLite value JSON-safe. Integers come as bigint (safe-integer mode) and become
 * numbers when exact, text otherwise. Text in a numeric column is kept as the text it is:
 * SQLite allows it, and turning it into 0 would corrupt aggregates. Blobs become hex.
 */
export function normalizeSqliteValue(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value <= MAX && value >= MIN ? Number(value) : value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
  return null;
}

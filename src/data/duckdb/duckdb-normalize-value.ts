import type { Cell } from '../../core/query-result.js';
import type { DuckDbValueKind } from './duckdb-type-mapping.js';

const SAFE_INTEGER_TEXT = /^-?\d{1,15}$/;

/**
 * Makes one value (as the Neo API's JSON converter gives it) JSON-safe for its column kind.
 * Anything that cannot be read as its type becomes null, never 0: a silent 0 corrupts sums.
 */
export function normalizeDuckDbValue(value: unknown, kind: DuckDbValueKind): Cell {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    case 'bigint':
      return normalizeBigInt(value);
    case 'decimal': {
      const number = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(number) ? number : null;
    }
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
    case 'timestamp':
      return normalizeTimestamp(value);
    case 'json':
      return JSON.stringify(value);
    case 'string':
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

/** BIGINT/HUGEINT arrive as text: a number when it fits exactly, else the text itself. */
function normalizeBigInt(value: unknown): Cell {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const text = String(value);
  if (SAFE_INTEGER_TEXT.test(text)) return Number(text);
  if (!/^-?\d+$/.test(text)) return null;
  const big = BigInt(text);
  return big <= BigInt(Number.MAX_SAFE_INTEGER) && big >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(big) : text;
}

/** `2024-01-02 03:04:05.5` → `2024-01-02T03:04:05.5`; with a zone `+00` → `+00:00`. Infinity → null. */
function normalizeTimestamp(value: unknown): Cell {
  if (typeof value !== 'string') return null;
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)([+-]\d{2}(?::?\d{2})?)?$/.exec(value);
  if (!match) return null;
  const zone = match[3] === undefined ? '' : match[3].length === 3 ? `${match[3]}:00` : match[3];
  return `${match[1]}T${match[2]}${zone}`;
}

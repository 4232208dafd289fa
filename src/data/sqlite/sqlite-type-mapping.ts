/**
 * SQLite has storage classes, not column types: a declared type is only an affinity hint, and
 * expressions have none. When the engine reports no declared type we name the storage class
 * of the first non-null value, so a result column always has a type people can read.
 */
export function sqliteTypeName(declared: string | null, sample: unknown): string {
  if (declared) return declared.toUpperCase();
  if (typeof sample === 'bigint') return 'INTEGER';
  if (typeof sample === 'number') return 'REAL';
  if (typeof sample === 'string') return 'TEXT';
  if (sample instanceof Uint8Array) return 'BLOB';
  return '';
}

import { DuckDBTypeId } from '@duckdb/node-api';

/** How a DuckDB column's values are made JSON-safe (see duckdb-normalize-value.ts). */
export type DuckDbValueKind = 'number' | 'bigint' | 'decimal' | 'boolean' | 'string' | 'date' | 'timestamp' | 'json';

const KIND_BY_TYPE_ID: Partial<Record<DuckDBTypeId, DuckDbValueKind>> = {
  [DuckDBTypeId.BOOLEAN]: 'boolean',
  [DuckDBTypeId.TINYINT]: 'number',
  [DuckDBTypeId.SMALLINT]: 'number',
  [DuckDBTypeId.INTEGER]: 'number',
  [DuckDBTypeId.UTINYINT]: 'number',
  [DuckDBTypeId.USMALLINT]: 'number',
  [DuckDBTypeId.UINTEGER]: 'number',
  [DuckDBTypeId.FLOAT]: 'number',
  [DuckDBTypeId.DOUBLE]: 'number',
  [DuckDBTypeId.BIGINT]: 'bigint',
  [DuckDBTypeId.UBIGINT]: 'bigint',
  [DuckDBTypeId.HUGEINT]: 'bigint',
  [DuckDBTypeId.UHUGEINT]: 'bigint',
  [DuckDBTypeId.BIGNUM]: 'bigint',
  [DuckDBTypeId.DECIMAL]: 'decimal',
  [DuckDBTypeId.DATE]: 'date',
  [DuckDBTypeId.TIMESTAMP]: 'timestamp',
  [DuckDBTypeId.TIMESTAMP_S]: 'timestamp',
  [DuckDBTypeId.TIMESTAMP_MS]: 'timestamp',
  [DuckDBTypeId.TIMESTAMP_NS]: 'timestamp',
  [DuckDBTypeId.TIMESTAMP_TZ]: 'timestamp',
  [DuckDBTypeId.LIST]: 'json',
  [DuckDBTypeId.ARRAY]: 'json',
  [DuckDBTypeId.STRUCT]: 'json',
  [DuckDBTypeId.MAP]: 'json',
  [DuckDBTypeId.UNION]: 'json',
  [DuckDBTypeId.INTERVAL]: 'json',
  [DuckDBTypeId.VARIANT]: 'json',
};

/** The normalisation a column of this type gets; everything unlisted is kept as its text. */
export function duckDbValueKind(typeId: DuckDBTypeId): DuckDbValueKind {
  return KIND_BY_TYPE_ID[typeId] ?? 'string';
}

import { parquetWriteBuffer } from 'hyparquet-writer';
import type { BasicType } from 'hyparquet-writer';
import type { Cell } from '../../core/query-result.js';
import type { StoredResult } from '../../store/result-store.js';

/**
 * The parquet type of a column from its values (cells are already JSON-safe: engine types
 * like DECIMAL arrive as numbers or strings). Mixed or text columns are STRING.
 */
function columnType(values: Cell[]): BasicType {
  const present = values.filter((value) => value !== null);
  if (present.length > 0 && present.every((value) => typeof value === 'boolean')) return 'BOOLEAN';
  if (present.length > 0 && present.every((value) => typeof value === 'number')) return 'DOUBLE';
  return 'STRING';
}

/** A result as a Parquet file (pure JS writer, snappy-compressed, nullable columns). */
export function resultParquet(result: StoredResult): Buffer {
  const columnData = result.columns.map((column, index) => {
    const values = result.rows.map((row) => row[index] ?? null);
    const type = columnType(values);
    const data = type === 'STRING' ? values.map((value) => (value === null ? null : String(value))) : values;
    return { name: column.name, data, type, nullable: true };
  });
  return Buffer.from(parquetWriteBuffer({ columnData }));
}
